"""Views for registration, e-mail confirmation, login, logout and passwords."""

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from crm.auth import emails, services
from crm.auth.forms import ChangePasswordForm, EmailForm, LoginForm, RegisterForm, ResetPasswordForm
from crm.auth.models import Role, User
from crm.auth.sessions import log_in, log_out
from crm.auth.tokens import CONFIRM, RESET, read_token, token_user
from crm.converters import id_or_none
from crm.duplicates.detect import flag_possible_duplicates
from crm.duplicates.models import PairSource
from crm.extensions import db, limiter, limits_off
from crm.imports import claiming
from crm.matches import came_for
from crm.urls import safe_local_url
from crm.volunteers.services import create_profile

bp = Blueprint("auth", __name__)


def auth_limit() -> str:
    """Attempts allowed per IP address on the account forms (config AUTH_RATE_LIMIT)."""
    return current_app.config["AUTH_RATE_LIMIT"]


def home_url(user: User) -> str:
    """Where a user lands after logging in."""
    if user.is_staff:
        return url_for("consultant.dashboard")
    if user.role == Role.VOLUNTEER:
        return url_for("volunteers.profile")
    if user.role == Role.BRANCH_CONTACT and user.branch_id is not None:
        return url_for("branches.home")
    return url_for("public.index")


@bp.route("/register", methods=["GET", "POST"])
@limiter.limit(auth_limit, methods=["POST"], exempt_when=limits_off)
def register():
    """Register as a volunteer; the same answer whether or not the address is known.

    From a need's "Volunteer for this task" (?need=<id>) the need is remembered (came_for) and
    carried by the confirmation link, so "Needs for me" shows it first once they consent.
    """
    need = came_for.remember(request.args.get("need", type=id_or_none)) or came_for.remembered()
    if current_user.is_authenticated:
        if need is not None and current_user.role == Role.VOLUNTEER:
            return redirect(_need_card_url(need.id))
        return redirect(home_url(current_user))
    form = RegisterForm()
    if form.validate_on_submit():
        # Both paths hash the password once and send one e-mail, so neither the page nor the
        # time it takes tells whether the address has an account.
        password_hash = services.hash_password(form.password.data)
        existing = services.find_user_by_email(form.email.data)
        imported = claiming.unclaimed_profile_of(form.email.data) if existing is None else None
        if existing is not None:
            emails.send_already_registered(existing)
            db.session.commit()
        elif imported is not None:  # same e-mail, same person: they claim the imported profile
            claiming.invite([imported])
            db.session.commit()
        else:
            user = services.create_user(
                form.email.data,
                None,
                Role.VOLUNTEER,
                password_hash=password_hash,
                name=f"{form.first_name.data} {form.last_name.data}".strip(),
                locale=str(get_locale()),
            )
            volunteer = create_profile(
                user, form.first_name.data.strip(), form.last_name.data.strip()
            )
            flag_possible_duplicates([volunteer], source=PairSource.REGISTRATION)
            emails.send_confirmation(user, need.id if need else None)
            db.session.commit()
        return render_template(
            "auth/check_inbox.html", email=services.normalise_email(form.email.data)
        )
    return render_template(
        "auth/register.html",
        form=form,
        need=need,
        login_url=url_for(".login", next=_need_card_url(need.id)) if need else url_for(".login"),
    )


def _need_card_url(need_id: int) -> str:
    """The need's card on the volunteer's "Needs for me", shown first."""
    return url_for("my_matches.index", need=need_id, _anchor=f"need-{need_id}")


@bp.get("/confirm/<token>")
def confirm(token: str):
    """Confirm an e-mail address from the link in the confirmation e-mail.

    The link may carry the need the volunteer registered for (?need=<id>), remembered again
    here in case the e-mail is opened in another browser than the one they registered in.
    """
    came_for.remember(request.args.get("need", type=id_or_none))
    user, unused = token_user(token, CONFIRM, current_app.config["CONFIRM_TOKEN_MAX_AGE"])
    if user is not None and not unused and user.email_confirmed_at is not None:
        flash(_("Your e-mail address is already confirmed."), "success")
        return redirect(
            home_url(current_user) if current_user.is_authenticated else url_for(".login")
        )
    if user is None or not unused:
        flash(_("The link is invalid or has expired. Log in to get a new one."), "error")
        return redirect(url_for("auth.login"))
    services.confirm_email(user)
    db.session.commit()
    flash(_("Your e-mail address is confirmed. Welcome!"), "success")
    if current_user.is_authenticated:
        return redirect(home_url(current_user))
    return redirect(url_for("auth.login"))


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(auth_limit, methods=["POST"], exempt_when=limits_off)
def login():
    """Log in with e-mail and password."""
    if current_user.is_authenticated:
        return redirect(home_url(current_user))
    form = LoginForm()
    if form.validate_on_submit():
        user = services.authenticate(form.email.data, form.password.data)
        if user is None:
            db.session.commit()  # the failed attempt's audit event
            form.password.errors.append(_("Wrong e-mail or password."))
        elif user.email_confirmed_at is None:
            need = came_for.remembered()
            emails.send_confirmation(user, need.id if need else None)
            db.session.commit()
            return render_template("auth/check_inbox.html", email=user.email, unconfirmed=True)
        else:
            log_in(user, remember=form.remember.data)
            db.session.commit()
            return redirect(safe_local_url(request.args.get("next")) or home_url(user))
    return render_template("auth/login.html", form=form)


@bp.post("/logout")
@login_required
def logout():
    """Log out, and forget everything the session held but the interface language."""
    locale = session.get("locale")
    log_out()
    db.session.commit()
    session.clear()
    session["_remember"] = "clear"  # Flask-Login then deletes the remember-me cookie too
    if locale:
        session["locale"] = locale
    flash(_("You are logged out."), "success")
    return redirect(url_for("public.index"))


@bp.route("/forgot-password", methods=["GET", "POST"])
@limiter.limit(auth_limit, methods=["POST"], exempt_when=limits_off)
def forgot_password():
    """Ask for a reset link; the answer never reveals whether the address is known."""
    form = EmailForm()
    if form.validate_on_submit():
        user = services.find_user_by_email(form.email.data)
        if user is not None and user.active:
            emails.send_password_reset(user)
            db.session.commit()
        return render_template(
            "auth/check_inbox.html", email=services.normalise_email(form.email.data), reset=True
        )
    return render_template("auth/forgot_password.html", form=form)


@bp.route("/reset-password/<token>", methods=["GET", "POST"])
@limiter.limit(auth_limit, methods=["POST"], exempt_when=limits_off)
def reset_password(token: str):
    """Choose a new password from the link in the reset e-mail."""
    user = read_token(token, RESET, current_app.config["RESET_TOKEN_MAX_AGE"])
    if user is None:
        flash(_("The link is invalid or has expired. Ask for a new one."), "error")
        return redirect(url_for("auth.forgot_password"))
    form = ResetPasswordForm(user=user)
    if form.validate_on_submit():
        services.reset_password(user, form.password.data)
        db.session.commit()
        flash(_("Your password is changed. You can log in now."), "success")
        return redirect(url_for("auth.login"))
    return render_template("auth/reset_password.html", form=form)


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
@limiter.limit(auth_limit, methods=["POST"], exempt_when=limits_off)
def change_password():
    """Change the password of the logged-in user."""
    form = ChangePasswordForm(user=current_user._get_current_object())
    if form.validate_on_submit():
        if not services.check_password(current_user, form.current_password.data):
            form.current_password.errors.append(_("That is not your current password."))
        else:
            user = current_user._get_current_object()
            services.change_password(user, form.password.data)
            db.session.commit()
            flash(_("Your password is changed."), "success")
            return redirect(home_url(current_user))
    return render_template("auth/change_password.html", form=form)
