"""The duplicates queue (/consultant/duplicates): the scan, the merge screen, "not the same
person" and undoing a merge. Consultants and admins only."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import selectinload

from crm.audit import log as audit
from crm.audit.log import Action
from crm.auth.access import staff_required
from crm.consultant import name_index
from crm.contacts.forms import TokenForm
from crm.duplicates import compare, fields, services, undo
from crm.duplicates.forms import chosen, merge_form
from crm.duplicates.merge import Choices, MergeRefused, merge
from crm.duplicates.models import DuplicatePair, PairStatus, VolunteerMerge
from crm.extensions import db
from crm.locking import StaleEdit, check_version, refuse_stale
from crm.matches import refresh, skills
from crm.pagination import requested_page
from crm.volunteers import services as volunteer_services
from crm.volunteers.models import Volunteer

bp = Blueprint("duplicates", __name__, url_prefix="/consultant/duplicates")


@bp.get("")
@staff_required
def queue():
    """The open pairs, best first, with the button that searches all volunteers again."""
    return render_template(
        "duplicates/queue.html", page=services.open_page(requested_page()), form=TokenForm()
    )


@bp.post("/scan")
@staff_required
def scan():
    """Search all volunteers for duplicates in the background (the job queue)."""
    from crm.jobs.tasks import find_duplicates

    if not TokenForm().validate_on_submit():
        abort(400)
    find_duplicates(current_user.id)
    flash(
        _("The search for duplicates has started; new pairs appear here when it is done."),
        "success",
    )
    return redirect(url_for(".queue"))


def _people(pair: DuplicatePair) -> tuple[Volunteer, Volunteer]:
    load = (
        selectinload(Volunteer.experience),
        selectinload(Volunteer.languages),
        selectinload(Volunteer.countries),
    )
    first = db.session.get(Volunteer, pair.first_id, options=load)
    second = db.session.get(Volunteer, pair.second_id, options=load)
    return first, second


def _default_keep(first: Volunteer, second: Volunteer) -> int:
    """The record with a login, else the older one."""
    if bool(second.user_id) and not first.user_id:
        return second.id
    return first.id


def _render(pair: DuplicatePair, form=None, status: int = 200, error: str | None = None):
    first, second = _people(pair)
    rows = compare.rows(first, second)
    if (
        form is None
        and pair.status == PairStatus.OPEN
        and not (first.erased_at or second.erased_at)
    ):
        defaults = fields.defaults(*fields.newer_first(first, second)) | {
            "keep": _default_keep(first, second)
        }
        form = merge_form(first, second, rows, defaults, formdata=None)
        form.version_first.data, form.version_second.data = first.version, second.version
    merge_record = db.session.scalar(
        db.select(VolunteerMerge)
        .where(VolunteerMerge.pair_id == pair.id)
        .order_by(VolunteerMerge.id.desc())
        .limit(1)
    )
    return render_template(
        "duplicates/pair.html",
        pair=pair,
        first=first,
        second=second,
        rows=rows,
        accounts=(compare.account(first), compare.account(second)),
        form=form,
        token_form=TokenForm(),
        merge_record=merge_record,
        undo_refusal=undo.refusal_of(merge_record) if merge_record else None,
        undo_until=undo.undo_deadline,
        error=error,
    ), status


@bp.get("/<int:pair_id>")
@staff_required
def pair(pair_id: int):
    """The two records side by side, with a choice per field, "merge" and "not the same"."""
    found = db.get_or_404(DuplicatePair, pair_id)
    page = _render(found)
    for vid in (found.first_id, found.second_id):
        audit.record(Action.RECORD_VIEWED, volunteer_id=vid, pair_id=found.id)
    db.session.commit()
    return page


def _submitted(first: Volunteer, second: Volunteer, rows: list[compare.Row]):
    """The merge form as it was posted."""
    return merge_form(first, second, rows, {row.choice: "" for row in rows} | {"keep": ""})


def _refreshed(pair_id: int):
    """The submitted choices again, with the records' versions as they are now (after a
    refused merge: nothing chosen is lost, and the next submit merges)."""
    first, second = _people(db.session.get(DuplicatePair, pair_id))
    form = _submitted(first, second, compare.rows(first, second))
    form.version_first.data, form.version_second.data = first.version, second.version
    return form


@bp.post("/<int:pair_id>/merge")
@staff_required
def merge_pair(pair_id: int):
    """Merge the two as chosen; refused when either changed since the screen was opened."""
    found = db.get_or_404(DuplicatePair, pair_id)
    first, second = _people(found)
    if found.status != PairStatus.OPEN or first.erased_at or second.erased_at:
        flash(_("This pair was decided already."), "info")
        return redirect(url_for(".pair", pair_id=pair_id))
    rows = compare.rows(first, second)
    form = _submitted(first, second, rows)
    if not form.validate_on_submit():
        return _render(found, form, 400)
    keep, other = (first, second) if int(form.keep.data) == first.id else (second, first)
    try:
        with refuse_stale(first, form.version_first.data):
            check_version(second, form.version_second.data)
            record = merge(found, keep, other, Choices(chosen(form, rows)), current_user)
            kept = db.session.get(Volunteer, record.kept_id)
            volunteer_services.declared_skills(kept)
            skills.derive_text_skills(kept)
            refresh.refresh_volunteer(kept)
            db.session.flush()
            undo.seal(record, kept)
    except StaleEdit:
        db.session.rollback()
        message = _(
            "Nothing was merged: one of the two records was changed after you opened this "
            "page. Below are the records as they are now; check your choices and merge again."
        )
        return _render(db.session.get(DuplicatePair, pair_id), _refreshed(pair_id), 409, message)
    except MergeRefused as refused:
        db.session.rollback()
        return _render(db.session.get(DuplicatePair, pair_id), None, 409, refused.message)
    db.session.commit()
    name_index.drop_file()  # it held the merged-away name
    flash(
        _(
            "The records are merged into #%(id)d. You can undo the merge on this record for "
            "%(days)d days.",
            id=record.kept_id,
            days=undo.days(),
        ),
        "success",
    )
    return redirect(url_for("consultant.volunteer", volunteer_id=record.kept_id))


@bp.post("/<int:pair_id>/not-same")
@staff_required
def not_same(pair_id: int):
    """Remember that the two are different people; they are never queued again."""
    if not TokenForm().validate_on_submit():
        abort(400)
    found = db.get_or_404(DuplicatePair, pair_id)
    if found.status != PairStatus.OPEN:
        flash(_("This pair was decided already."), "info")
        return redirect(url_for(".pair", pair_id=pair_id))
    try:
        with refuse_stale():  # another consultant decided it at the same moment
            services.mark_not_same(found, current_user)
    except StaleEdit:
        db.session.rollback()
        flash(_("This pair was decided already."), "info")
        return redirect(url_for(".pair", pair_id=pair_id))
    db.session.commit()
    flash(_("Noted: these are two different people. They will not be suggested again."), "success")
    return redirect(url_for(".queue"))


@bp.post("/merges/<int:merge_id>/undo")
@staff_required
def undo_merge(merge_id: int):
    """Undo a wrong merge: both records as they were, the moved rows back."""
    if not TokenForm().validate_on_submit():
        abort(400)
    record = db.get_or_404(VolunteerMerge, merge_id)
    kept_id = record.kept_id
    try:
        with refuse_stale():  # a save of either record landed between the check and the write
            kept, restored = undo.undo(record, current_user)
            for person in (kept, restored):
                volunteer_services.declared_skills(person)
                skills.derive_text_skills(person)
                refresh.refresh_volunteer(person)
            db.session.flush()
    except MergeRefused as refused:
        db.session.rollback()
        flash(refused.message, "error")
        return redirect(url_for("consultant.volunteer", volunteer_id=kept_id))
    except StaleEdit:
        db.session.rollback()
        flash(undo.changed_since(), "error")
        return redirect(url_for("consultant.volunteer", volunteer_id=kept_id))
    db.session.commit()
    flash(
        _("The merge is undone: #%(id)d is a record of its own again.", id=record.merged_id),
        "success",
    )
    return redirect(url_for("consultant.volunteer", volunteer_id=record.kept_id))
