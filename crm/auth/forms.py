"""Forms for registration, login and passwords."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, EmailField, PasswordField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length

from crm.forms import TranslatedForm

PASSWORD_LENGTH = Length(min=10, max=128, message=_l("Use between 10 and 128 characters."))


def _email_field() -> EmailField:
    return EmailField(
        _l("E-mail"),
        validators=[
            DataRequired(message=_l("Enter your e-mail address.")),
            Email(message=_l("Enter a valid e-mail address."), check_deliverability=False),
            Length(max=254, message=_l("The e-mail address is too long.")),
        ],
        render_kw={"autocomplete": "email"},
    )


def _new_password_fields() -> tuple[PasswordField, PasswordField]:
    password = PasswordField(
        _l("Password"),
        validators=[DataRequired(message=_l("Choose a password.")), PASSWORD_LENGTH],
        description=_l("At least 10 characters."),
        render_kw={"autocomplete": "new-password"},
    )
    confirm = PasswordField(
        _l("Repeat password"),
        validators=[
            DataRequired(message=_l("Repeat the password.")),
            EqualTo("password", message=_l("The passwords are not the same.")),
        ],
        render_kw={"autocomplete": "new-password"},
    )
    return password, confirm


class RegisterForm(TranslatedForm):
    first_name = StringField(
        _l("First name"),
        validators=[DataRequired(message=_l("Enter your first name.")), Length(max=80)],
        render_kw={"autocomplete": "given-name"},
    )
    last_name = StringField(
        _l("Last name"),
        validators=[DataRequired(message=_l("Enter your last name.")), Length(max=80)],
        render_kw={"autocomplete": "family-name"},
    )
    email = _email_field()
    password, confirm = _new_password_fields()


class LoginForm(TranslatedForm):
    email = _email_field()
    password = PasswordField(
        _l("Password"),
        validators=[DataRequired(message=_l("Enter your password.")), Length(max=128)],
        render_kw={"autocomplete": "current-password"},
    )
    remember = BooleanField(_l("Keep me logged in on this device"))


class EmailForm(TranslatedForm):
    """Asks only for an e-mail address: password reset and resending the confirmation."""

    email = _email_field()


class ResetPasswordForm(TranslatedForm):
    password, confirm = _new_password_fields()


class ChangePasswordForm(TranslatedForm):
    current_password = PasswordField(
        _l("Current password"),
        validators=[DataRequired(message=_l("Enter your current password.")), Length(max=128)],
        render_kw={"autocomplete": "current-password"},
    )
    password, confirm = _new_password_fields()


class EndOtherSessionsForm(TranslatedForm):
    """Log out on every other device (no fields but the CSRF token)."""
