"""Forms for contact-log entries, follow-ups, e-mails and e-mail templates."""

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    DateTimeLocalField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from crm.contacts.email_templates import unknown_placeholders
from crm.contacts.labels import CHANNEL_LABELS, DIRECTION_LABELS
from crm.forms import TranslatedForm, int_or_none, options

IMPLAUSIBLE_YEAR = _l("Choose a date between the years 2000 and 2100.")


def plausible_year(day: date | datetime) -> bool:
    """Whether a contact's or follow-up's date lies in 2000–2100 (else: most likely a mistyped
    year); the API's contacts use it too."""
    return 2000 <= day.year <= 2100


def _check_year(field) -> None:
    """Refuse a date outside the years 2000–2100, most likely a mistyped year."""
    if field.data and not plausible_year(field.data):
        raise ValidationError(IMPLAUSIBLE_YEAR)


def _check_placeholders(*texts: str | None) -> None:
    """Refuse placeholders that the e-mail cannot fill in."""
    unknown = unknown_placeholders(*(t or "" for t in texts))
    if unknown:
        raise ValidationError(
            _l("Unknown placeholder: %(names)s.", names=", ".join(f"{{{n}}}" for n in unknown))
        )


class ContactEntryForm(TranslatedForm):
    """One contact with a volunteer, with an optional follow-up."""

    channel = SelectField(_l("Channel"), choices=options(CHANNEL_LABELS.items()), default="phone")
    direction = RadioField(
        _l("Direction"), choices=options(DIRECTION_LABELS.items()), default="out"
    )
    at = DateTimeLocalField(
        _l("Date and time"),
        format="%Y-%m-%dT%H:%M",
        validators=[DataRequired(message=_l("Enter the date and time."))],
        description=_l("Danish time."),
    )
    summary = TextAreaField(
        _l("Summary"),
        validators=[
            DataRequired(message=_l("Write what was said.")),
            Length(max=5000, message=_l("Keep it under 5,000 characters.")),
        ],
        render_kw={"rows": 3},
    )
    outcome = StringField(
        _l("Outcome"),
        validators=[Length(max=500, message=_l("Keep it under 500 characters."))],
        description=_l("For example: interested, will think about it, said no."),
    )
    match_id = SelectField(_l("About the need"), coerce=int_or_none, validate_choice=True)
    follow_up_date = DateField(
        _l("Follow up on"),
        validators=[Optional()],
        description=_l("Optional. The follow-up is yours and shows on your dashboard that day."),
    )
    follow_up_note = StringField(
        _l("Follow-up note"),
        validators=[Length(max=500, message=_l("Keep it under 500 characters."))],
        description=_l("Shown in your calendar feed: write no sensitive details."),
    )

    def validate_at(self, field):
        _check_year(field)

    def validate_follow_up_date(self, field):
        _check_year(field)

    def validate_follow_up_note(self, field):
        if field.data and not self.follow_up_date.data:
            raise ValidationError(_l("Choose a date for the follow-up, or leave the note empty."))


class ReassignForm(TranslatedForm):
    """Give a follow-up to another consultant."""

    owner_id = SelectField(_l("Give to"), coerce=int_or_none)


class EmailForm(TranslatedForm):
    """An e-mail to one volunteer, written from a template."""

    match_id = SelectField(_l("About the need"), coerce=int_or_none, validate_choice=True)
    subject = StringField(
        _l("Subject"),
        validators=[DataRequired(message=_l("Write a subject.")), Length(max=200)],
    )
    body = TextAreaField(
        _l("Message"),
        validators=[DataRequired(message=_l("Write a message.")), Length(max=20000)],
        render_kw={"rows": 14},
    )

    def validate_body(self, field):
        _check_placeholders(self.subject.data, field.data)


class BilingualEmailForm(TranslatedForm):
    """Subject and message in Danish and in English; each volunteer gets their own language."""

    subject_da = StringField(
        _l("Subject in Danish"),
        validators=[DataRequired(message=_l("Write a subject.")), Length(max=200)],
    )
    body_da = TextAreaField(
        _l("Message in Danish"),
        validators=[DataRequired(message=_l("Write a message.")), Length(max=20000)],
        render_kw={"rows": 12},
    )
    subject_en = StringField(
        _l("Subject in English"),
        validators=[DataRequired(message=_l("Write a subject.")), Length(max=200)],
    )
    body_en = TextAreaField(
        _l("Message in English"),
        validators=[DataRequired(message=_l("Write a message.")), Length(max=20000)],
        render_kw={"rows": 12},
    )

    def validate_body_en(self, field):
        _check_placeholders(
            self.subject_da.data, self.body_da.data, self.subject_en.data, field.data
        )


class BulkEmailForm(BilingualEmailForm):
    """One e-mail to everyone shortlisted for a need, in Danish and in English."""

    confirm = BooleanField(
        _l("Yes, send it to everyone listed"),
        validators=[DataRequired(message=_l("Tick the box to confirm."))],
    )


class TemplateForm(BilingualEmailForm):
    """An e-mail template in Danish and English."""

    name = StringField(
        _l("Name"),
        validators=[DataRequired(message=_l("Give the template a name.")), Length(max=120)],
    )


class TokenForm(TranslatedForm):
    """A button that only carries the CSRF token."""


class FollowUpFilterForm(TranslatedForm):
    """The follow-up list's filters; a GET form, so the filter stays in the URL."""

    class Meta:
        csrf = False

    owner = SelectField(
        _l("Whose"),
        choices=options([("mine", _l("Mine")), ("all", _l("Everyone's"))]),
        default="mine",
    )
    status = SelectField(
        _l("Status"),
        choices=options([("open", _l("Open")), ("done", _l("Done")), ("all", _l("All"))]),
        default="open",
    )
    overdue = BooleanField(_l("Only overdue"))
    due_from = DateField(_l("Due from"), validators=[Optional()])
    due_to = DateField(_l("Due until"), validators=[Optional()])
