"""The account e-mails: confirm your address, reset your password, already registered."""

from flask import current_app, url_for
from flask_babel import force_locale
from flask_babel import gettext as _

from crm.auth.models import User
from crm.auth.tokens import CONFIRM, RESET, make_token
from crm.mail import send_mail


def _signature() -> str:
    config = current_app.config
    return f"{config['CONSULTANT_NAME']}\n{config['CONSULTANT_EMAIL']}"


def send_confirmation(user: User) -> None:
    """Ask the user to confirm their e-mail address."""
    link = url_for("auth.confirm", token=make_token(user, CONFIRM), _external=True)
    with force_locale(user.locale or current_app.config["BABEL_DEFAULT_LOCALE"]):
        subject = _("Confirm your e-mail address")
        body = _(
            "Thank you for registering as a volunteer.\n\n"
            "Confirm your e-mail address by opening this link within 48 hours:\n%(link)s\n\n"
            "If you did not register, you can ignore this e-mail.",
            link=link,
        )
        send_mail(user.email, subject, f"{body}\n\n{_signature()}")


def send_already_registered(user: User) -> None:
    """Tell an existing user that someone tried to register with their address."""
    login = url_for("auth.login", _external=True)
    reset = url_for("auth.forgot_password", _external=True)
    with force_locale(user.locale or current_app.config["BABEL_DEFAULT_LOCALE"]):
        subject = _("You already have an account")
        body = _(
            "Someone, probably you, tried to register with this e-mail address, "
            "but it already has an account.\n\nLog in here: %(login)s\n"
            "Forgot your password? Choose a new one here: %(reset)s",
            login=login,
            reset=reset,
        )
        send_mail(user.email, subject, f"{body}\n\n{_signature()}")


def send_password_reset(user: User) -> None:
    """Send a link to choose a new password."""
    link = url_for("auth.reset_password", token=make_token(user, RESET), _external=True)
    with force_locale(user.locale or current_app.config["BABEL_DEFAULT_LOCALE"]):
        subject = _("Choose a new password")
        body = _(
            "Open this link within two hours to choose a new password:\n%(link)s\n\n"
            "If you did not ask for this, you can ignore this e-mail; "
            "your password stays as it is.",
            link=link,
        )
        send_mail(user.email, subject, f"{body}\n\n{_signature()}")
