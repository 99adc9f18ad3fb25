"""Consent text versions: the list, drafting, previewing and publishing one."""

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from crm.admin.blueprint import bp
from crm.admin.forms import ConsentTextForm, StatusForm
from crm.auth.access import role_required
from crm.auth.models import Role
from crm.extensions import db
from crm.locking import StaleEdit
from crm.matches import refresh
from crm.volunteers import consent_texts
from crm.volunteers.consent_texts import ConsentText


def _fallback() -> str:
    return current_app.config["CONSENT_VERSION"]


@bp.get("/consent-texts")
@role_required(Role.ADMIN)
def consent_texts_list():
    """Every version of the consent text: drafts, the one in force and the earlier ones."""
    return render_template(
        "admin/consent_texts.html",
        texts=consent_texts.versions(),
        in_force=consent_texts.in_force(),
        fallback=_fallback(),
    )


def _form_page(form: ConsentTextForm, text: ConsentText | None, status: int = 200):
    return render_template("admin/consent_text_form.html", form=form, text=text), status


def _label_taken(form: ConsentTextForm) -> None:
    form.label.errors.append(_("Another version already has this name."))


@bp.route("/consent-texts/new", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def new_consent_text():
    """Draft a new version, starting from the text in force; it changes nothing for volunteers
    until it is published."""
    form = ConsentTextForm()
    in_force = consent_texts.in_force()
    if not form.is_submitted() and in_force is not None:
        form.text_da.data, form.text_en.data = in_force.text_da, in_force.text_en
    if form.validate_on_submit():
        try:
            text = consent_texts.create_draft(form.to_data(), current_user, _fallback())
        except consent_texts.LabelTaken:
            db.session.rollback()
            _label_taken(form)
            return _form_page(form, None, 400)
        db.session.commit()
        flash(_("The draft is saved. Read it through before you publish it."), "success")
        return redirect(url_for(".consent_text", text_id=text.id))
    return _form_page(form, None, 400 if form.is_submitted() else 200)


def _draft(text_id: int) -> ConsentText:
    return db.get_or_404(ConsentText, text_id)


@bp.route("/consent-texts/<int:text_id>/edit", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def edit_consent_text(text_id: int):
    """Change a draft (a published version is never changed)."""
    text = _draft(text_id)
    if text.is_published:
        flash(_("A published version cannot be changed. Draft a new version instead."), "error")
        return redirect(url_for(".consent_text", text_id=text.id))
    form = ConsentTextForm(obj=text)
    if not form.is_submitted():
        return _form_page(form, text)
    if not form.validate():
        return _form_page(form, text, 400)
    try:
        consent_texts.update_draft(text, form.to_data(), form.version.data, _fallback())
    except consent_texts.LabelTaken:
        db.session.rollback()
        _label_taken(form)
        return _form_page(form, db.session.get(ConsentText, text_id), 400)
    except (StaleEdit, consent_texts.AlreadyPublished):
        db.session.rollback()
        flash(_("Someone else changed the draft meanwhile. Nothing was saved."), "error")
        return _form_page(form, db.session.get(ConsentText, text_id), 409)
    db.session.commit()
    flash(_("The draft is saved."), "success")
    return redirect(url_for(".consent_text", text_id=text.id))


@bp.get("/consent-texts/<int:text_id>")
@role_required(Role.ADMIN)
def consent_text(text_id: int):
    """A version as volunteers see it, in Danish and English; a draft can be published here."""
    text = _draft(text_id)
    return render_template(
        "admin/consent_text.html",
        text=text,
        in_force=consent_texts.in_force(),
        publish_form=StatusForm(formdata=None, version=text.version),
    )


@bp.post("/consent-texts/<int:text_id>/publish")
@role_required(Role.ADMIN)
def publish_consent_text(text_id: int):
    """Put a draft in force: every earlier consent is outdated, those volunteers are matched no
    more until they consent again (their suggestions go at once, by a rematch)."""
    text = _draft(text_id)
    form = StatusForm()
    if not form.validate():
        abort(400)
    try:
        consent_texts.publish(text, form.version.data)
    except (StaleEdit, consent_texts.AlreadyPublished):
        db.session.rollback()
        flash(_("The version was changed or published meanwhile. Nothing was published."), "error")
        return redirect(url_for(".consent_text", text_id=text_id))
    refresh.rematch_all(derive_skills=False)
    db.session.commit()
    flash(
        _(
            "Version %(version)s is published. Volunteers who consented to an earlier version "
            "are asked to consent again and are not matched until they do.",
            version=text.label,
        ),
        "success",
    )
    return redirect(url_for(".consent_texts_list"))
