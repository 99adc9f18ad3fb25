"""The admin area's forms: invite staff, change a role or status, a consent text, the audit
log's filters."""

from flask_babel import lazy_gettext as _l
from wtforms import (
    DateField,
    EmailField,
    HiddenField,
    SearchField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Email, Length, Optional, Regexp

from crm.audit.labels import ACTION_LABELS
from crm.auth.labels import ROLE_LABELS
from crm.auth.models import Role, User
from crm.forms import TranslatedForm, WholeNumberField, options
from crm.volunteers.consent_texts import LABEL_LENGTH, ConsentTextData

STAFF_ROLE_CHOICES = [(str(r), ROLE_LABELS[r]) for r in (Role.CONSULTANT, Role.ADMIN)]


def _max_length(limit: int) -> Length:
    return Length(max=limit, message=_l("Use at most %(max)d characters."))


class InviteStaffForm(TranslatedForm):
    """Invite a consultant or an admin: name, e-mail address and role."""

    name = StringField(
        _l("Name"),
        validators=[DataRequired(message=_l("Enter the person's name.")), _max_length(120)],
    )
    email = EmailField(
        _l("E-mail"),
        validators=[
            DataRequired(message=_l("Enter the e-mail address.")),
            Email(message=_l("Enter a valid e-mail address.")),
            _max_length(254),
        ],
    )
    role = SelectField(_l("Role"), choices=options(STAFF_ROLE_CHOICES), default=Role.CONSULTANT)


class RoleForm(TranslatedForm):
    """Change a staff member's role; the version is the account's when the page was opened."""

    role = SelectField(_l("Role"), choices=options(STAFF_ROLE_CHOICES))
    version = HiddenField()


class StatusForm(TranslatedForm):
    """Deactivate or reactivate an account (no fields but the version)."""

    version = HiddenField()


class ConsentTextForm(TranslatedForm):
    """A consent text version: its label and the text in Danish and English."""

    label = StringField(
        _l("Version"),
        validators=[
            DataRequired(message=_l("Name the version, for example 2027-01.")),
            _max_length(LABEL_LENGTH),
            Regexp(
                r"^[0-9A-Za-z][0-9A-Za-z._-]*$",
                message=_l("Use letters, digits, dots, hyphens and underscores only."),
            ),
        ],
        description=_l("Stored with every consent given to this text, for example 2027-01."),
    )
    text_da = TextAreaField(
        _l("Text in Danish"),
        validators=[DataRequired(message=_l("Write the text in Danish.")), _max_length(20000)],
        render_kw={"rows": 12},
        description=_l("Volunteers see it as written; an empty line starts a new paragraph."),
    )
    text_en = TextAreaField(
        _l("Text in English"),
        validators=[Optional(), _max_length(20000)],
        render_kw={"rows": 12},
        description=_l("Shown to volunteers who use English; without it they see the Danish."),
    )
    version = HiddenField()

    def to_data(self) -> ConsentTextData:
        """The submitted values as the service's input."""
        return ConsentTextData(
            label=self.label.data.strip(),
            text_da=self.text_da.data.strip(),
            text_en=(self.text_en.data or "").strip(),
        )


class AuditFilterForm(TranslatedForm):
    """The audit log's filters (a GET form: everything lives in the URL)."""

    class Meta:
        csrf = False

    volunteer = WholeNumberField(_l("Volunteer number"), validators=[Optional()])
    name = SearchField(
        _l("Volunteer's name"),
        validators=[Optional(), _max_length(100)],
    )
    actor = SelectField(_l("Staff member"), validate_choice=False)
    action = SelectField(_l("Action"), validate_choice=False)
    day_from = DateField(_l("From"), validators=[Optional()])
    day_to = DateField(_l("To"), validators=[Optional()])

    def fill_choices(self, staff: list[User]) -> None:
        """The staff and action selects (staff ordered as given)."""
        self.actor.choices = options(
            [("", _l("Anyone")), *((u.id, u.name or u.email) for u in staff)]
        )
        self.action.choices = options(
            [("", _l("Every action")), *((str(a), label) for a, label in ACTION_LABELS.items())]
        )
