"""Accepting an invitation, a branch contact's or staff's: the link from the e-mail, then a
password."""

from flask import current_app, flash, redirect, render_template
from flask_babel import gettext as _

from crm.auth.forms import ResetPasswordForm
from crm.auth.invitations import accept_invitation as accept
from crm.auth.invitations import invitation_pending
from crm.auth.models import Role, User
from crm.auth.services import has_usable_password
from crm.auth.sessions import log_in
from crm.auth.tokens import INVITE, TokenState, check_token
from crm.auth.views import auth_limit, bp, home_url
from crm.branches.models import Branch
from crm.extensions import db, limiter, limits_off


def _refusal(user: User | None, state: TokenState):
    """The page for a link that cannot be used: 400 when it is not genuine, 410 when it was."""
    if state == TokenState.INVALID:
        reason, status = "invalid", 400
    elif state == TokenState.EXPIRED:
        reason, status = "expired", 410
    elif user is not None and user.active and has_usable_password(user):
        reason, status = "used", 410
    else:  # a newer invitation replaced it, or the account was removed or deactivated
        reason, status = "replaced", 410
    return render_template("auth/invitation_refused.html", reason=reason), status


def _welcome(user: User, branch: Branch | None) -> str:
    if branch is not None:
        return _("Welcome! You are now the contact person for %(branch)s.", branch=branch.name)
    if user.role == Role.ADMIN:
        return _("Welcome! You are logged in as an administrator.")
    return _("Welcome! You are logged in as a consultant.")


@bp.route("/invitation/<token>", methods=["GET", "POST"])
@limiter.limit(auth_limit, methods=["POST"], exempt_when=limits_off)
def accept_invitation(token: str):
    """Let the invited contact or member of staff choose a password, then log them in."""
    user, state = check_token(token, INVITE, current_app.config["INVITE_MAX_AGE"])
    if state != TokenState.VALID or user is None or not invitation_pending(user):
        return _refusal(user, state)
    branch = db.session.get(Branch, user.branch_id) if user.role == Role.BRANCH_CONTACT else None
    form = ResetPasswordForm(user=user)
    if form.validate_on_submit():
        accept(user, form.password.data)
        db.session.commit()
        log_in(user)
        db.session.commit()
        flash(_welcome(user, branch), "success")
        return redirect(home_url(user))
    return render_template("auth/invitation.html", form=form, user=user, branch=branch)
