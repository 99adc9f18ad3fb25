"""Staff manage the party's branches: the list, a branch's details, its contacts and their
invitations."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from crm.auth import emails
from crm.auth.access import staff_required
from crm.auth.services import has_usable_password
from crm.branches import services
from crm.branches.models import Branch
from crm.consultant.blueprint import bp
from crm.consultant.branch_forms import BranchFilterForm, BranchForm, InviteForm
from crm.consultant.branch_list import branch_page
from crm.consultant.branch_record import branch_contacts
from crm.extensions import db
from crm.locking import StaleEdit
from crm.pagination import requested_page

PER_PAGE = 25
INVITE_PREFIX = "invite"  # the invitation form shares the page with the branch form


@bp.get("/branches")
@staff_required
def branches():
    """Every branch with its contacts and members, searchable, by region, a page at a time."""
    form = BranchFilterForm(request.args)
    page = branch_page(
        form.search(), form.chosen_region(), form.chosen_sort(), requested_page(), PER_PAGE
    )
    args = {k: v for k, v in request.args.items() if k in ("q", "region", "sort") and v}
    return render_template("consultant/branches.html", form=form, page=page, args=args)


def _name_taken(form: BranchForm) -> None:
    form.name.errors.append(_("Another branch already has this name."))


@bp.route("/branches/new", methods=["GET", "POST"])
@staff_required
def new_branch():
    """Create a branch; its contacts are invited on its page afterwards."""
    form = BranchForm()
    if form.validate_on_submit():
        try:
            branch = services.create_branch(form.to_data())
        except services.DuplicateBranchName:
            db.session.rollback()
            _name_taken(form)
        else:
            db.session.commit()
            flash(_("The branch was created. Invite its contact person below."), "success")
            return redirect(url_for(".edit_branch", branch_id=branch.id))
    return render_template("consultant/branch_form.html", form=form, branch=None)


def _edit_page(branch: Branch, form: BranchForm, invite: InviteForm, status: int = 200):
    contacts = branch_contacts(branch.id)
    pending = {c.id for c in contacts if not has_usable_password(c)}
    return (
        render_template(
            "consultant/branch_form.html",
            form=form,
            branch=branch,
            invite=invite,
            contacts=contacts,
            pending=pending,
        ),
        status,
    )


def _opened_form(branch: Branch) -> BranchForm:
    """The branch form filled from the branch as it is now, with its version."""
    form = BranchForm(obj=branch, formdata=None)
    form.version.data = branch.version
    return form


@bp.route("/branches/<int:branch_id>/edit", methods=["GET", "POST"])
@staff_required
def edit_branch(branch_id: int):
    """Edit a branch and manage its contacts; a stale form is refused (409), never overwritten."""
    branch = db.get_or_404(Branch, branch_id)
    form = _opened_form(branch) if request.method == "GET" else BranchForm()
    invite = InviteForm(formdata=None, prefix=INVITE_PREFIX)
    if request.method == "POST" and form.validate_on_submit():
        try:
            services.update_branch(branch, form.to_data(), form.version.data)
        except StaleEdit:
            db.session.rollback()
            flash(
                _(
                    "Your changes were not saved: someone else saved this branch after you "
                    "opened it. Your text is still in the form below. Open the branch again to "
                    "see the current version, then make your changes there."
                ),
                "error",
            )
            return _edit_page(db.get_or_404(Branch, branch_id), form, invite, 409)
        except services.DuplicateBranchName:
            db.session.rollback()
            _name_taken(form)
        else:
            db.session.commit()
            flash(_("The branch was saved."), "success")
            return redirect(url_for(".branch", branch_id=branch.id))
    status = 400 if request.method == "POST" else 200
    return _edit_page(branch, form, invite, status)


@bp.post("/branches/<int:branch_id>/contacts")
@staff_required
def invite_contact(branch_id: int):
    """Invite a contact person by e-mail; inviting the same person again sends a fresh link."""
    branch = db.get_or_404(Branch, branch_id)
    invite = InviteForm(prefix=INVITE_PREFIX)
    if invite.validate_on_submit():
        try:
            user = services.invite_contact(branch, invite.name.data.strip(), invite.email.data)
        except services.InvitationRefused as refusal:
            db.session.rollback()
            invite.email.errors.append(refusal.message)
        else:
            emails.send_invitation(user, branch.name)
            db.session.commit()
            flash(_("An invitation was sent to %(email)s.", email=user.email), "success")
            return redirect(url_for(".edit_branch", branch_id=branch.id) + "#contacts")
    return _edit_page(branch, _opened_form(branch), invite, 400)


@bp.post("/branches/<int:branch_id>/contacts/<int:user_id>/remove")
@staff_required
def remove_contact(branch_id: int, user_id: int):
    """Remove a contact from the branch: every session they have ends at once."""
    branch = db.get_or_404(Branch, branch_id)
    user = services.find_contact(branch, user_id) or abort(404)
    name = user.name or user.email
    services.remove_contact(user)
    db.session.commit()
    flash(_("%(name)s is no longer a contact of the branch.", name=name), "success")
    return redirect(url_for(".edit_branch", branch_id=branch.id) + "#contacts")
