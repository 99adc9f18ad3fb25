"""The audit log page: search by person, staff member, action and date (reading is not audited)."""

from flask import render_template, request

from crm.admin import audit_search
from crm.admin.blueprint import bp
from crm.admin.forms import AuditFilterForm
from crm.admin.staff import staff_members
from crm.audit.labels import action_label
from crm.audit.log import Action
from crm.auth.access import role_required
from crm.auth.models import Role
from crm.converters import id_or_none
from crm.pagination import requested_page


def _filters(form: AuditFilterForm) -> audit_search.AuditFilters:
    """The filters the form holds; a value that does not validate counts as not given."""
    form.validate()
    ids = None
    if form.volunteer.data is not None and not form.volunteer.errors:
        ids = [form.volunteer.data]
    name = (form.name.data or "").strip()
    if name and not form.name.errors:
        named = audit_search.volunteers_named(name)
        ids = named if ids is None else [i for i in ids if i in named]
    action = form.action.data if form.action.data in set(Action) else ""
    return audit_search.AuditFilters(
        volunteer_ids=ids,
        actor_id=id_or_none(form.actor.data),
        action=action,
        day_from=None if form.day_from.errors else form.day_from.data,
        day_to=None if form.day_to.errors else form.day_to.data,
    )


@bp.get("/audit")
@role_required(Role.ADMIN)
def audit_log():
    """Events newest first, filtered and paginated; each says when, who, what and whose."""
    form = AuditFilterForm(request.args)
    form.fill_choices(staff_members())
    page, more = audit_search.events_page(_filters(form), requested_page())
    args = request.args.to_dict()
    args.pop("page", None)
    return render_template(
        "admin/audit.html",
        form=form,
        page=page,
        more=more,
        args=args,
        event_label=action_label,
        max_counted=audit_search.MAX_COUNTED,
    )
