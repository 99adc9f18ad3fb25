"""The activity report form (phone first) and the consultant's approve and reopen buttons."""

from decimal import Decimal, InvalidOperation

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, DateField, Field, SelectField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional
from wtforms.widgets import HiddenInput, TextInput

from crm.activities.labels import ACTIVITY_TYPE_LABELS
from crm.activities.models import ActivityReport, ActivityType
from crm.activities.reports import ReportData
from crm.forms import (
    OTHER_COUNTRIES,
    SEARCHABLE,
    TranslatedForm,
    WholeNumberField,
    int_or_none,
    likely_first,
    options,
)
from crm.names import country_choices, is_country
from crm.results.labels import area_name
from crm.results.models import OutcomeArea

MAX_DESCRIPTION = 2000
MAX_PARTICIPANTS = 1_000_000
PROJECT_COUNTRIES = _l("The project's countries")


class AmountField(Field):
    """A number of days or hours, with a decimal comma or point ("1,5" or "1.5")."""

    widget = TextInput()

    def _value(self) -> str:
        if self.raw_data:
            return self.raw_data[0]
        if self.data is None:
            return ""
        text = f"{self.data:g}"
        return text.replace(".", ",") if str(get_locale()) == "da" else text

    def process_formdata(self, valuelist):
        self.data = None
        text = str(valuelist[0]).strip().replace(",", ".") if valuelist else ""
        if not text:
            return
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValueError(_l("Enter a number, for example 1,5.")) from None
        if not number.is_finite():
            raise ValueError(_l("Enter a number, for example 1,5."))
        self.data = float(number)


def _within_participants(form, field) -> None:
    """Women and young people are among the participants, never more than them."""
    total = form.participants.data
    if field.data is not None and total is not None and field.data > total:
        field.errors.append(_l("This cannot be more than the %(num)d participants.", num=total))


def _participants_given(form) -> None:
    """Women and young people are counted among the participants: given them, the participants
    must be given too (else the results would count women among no participants)."""
    among = (form.participants_women, form.participants_young)
    breakdown = any(f.data is not None and not f.errors for f in among)
    total = form.participants
    if breakdown and total.data is None and not total.errors:
        total.errors.append(
            _l("Give the number of participants too: the women and young people are among them.")
        )


class ActivityReportForm(TranslatedForm):
    """One activity on a placement: when, how long, where, what, and whom it reached."""

    started_on = DateField(
        _l("From"), validators=[InputRequired(message=_l("Give the date the activity began."))]
    )
    ended_on = DateField(
        _l("To"),
        validators=[Optional()],
        description=_l("Leave empty for an activity of one day."),
    )
    days = AmountField(
        _l("Days"),
        validators=[Optional(), NumberRange(min=0, max=366)],
        description=_l("Days of work, or give hours below."),
    )
    hours = AmountField(
        _l("Hours"),
        validators=[Optional(), NumberRange(min=0, max=10_000)],
        description=_l("For advice online or work that took less than a day."),
    )
    country = SelectField(
        _l("Country"),
        validators=[DataRequired(message=_l("Choose the country."))],
        validate_choice=False,
        render_kw=SEARCHABLE,
    )
    activity_type = SelectField(
        _l("Type of activity"),
        choices=options(ACTIVITY_TYPE_LABELS.items()),
        default=ActivityType.TRAINING,
    )
    participants = WholeNumberField(
        _l("Participants"),
        validators=[Optional(), NumberRange(min=0, max=MAX_PARTICIPANTS)],
        description=_l("How many took part. Leave empty if you do not know."),
        render_kw={"inputmode": "numeric"},
    )
    participants_women = WholeNumberField(
        _l("Of whom women"),
        validators=[Optional(), NumberRange(min=0, max=MAX_PARTICIPANTS)],
        description=_l("Where you know it."),
        render_kw={"inputmode": "numeric"},
    )
    participants_young = WholeNumberField(
        _l("Of whom young people (under 35)"),
        validators=[Optional(), NumberRange(min=0, max=MAX_PARTICIPANTS)],
        description=_l("Where you know it."),
        render_kw={"inputmode": "numeric"},
    )
    outcome_area_id = SelectField(_l("Outcome area"), coerce=int_or_none, validate_choice=False)
    description = TextAreaField(
        _l("What did you do?"),
        validators=[
            Optional(),
            Length(max=MAX_DESCRIPTION, message=_l("Use at most %(max)d characters.")),
        ],
        description=_l("A few lines: what you did and what came of it."),
        render_kw={"rows": 5},
    )
    named_in_reports = BooleanField(
        _l("My name may appear in results reports to the funder"),
        description=_l(
            "Without this, reports to the funder count what you did but never name you. "
            "You can change your mind at any time."
        ),
    )
    version = WholeNumberField(widget=HiddenInput(), validators=[Optional()])

    def __init__(self, *args, countries=(), areas: list[OutcomeArea] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.country.choices = likely_first(
            country_choices(), countries, PROJECT_COUNTRIES, OTHER_COUNTRIES
        )
        if not countries:
            self.country.choices = options([("", _l("Choose a country")), *country_choices()])
        elif not self.country.data:
            self.country.data = countries[0]
        self._area_ids = {a.id for a in areas}
        self.outcome_area_id.choices = options(
            [(None, _l("Not given")), *((a.id, area_name(a.name_da, a.name_en)) for a in areas)]
        )
        if not areas:
            del self.outcome_area_id

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        if self.country.data and not is_country(self.country.data):
            self.country.errors = [_l("Choose a country from the list.")]
        start, end = self.started_on.data, self.ended_on.data
        if start and end and end < start:
            self.ended_on.errors = [_l("The end date must be on or after the start date.")]
        none_given = self.days.data is None and self.hours.data is None
        if none_given and not self.days.errors and not self.hours.errors:
            self.days.errors = [_l("Give the number of days or of hours.")]
        for field in (self.participants_women, self.participants_young):
            if not field.errors:
                _within_participants(self, field)
        _participants_given(self)
        area = getattr(self, "outcome_area_id", None)
        if area is not None and area.data is not None and area.data not in self._area_ids:
            area.errors = [_l("Not a valid choice.")]
        return ok and not self.errors

    def fill(self, report: ActivityReport) -> None:
        """Show a saved report in the form, with the version it was opened at."""
        self.process(obj=report)
        self.version.data = report.version

    def to_data(self) -> ReportData:
        """The submitted values as the service's input."""
        area = getattr(self, "outcome_area_id", None)
        return ReportData(
            started_on=self.started_on.data,
            ended_on=self.ended_on.data,
            days=self.days.data,
            hours=self.hours.data,
            country=self.country.data,
            activity_type=self.activity_type.data,
            participants=self.participants.data,
            participants_women=self.participants_women.data,
            participants_young=self.participants_young.data,
            outcome_area_id=area.data if area is not None else None,
            description=(self.description.data or "").strip(),
        )


class ReportActionForm(TranslatedForm):
    """Approve or reopen a report: the version the consultant saw (and CSRF)."""

    version = WholeNumberField(widget=HiddenInput(), validators=[InputRequired()])
