"""The branch's collective experience: its entries, and what we read from them, correctable."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from crm.branches import experience, forms
from crm.branches.blueprint import bp, contact_required, own_branch
from crm.branches.models import Branch
from crm.converters import id_or_none, read_int
from crm.corrections import save_correction
from crm.extensions import db
from crm.forms import options, row_action
from crm.labels import EXPERIENCE_LABELS, skill_choices, skill_label
from crm.locking import StaleEdit, refuse_stale
from crm.matches.branch_fit import branch_read_back
from crm.matches.reading import BRANCH_WORDS
from crm.matching.taxonomy import load_taxonomy
from crm.volunteers.forms import experience_rows


def _initial(branch: Branch) -> dict:
    return {"entries": experience_rows(branch.experience), "version": branch.version}


def _prepare(form: forms.BranchExperienceForm) -> None:
    areas = options([("", _("Choose…")), *skill_choices()])
    for row in form.entries:
        row.form.area.choices = areas


def _reading(branch: Branch, stale: bool = False) -> dict:
    """The section "What we read from the branch's description" (templates/_reading.html)."""
    return {
        "rows": branch_read_back(branch),
        "has_text": any(entry.description.strip() for entry in branch.experience),
        "action": url_for(".correct_reading"),
        "words": BRANCH_WORDS,
        "page": None,
        "heading": "h2",
        "version": branch.version,
        "form": forms.BranchCorrectionForm(formdata=None),
        "levels": EXPERIENCE_LABELS,
        "stale": stale,
    }


def _render(branch: Branch, form, status: int = 200, stale: bool = False, reading_stale=False):
    _prepare(form)
    return render_template(
        "branches/experience.html",
        branch=branch,
        form=form,
        stale=stale,
        max_rows=form.entries.max_entries,
        reading=_reading(branch, reading_stale),
    ), status


def _entries(form: forms.BranchExperienceForm) -> list[experience.BranchEntry]:
    taxonomy = load_taxonomy()
    entries = []
    for row in form.entries:
        f = row.form
        if f.is_blank():
            continue
        area = f.area.data or None
        if area is not None and area not in taxonomy:
            raise ValueError("unknown area")
        level = read_int(f.level.data, 1, 4) if f.level.data else None
        entries.append(
            experience.BranchEntry(
                id_or_none(f.id.data), area, level, f.years.data, f.description.data or ""
            )
        )
    return entries


@bp.route("/experience", methods=["GET", "POST"], endpoint="experience")
@contact_required
def experience_page():
    """What the branch has done, as entries (area, level, years, or free text alone)."""
    branch = own_branch()
    form = forms.BranchExperienceForm(data=_initial(branch))
    if request.method == "GET":
        return _render(branch, form)
    _prepare(form)
    if row_action(form, request.form.get("row_action", "")):
        return _render(branch, form)
    if not form.validate():
        return _render(branch, form, 422)
    try:
        with refuse_stale(branch, form.version.data):
            experience.replace_experience(branch, _entries(form))
            db.session.commit()
    except ValueError:
        db.session.rollback()
        abort(400)
    except StaleEdit:
        db.session.rollback()
        return _render(own_branch(), form, 409, stale=True)
    flash(_("Saved: the branch's experience."), "success")
    anchor = "reading" if request.form.get("nav") == "reading" else None
    return redirect(url_for(".experience", _anchor=anchor))


def _corrected_message(action: str, area: str, level: str) -> str:
    if action == "confirm":
        return _("Confirmed: %(area)s.", area=area)
    if action == "change":
        return _("%(area)s: the branch's level is now “%(level)s”.", area=area, level=level)
    if action == "remove":
        return _(
            "Removed: %(area)s. We no longer use it from the branch's description, not even "
            "when it is edited.",
            area=area,
        )
    return _("%(area)s is back: we use what we read from the description again.", area=area)


@bp.post("/experience/reading")
@contact_required
def correct_reading():
    """Confirm, change the level of or remove an area read from the branch's text (or undo)."""
    branch = own_branch()
    form = forms.BranchCorrectionForm()
    if not form.validate_on_submit():
        abort(400)
    area, action = form.area.data, form.action.data
    if not save_correction(branch, form, lambda: (row.area for row in branch_read_back(branch))):
        fresh = own_branch()
        return _render(
            fresh, forms.BranchExperienceForm(data=_initial(fresh)), 409, reading_stale=True
        )
    level = EXPERIENCE_LABELS.get(id_or_none(form.level.data) or 0, "")
    flash(_corrected_message(action, skill_label(area), str(level)), "success")
    return redirect(url_for(".experience", _anchor=f"read-{area}"))
