"""Staff accounts: the list, an invitation, a role change, deactivation and reactivation."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from crm.admin import staff
from crm.admin.blueprint import bp
from crm.admin.forms import InviteStaffForm, RoleForm, StatusForm
from crm.auth import emails
from crm.auth.access import role_required
from crm.auth.models import Role
from crm.auth.services import has_usable_password
from crm.extensions import db
from crm.locking import StaleEdit


def _list_page(invite: InviteStaffForm | None = None, status: int = 200):
    members = staff.staff_members()
    return (
        render_template(
            "admin/staff.html",
            members=members,
            invite=invite or InviteStaffForm(formdata=None),
            role_forms={
                u.id: RoleForm(formdata=None, role=u.role, version=u.version) for u in members
            },
            status_form=StatusForm(formdata=None),
            has_password=has_usable_password,
        ),
        status,
    )


@bp.get("/staff")
@role_required(Role.ADMIN)
def staff_list():
    """Consultants and admins: name, e-mail, role, active, last login; and the invitation form."""
    return _list_page()


@bp.post("/staff/invite")
@role_required(Role.ADMIN)
def invite_staff():
    """Invite a consultant or admin by e-mail: an account without a password and a link."""
    form = InviteStaffForm()
    if not form.validate():
        return _list_page(form, 400)
    try:
        user = staff.invite_staff(form.name.data.strip(), form.email.data, Role(form.role.data))
    except staff.StaffChangeRefused as refusal:
        db.session.rollback()
        form.email.errors.append(refusal.message)
        return _list_page(form, 400)
    emails.send_invitation(user)
    db.session.commit()
    flash(_("An invitation was sent to %(email)s.", email=user.email), "success")
    return redirect(url_for(".staff_list"))


def _apply(user_id: int, change) -> object:
    """Run a change of a staff account and answer: back to the list, or why not."""
    user = staff.find_staff(user_id) or abort(404)
    try:
        changed = change(user)
    except StaleEdit:
        db.session.rollback()
        flash(_("Someone else changed the account meanwhile. Nothing was changed."), "error")
        return _list_page(status=409)
    except staff.StaffChangeRefused as refusal:
        db.session.rollback()
        flash(str(refusal.message), "error")
        return _list_page(status=409)
    db.session.commit()
    if changed:
        flash(
            _("Saved. Every session of %(name)s has ended.", name=user.name or user.email),
            "success",
        )
    return redirect(url_for(".staff_list"))


@bp.post("/staff/<int:user_id>/role")
@role_required(Role.ADMIN)
def change_role(user_id: int):
    """Make a member of staff a consultant or an admin; their sessions end."""
    form = RoleForm()
    if not form.validate():
        return _list_page(status=400)
    actor = current_user._get_current_object()
    return _apply(
        user_id, lambda u: staff.change_role(u, Role(form.role.data), form.version.data, actor)
    )


@bp.post("/staff/<int:user_id>/deactivate")
@role_required(Role.ADMIN)
def deactivate(user_id: int):
    """Deactivate an account: no more logins, every session ends, the history stays."""
    return _set_active(user_id, False)


@bp.post("/staff/<int:user_id>/reactivate")
@role_required(Role.ADMIN)
def reactivate(user_id: int):
    """Let a deactivated member of staff log in again."""
    return _set_active(user_id, True)


def _set_active(user_id: int, active: bool):
    form = StatusForm()
    if not form.validate():
        return _list_page(status=400)
    actor = current_user._get_current_object()
    seen = request.form.get("version")
    return _apply(user_id, lambda u: staff.set_active(u, active, seen, actor))
