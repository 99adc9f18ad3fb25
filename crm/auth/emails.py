"""The account e-mails: confirm your address, reset your password, already registered, and an
invitation (a branch contact's or a member of staff's)."""

from collections.abc import Callable

from flask import current_app
from flask_babel import force_locale, ngettext
from flask_babel import gettext as _

from crm.auth.models import User
from crm.auth.tokens import CONFIRM, INVITE, RESET, make_token
from crm.outbox.writer import queue_mail
from crm.urls import external_url


def user_locale(user: User) -> str:
    """The user's interface language when it is one we support, else the default."""
    config = current_app.config
    return user.locale if user.locale in config["LANGUAGES"] else config["BABEL_DEFAULT_LOCALE"]


def _send(user: User, kind: str, compose: Callable[[], tuple[str, str]]) -> None:
    """Compose the subject and body in the user's language, sign, and put it in the outbox
    (sent once the caller's transaction commits)."""
    config = current_app.config
    with force_locale(user_locale(user)):
        subject, body = compose()
    queue_mail(
        user.email,
        subject,
        f"{body}\n\n{config['CONSULTANT_NAME']}\n{config['CONSULTANT_EMAIL']}",
        kind=kind,
    )


def send_confirmation(user: User, need_id: int | None = None) -> None:
    """Ask the user to confirm their e-mail address; the link carries the need they came for."""
    link = external_url("auth.confirm", token=make_token(user, CONFIRM), need=need_id)
    _send(
        user,
        "confirmation",
        lambda: (
            _("Confirm your e-mail address"),
            _(
                "Thank you for registering as a volunteer.\n\n"
                "Confirm your e-mail address by opening this link within 48 hours:\n%(link)s\n\n"
                "If you did not register, you can ignore this e-mail.",
                link=link,
            ),
        ),
    )


def send_already_registered(user: User) -> None:
    """Tell an existing user that someone tried to register with their address."""
    login, reset = external_url("auth.login"), external_url("auth.forgot_password")
    _send(
        user,
        "already-registered",
        lambda: (
            _("You already have an account"),
            _(
                "Someone, probably you, tried to register with this e-mail address, "
                "but it already has an account.\n\nLog in here: %(login)s\n"
                "Forgot your password? Choose a new one here: %(reset)s",
                login=login,
                reset=reset,
            ),
        ),
    )


def send_password_reset(user: User) -> None:
    """Send a link to choose a new password."""
    link = external_url("auth.reset_password", token=make_token(user, RESET))
    _send(
        user,
        "password-reset",
        lambda: (
            _("Choose a new password"),
            _(
                "Open this link within two hours to choose a new password:\n%(link)s\n\n"
                "If you did not ask for this, you can ignore this e-mail; "
                "your password stays as it is.",
                link=link,
            ),
        ),
    )


def link_validity(seconds: int) -> str:
    """How long a link stays valid, in whole days, or in hours when it is less than a day."""
    if seconds >= 24 * 3600:
        days = seconds // (24 * 3600)
        return ngettext("%(num)d day", "%(num)d days", days)
    hours = max(1, seconds // 3600)
    return ngettext("%(num)d hour", "%(num)d hours", hours)


def send_invitation(user: User, branch_name: str | None = None) -> None:
    """Invite a branch contact (with their branch's name) or a member of staff (without) to
    choose a password, by a link that works once."""
    link = external_url("auth.accept_invitation", token=make_token(user, INVITE))
    validity = current_app.config["INVITE_MAX_AGE"]
    name = user.name or user.email

    def compose() -> tuple[str, str]:
        if branch_name is None:
            return (
                _("You are invited to the party's volunteer tool"),
                _(
                    "Hello %(name)s,\n\n"
                    "You are invited to work in the party's volunteer tool as a member of the "
                    "international department's staff.\n\n"
                    "Choose your password by opening this link within %(validity)s:\n%(link)s\n\n"
                    "The link works once. If you did not expect this e-mail, you can ignore it.",
                    name=name,
                    validity=link_validity(validity),
                    link=link,
                ),
            )
        return (
            _("You are invited as contact person for %(branch)s", branch=branch_name),
            _(
                "Hello %(name)s,\n\n"
                "You are invited to be the contact person for %(branch)s in the party's "
                "volunteer tool. There you can see the needs of our projects abroad, tell us "
                "how your branch can help, and follow how your members take part.\n\n"
                "Choose your password by opening this link within %(validity)s:\n%(link)s\n\n"
                "The link works once. If you did not expect this e-mail, you can ignore it.",
                name=name,
                branch=branch_name,
                validity=link_validity(validity),
                link=link,
            ),
        )

    _send(user, "invitation", compose)
