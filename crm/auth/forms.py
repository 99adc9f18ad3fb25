"""Forms for registration, login and passwords."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, EmailField, PasswordField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length, ValidationError

from crm.auth.models import User
from crm.auth.passwords import guess_words, is_strong_enough
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


def hard_to_guess(form: "NewPasswordForm", field: PasswordField) -> None:
    """Refuse common and easily guessed passwords, including ones made of the user's own name or
    e-mail address (zxcvbn's score, PASSWORD_MIN_SCORE)."""
    if field.errors or not field.data:
        return
    if not is_strong_enough(field.data, form.guess_words()):
        raise ValidationError(
            _l(
                "This password is too easy to guess. Choose a longer one, for example a few "
                "words that do not belong together, and not your name or e-mail address."
            )
        )


def _new_password_fields() -> tuple[PasswordField, PasswordField]:
    password = PasswordField(
        _l("Password"),
        validators=[
            DataRequired(message=_l("Choose a password.")),
            PASSWORD_LENGTH,
            hard_to_guess,
        ],
        description=_l(
            "At least 10 characters and hard to guess: a few unrelated words work well."
        ),
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


class NewPasswordForm(TranslatedForm):
    """A form that sets a password: the account's e-mail and name count as easy guesses."""

    def __init__(self, *args, user: User | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def guess_words(self) -> list[str]:
        """The account's own details, known or typed in this form."""
        typed = [
            getattr(self, name).data
            for name in ("email", "first_name", "last_name")
            if hasattr(self, name) and isinstance(getattr(self, name).data, str)
        ]
        if len(typed) == 3:  # registration: the whole name, as "Anna Hansen"
            typed.append(f"{typed[1]} {typed[2]}")
        known = [self.user.email, self.user.name] if self.user is not None else []
        return guess_words(*known, *typed)


class RegisterForm(NewPasswordForm):
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


class ResetPasswordForm(NewPasswordForm):
    password, confirm = _new_password_fields()


class ChangePasswordForm(NewPasswordForm):
    current_password = PasswordField(
        _l("Current password"),
        validators=[DataRequired(message=_l("Enter your current password.")), Length(max=128)],
        render_kw={"autocomplete": "current-password"},
    )
    password, confirm = _new_password_fields()


class EndOtherSessionsForm(TranslatedForm):
    """Log out on every other device (no fields but the CSRF token)."""
