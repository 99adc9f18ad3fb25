"""The consultant imports volunteers from a spreadsheet; imported people claim their profile."""

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    stream_with_context,
    url_for,
)
from flask_babel import get_locale, ngettext
from flask_babel import gettext as _
from flask_login import current_user

from crm.audit import log as audit
from crm.audit.log import Action
from crm.auth.access import staff_required
from crm.auth.sessions import log_in
from crm.auth.tokens import TokenState
from crm.auth.views import auth_limit
from crm.consultant.exports import csv_lines
from crm.converters import id_or_none
from crm.extensions import db, limiter, limits_off
from crm.imports import claiming, services
from crm.imports.checking import check_table
from crm.imports.errors import error_header, error_rows
from crm.imports.forms import ClaimForm, FinishForm, InviteForm, MappingForm, UploadForm
from crm.imports.mapping import FIELDS
from crm.imports.models import BatchStatus, ImportBatch, ImportMapping
from crm.imports.reading import UnreadableFile
from crm.locking import StaleEdit, refuse_stale

bp = Blueprint("imports", __name__)

PREVIEW_ROWS = 5
LABELS = {field.key: field.label for field in FIELDS}
SHOWN_ERRORS = 200
"""Errors listed on the check page; the error file has them all."""
DUPLICATES_URL = "/consultant/duplicates"
"""The review queue of possible duplicates (crm/duplicates)."""


def _open_batch(batch_id: int) -> ImportBatch:
    """A batch still waiting for the consultant; a finished one leads to its result page."""
    batch = db.get_or_404(ImportBatch, batch_id)
    if batch.status != BatchStatus.UPLOADED:
        abort(redirect(url_for(".batch", batch_id=batch.id)))
    return batch


def _unreadable(reason: str) -> str:
    return {
        "empty": _("The file has no rows."),
        "too_many_rows": _(
            "The file has more than %(n)d rows. Split it into smaller files.",
            n=current_app.config["IMPORT_MAX_ROWS"],
        ),
        "encoding": _("The file's characters cannot be read. Save it as CSV (UTF-8) or XLSX."),
    }.get(reason, _("The file cannot be read as CSV or XLSX."))


@bp.route("/consultant/import/", methods=["GET", "POST"])
@staff_required
def upload():
    """Upload a spreadsheet; nothing is imported until the rows are checked and the consultant
    chooses."""
    request.max_content_length = current_app.config["IMPORT_MAX_BYTES"] + 64 * 1024
    form = UploadForm()
    if form.validate_on_submit():
        data = form.file.data.read(current_app.config["IMPORT_MAX_BYTES"] + 1)
        if len(data) > current_app.config["IMPORT_MAX_BYTES"]:
            form.file.errors.append(_("The file is too large."))
        else:
            batch = services.create_batch(current_user, form.file.data.filename or "", data)
            try:
                table = services.table_of(batch)
            except UnreadableFile as error:
                db.session.rollback()
                form.file.errors.append(_unreadable(error.reason))
            else:
                services.choose_mapping(batch, services.mapping_for(batch, table))
                db.session.commit()
                return redirect(url_for(".columns", batch_id=batch.id))
    status = 422 if form.errors else 200
    page = render_template("imports/upload.html", form=form, batches=services.recent_batches())
    return page, status


def _preview(batch: ImportBatch, columns: dict[str, str]):
    """The first rows checked with `columns` (not saved)."""
    return check_table(services.table_of(batch), columns, PREVIEW_ROWS)


@bp.route("/consultant/import/<int:batch_id>/columns", methods=["GET", "POST"])
@staff_required
def columns(batch_id: int):
    """Choose which column fills which field (guessed, or a saved mapping), with a preview of
    the first rows as they will be imported; optionally save the mapping under a name."""
    batch = _open_batch(batch_id)
    table = services.table_of(batch)
    saved_id = id_or_none(request.args.get("saved"))
    saved = db.session.get(ImportMapping, saved_id) if saved_id else None
    mapping = services.mapping_for(batch, table, saved)
    form = MappingForm(data={**mapping, "version": batch.version})
    form.set_headers(table.headers)
    status = 200
    if request.method == "POST":
        if form.validate():
            chosen = form.columns()
            try:
                # the version as posted: the form's own falls back to the current one
                with refuse_stale(batch, request.form.get("version")):
                    services.choose_mapping(batch, chosen)
                    if form.save_as.data and form.save_as.data.strip():
                        services.save_mapping(form.save_as.data, chosen, current_user)
                    db.session.commit()
            except StaleEdit:
                db.session.rollback()
                flash(_("Someone else changed this import meanwhile: check the columns again."))
                return redirect(url_for(".columns", batch_id=batch_id))
            except services.MappingNameTaken:
                db.session.rollback()
                form.save_as.errors.append(_("A saved mapping has this name already."))
                status = 422
            else:
                if form.save_as.data and form.save_as.data.strip():
                    flash(_("The mapping is saved."), "success")
                if form.check.data:
                    return redirect(url_for(".check", batch_id=batch_id))
                return redirect(url_for(".columns", batch_id=batch_id))
        else:
            status = 422
    preview = _preview(batch, form.columns()) if status != 422 else None
    bad: dict[int, list] = {}
    for error in preview.errors if preview else ():
        bad.setdefault(error.row, []).append(error)
    return (
        render_template(
            "imports/columns.html",
            batch=batch,
            form=form,
            table=table,
            preview=preview,
            fields=FIELDS,
            saved_mappings=services.saved_mappings(),
            saved=saved,
            bad=bad,
            labels=LABELS,
            branch_names=services.branch_names(),
        ),
        status,
    )


@bp.get("/consultant/import/<int:batch_id>/check")
@staff_required
def check(batch_id: int):
    """Every row checked: the good rows, those already registered and the errors, and the
    choice to import the good rows or nothing. Nothing is written here."""
    batch = _open_batch(batch_id)
    result = services.check_batch(batch)
    return render_template(
        "imports/check.html",
        batch=batch,
        result=result,
        errors=result.errors[:SHOWN_ERRORS],
        labels=LABELS,
        form=FinishForm(data={"version": batch.version}),
    )


@bp.get("/consultant/import/<int:batch_id>/errors.csv")
@staff_required
def errors_csv(batch_id: int):
    """The error file: each bad row's number, the field and the reason, in the reader's
    language (audited as an export)."""
    batch = _open_batch(batch_id)
    result = services.check_batch(batch)
    audit.record(Action.EXPORT, export="import_errors", batch_id=batch.id, rows=len(result.errors))
    db.session.commit()
    return Response(
        stream_with_context(csv_lines(error_header(), error_rows(result.errors))),
        mimetype="text/csv",
        headers={
            "Content-Disposition": f'attachment; filename="import-{batch.id}-errors.csv"',
            "Cache-Control": "private, no-store",
        },
    )


@bp.post("/consultant/import/<int:batch_id>/finish")
@staff_required
def finish(batch_id: int):
    """Import the good rows, or nothing: one transaction, then the result page."""
    batch = _open_batch(batch_id)
    form = FinishForm()
    if not form.validate_on_submit() or not (form.import_good.data or form.import_nothing.data):
        abort(400)
    try:
        with refuse_stale(batch, form.version.data):
            if form.import_good.data:
                outcome = services.run_import(batch)
            else:
                services.drop_import(batch)
            db.session.commit()
    except (StaleEdit, services.BatchClosed):
        db.session.rollback()
        flash(_("This import was changed or finished in another window; nothing was done here."))
        return redirect(url_for(".batch", batch_id=batch_id))
    if form.import_good.data:
        flash(
            ngettext(
                "%(num)d volunteer imported. They are not matched until they claim their "
                "profile and consent.",
                "%(num)d volunteers imported. They are not matched until they claim their "
                "profile and consent.",
                len(outcome.imported),
            ),
            "success",
        )
    else:
        flash(_("Nothing was imported, and the file is deleted."), "success")
    return redirect(url_for(".batch", batch_id=batch_id))


@bp.get("/consultant/import/<int:batch_id>")
@staff_required
def batch(batch_id: int):
    """An import's result: the counts, possible duplicates to review, and the imported people
    with their invitations to claim the profile."""
    batch = db.get_or_404(ImportBatch, batch_id)
    if batch.status == BatchStatus.UPLOADED:
        return redirect(url_for(".columns", batch_id=batch.id))
    people = services.batch_volunteers(batch)
    form = InviteForm()
    return render_template(
        "imports/batch.html",
        batch=batch,
        people=people,
        form=form,
        can_invite=claiming.can_be_invited,
        duplicates_url=DUPLICATES_URL,
    )


@bp.post("/consultant/import/<int:batch_id>/invite")
@staff_required
def invite(batch_id: int):
    """E-mail the batch's imported people (all not yet invited, or those chosen) a link to claim
    their profile; inviting someone again voids their earlier link."""
    batch = db.get_or_404(ImportBatch, batch_id)
    form = InviteForm()
    if not form.validate_on_submit() or not (form.invite_all.data or form.invite_chosen.data):
        abort(400)
    people = services.batch_volunteers(batch)
    if form.invite_all.data:
        chosen = [v for v in people if v.claim_invited_at is None]
    else:
        wanted = set(form.chosen.data or ())
        chosen = [v for v in people if v.id in wanted]
    try:
        with refuse_stale():
            count = claiming.invite(chosen)
            db.session.commit()
    except StaleEdit:
        db.session.rollback()
        flash(_("Someone's profile changed meanwhile; nobody was invited. Try again."))
        return redirect(url_for(".batch", batch_id=batch_id))
    flash(ngettext("%(num)d invitation sent.", "%(num)d invitations sent.", count), "success")
    return redirect(url_for(".batch", batch_id=batch_id))


def _claim_refused(volunteer, state: TokenState):
    """The page for a claim link that cannot be used: 400 not genuine, 410 expired or spent."""
    if state == TokenState.INVALID:
        reason, status = "invalid", 400
    elif state == TokenState.EXPIRED:
        reason, status = "expired", 410
    elif volunteer is not None and volunteer.claimed_at is not None:
        reason, status = "used", 410
    else:
        reason, status = "replaced", 410
    return render_template("auth/invitation_refused.html", reason=reason), status


@bp.route("/claim/<token>", methods=["GET", "POST"])
@limiter.limit(auth_limit, methods=["POST"], exempt_when=limits_off)
def claim(token: str):
    """The imported person chooses a password: their account is made and they check their
    profile step by step, giving consent at the end if they agree."""
    volunteer, state = claiming.check_claim_token(token)
    if state != TokenState.VALID or volunteer is None:
        return _claim_refused(volunteer, state)
    if current_user.is_authenticated:  # never swap someone's session for the new account
        return render_template("auth/invitation_refused.html", reason="logged_in"), 409
    form = ClaimForm(volunteer=volunteer)
    if form.validate_on_submit():
        try:
            user = claiming.claim(volunteer, form.password.data, str(get_locale()))
        except claiming.AccountExists:
            db.session.rollback()
            page = render_template("imports/claim.html", form=form, volunteer=volunteer, taken=True)
            return page, 409
        db.session.commit()
        log_in(user)
        db.session.commit()
        flash(
            _(
                "Welcome! Check what we hold about you, step by step. At the end you decide "
                "whether we may use your profile."
            ),
            "success",
        )
        return redirect(url_for("volunteers.edit_step", step="contact"))
    return render_template("imports/claim.html", form=form, volunteer=volunteer, taken=False)
