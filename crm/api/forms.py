"""The account page's forms: a new API token, and revoking one."""

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext as _ln
from wtforms import RadioField, SelectField, StringField
from wtforms.validators import DataRequired, Length

from crm.api.models import EXPIRY_DAYS, Scope
from crm.forms import TranslatedForm, options

SCOPE_LABELS = {
    Scope.READ: _l("Read only"),
    Scope.WRITE: _l("Read and write: log contacts and move matches"),
}


def _expiry_choices():
    return options((str(days), _ln("%(num)d day", "%(num)d days", days)) for days in EXPIRY_DAYS)


class CreateTokenForm(TranslatedForm):
    """A name to know the token by, how long it lives and what it may do."""

    name = StringField(
        _l("Name"),
        validators=[
            DataRequired(message=_l("Give the token a name.")),
            Length(max=80, message=_l("Keep it under 80 characters.")),
        ],
        description=_l("What the token is for, e.g. “Membership system sync”."),
    )
    days = SelectField(_l("Expires after"), default="90")
    scope = RadioField(
        _l("Access"),
        choices=options((str(scope), label) for scope, label in SCOPE_LABELS.items()),
        default=str(Scope.READ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.days.choices = _expiry_choices()


class RevokeTokenForm(TranslatedForm):
    """Revoke a token (no fields but the CSRF token)."""
