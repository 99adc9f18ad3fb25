"""Forms for the steps of the volunteer's skills profile."""

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    FieldList,
    FormField,
    HiddenField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
    ValidationError,
)
from wtforms.validators import (
    AnyOf,
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    Regexp,
)

from crm.forms import SEARCHABLE, TranslatedForm, TranslatedRowForm, WholeNumberField, options
from crm.labels import (
    EXPERIENCE_LABELS,
    LANGUAGE_LEVEL_LABELS,
    TRAVEL_CHOICE_LABELS,
)
from crm.matching.levels import TRAVEL_MODES
from crm.volunteers.models import NeedsEmail
from crm.volunteers.services import availability_in_order, current_consent_version

if TYPE_CHECKING:
    from crm.branches.models import BranchExperience
    from crm.volunteers.models import ExperienceEntry

MAX_EXPERIENCE = 20
MAX_LANGUAGES = 15
MAX_COUNTRIES = 30
TEXT_MAX = 2000


class DayField(DateField):
    """A date field (type=date) whose parse error is translated."""

    def process_formdata(self, valuelist):
        if valuelist and valuelist[0].strip():
            try:
                self.data = date.fromisoformat(valuelist[0].strip())
            except ValueError:
                self.data = None
                raise ValueError(_l("Enter a date as YYYY-MM-DD.")) from None
        else:
            self.data = None


class InChoices:
    """Accept only a value offered in the field's choices (or empty when the field is optional).

    The choices are the known codes (steps.prepare fills them), so no second check is needed: it
    would print the same error twice.
    """

    def __init__(self, message):
        self.message = message

    def __call__(self, form, field):
        if field.data in (None, ""):
            return
        if str(field.data) not in {choice.value for choice in field.choices}:
            raise ValidationError(self.message)


def _each_code_once(rows: FieldList, message) -> None:
    """Refuse a list of rows in which the same code is chosen twice."""
    codes = [row.code.data for row in rows if row.code.data]
    if len(codes) != len(set(codes)):
        raise ValidationError(str(message))


def _version_field() -> HiddenField:
    return HiddenField()


class ContactForm(TranslatedForm):
    """Step 1: contact details and branch."""

    version = _version_field()
    first_name = StringField(
        _l("First name"),
        validators=[
            DataRequired(message=_l("Enter your first name.")),
            Length(max=80, message=_l("Use at most %(max)d characters.")),
        ],
        render_kw={"autocomplete": "given-name"},
    )
    last_name = StringField(
        _l("Last name"),
        validators=[
            DataRequired(message=_l("Enter your last name.")),
            Length(max=80, message=_l("Use at most %(max)d characters.")),
        ],
        render_kw={"autocomplete": "family-name"},
    )
    phone = StringField(
        _l("Phone"),
        validators=[
            Optional(),
            Length(max=30, message=_l("Use at most %(max)d characters.")),
            Regexp(
                r"^\+?[0-9 ()-]{6,}$",
                message=_l("Enter a phone number with digits, e.g. +45 12 34 56 78."),
            ),
        ],
        description=_l("Optional. The consultant may call you about a task."),
        render_kw={"autocomplete": "tel", "type": "tel", "inputmode": "tel"},
    )
    postcode = StringField(
        _l("Postcode"),
        validators=[
            Optional(),
            Regexp(r"^\s*[0-9]{4}\s*$", message=_l("Enter a Danish postcode of four digits.")),
        ],
        description=_l("Optional. Helps us notice if you are registered twice."),
        render_kw={"autocomplete": "postal-code", "inputmode": "numeric"},
    )
    city = StringField(
        _l("Town or city"),
        validators=[
            DataRequired(message=_l("Enter the town or city where you live.")),
            Length(max=80, message=_l("Use at most %(max)d characters.")),
        ],
        render_kw={"autocomplete": "address-level2"},
    )
    branch_id = SelectField(
        _l("Your local branch"),
        validate_choice=False,
        validators=[InChoices(_l("Choose a branch from the list."))],
        description=_l("The local party association you are a member of."),
    )
    share_with_branch = BooleanField(
        _l("Share my profile with my branch"),
        description=_l(
            "Your own choice, separate from your consent to the use of your data, and off unless"
            " you tick it. Your branch's contact person then sees your name, town, skills,"
            " languages, countries and availability, and which tasks you have asked for or been"
            " placed on; never your e-mail, phone number, motivation or the consultants' notes."
            " Untick it at any time: the branch stops seeing your profile at once."
        ),
    )


class ExperienceRowForm(TranslatedRowForm):
    """One experience entry: an area with level and years, or free text alone."""

    id = HiddenField()
    area = SelectField(
        _l("Area"),
        validate_choice=False,
        validators=[InChoices(_l("Choose an area from the list."))],
    )
    level = SelectField(
        _l("Level"),
        validate_choice=False,
        validators=[InChoices(_l("Choose a level from the list."))],
        choices=options([("", "—"), *EXPERIENCE_LABELS.items()]),
    )
    years = WholeNumberField(
        _l("Years of experience"),
        validators=[
            Optional(),
            NumberRange(min=0, max=70, message=_l("Enter a number from %(min)s to %(max)s.")),
        ],
        render_kw={"inputmode": "numeric"},
    )
    description = TextAreaField(
        _l("Describe what you did"),
        validators=[Length(max=TEXT_MAX, message=_l("Use at most %(max)d characters."))],
        render_kw={"rows": 3},
    )

    level_missing = _l("Choose your level in this area.")
    area_or_text = _l("Choose an area or describe your experience in words.")
    """The row's own errors (a branch's row words them for the branch: crm/branches/forms.py)."""

    def is_blank(self) -> bool:
        """True when nothing was filled in (such rows are ignored)."""
        return (
            not (self.area.data or self.level.data or self.years.data is not None)
            and not (self.description.data or "").strip()
        )

    def validate(self, extra_validators=None) -> bool:
        if self.is_blank():
            return True
        ok = super().validate(extra_validators)
        if self.area.data and not self.level.data:
            self.level.errors.append(self.level_missing)
            ok = False
        if not self.area.data and not (self.description.data or "").strip():
            self.area.errors.append(self.area_or_text)
            ok = False
        return ok


def experience_rows(entries: Iterable["ExperienceEntry | BranchExperience"]) -> list[dict]:
    """Stored experience entries (a volunteer's or a branch's) as the rows' form data, with one
    empty row to add to."""
    rows = [
        {
            "id": str(e.id),
            "area": e.area or "",
            "level": str(e.level) if e.level else "",
            "years": e.years,
            "description": e.description,
        }
        for e in entries
    ]
    return [*rows, {}]


class ExperienceForm(TranslatedForm):
    """Step 2: experience entries."""

    version = _version_field()
    entries = FieldList(FormField(ExperienceRowForm), min_entries=1, max_entries=MAX_EXPERIENCE)


class LanguageRowForm(TranslatedRowForm):
    """A language the volunteer speaks, with a level."""

    code = SelectField(
        _l("Language"),
        validate_choice=False,
        validators=[InChoices(_l("Choose a language from the list."))],
        render_kw=SEARCHABLE,
    )
    level = SelectField(
        _l("Level"),
        validate_choice=False,
        validators=[InChoices(_l("Choose a level from the list."))],
        choices=options([("", "—"), *LANGUAGE_LEVEL_LABELS.items()]),
    )

    def is_blank(self) -> bool:
        """True when nothing was chosen."""
        return not self.code.data and not self.level.data

    def validate(self, extra_validators=None) -> bool:
        if self.is_blank():
            return True
        ok = super().validate(extra_validators)
        if not self.code.data:
            self.code.errors.append(_l("Choose a language."))
            ok = False
        if not self.level.data:
            self.level.errors.append(_l("Choose how well you speak it."))
            ok = False
        return ok


class LanguagesForm(TranslatedForm):
    """Step 3: languages."""

    version = _version_field()
    entries = FieldList(FormField(LanguageRowForm), min_entries=1, max_entries=MAX_LANGUAGES)

    def validate_entries(self, field):
        _each_code_once(field, _l("Each language only once, please."))


class CountryRowForm(TranslatedRowForm):
    """A country the volunteer knows."""

    code = SelectField(
        _l("Country"),
        validate_choice=False,
        validators=[InChoices(_l("Choose a country from the list."))],
        render_kw=SEARCHABLE,
    )

    def is_blank(self) -> bool:
        """True when nothing was chosen."""
        return not self.code.data


class CountriesForm(TranslatedForm):
    """Step 4: countries known."""

    version = _version_field()
    entries = FieldList(FormField(CountryRowForm), min_entries=1, max_entries=MAX_COUNTRIES)

    def validate_entries(self, field):
        _each_code_once(field, _l("Each country only once, please."))


class AvailabilityForm(TranslatedForm):
    """Step 5: availability."""

    version = _version_field()
    available_from = DayField(
        _l("Available from"),
        validators=[Optional()],
        description=_l("Leave empty if you are available now."),
    )
    available_to = DayField(
        _l("Available until"),
        validators=[Optional()],
        description=_l("Leave empty if there is no end date."),
    )
    hours_per_month = WholeNumberField(
        _l("Hours per month"),
        validators=[
            InputRequired(message=_l("Enter how many hours a month you can give.")),
            NumberRange(min=1, max=200, message=_l("Enter a number from %(min)s to %(max)s.")),
        ],
        description=_l("Roughly how many hours a month you can give."),
        render_kw={"inputmode": "numeric"},
    )
    travel = RadioField(
        _l("Travel"),
        choices=options(TRAVEL_CHOICE_LABELS.items()),
        validators=[DataRequired(message=_l("Choose how far you can travel."))],
        validate_choice=False,
    )

    def validate_travel(self, field):
        if field.data not in TRAVEL_MODES:
            raise ValidationError(_l("Choose how far you can travel."))

    def validate_available_to(self, field):
        if not availability_in_order(self.available_from.data, field.data):
            raise ValidationError(_l("The end date must be after the start date."))


class MotivationForm(TranslatedForm):
    """Step 6: motivation."""

    version = _version_field()
    motivation = TextAreaField(
        _l("Why do you want to help?"),
        validators=[
            DataRequired(message=_l("Write a few words about your motivation.")),
            Length(max=TEXT_MAX, message=_l("Use at most %(max)d characters.")),
        ],
        description=_l("A few sentences are enough: what drives you, and what you hope to do."),
        render_kw={"rows": 6},
    )


class ConsentForm(TranslatedForm):
    """Step 7: explicit consent to the processing of the profile."""

    version = _version_field()
    consent = BooleanField(
        _l("I consent to the processing of my profile as described above."),
        validators=[
            DataRequired(
                message=_l(
                    "Tick the box to give your consent. Without it your profile is not "
                    "offered for any task."
                )
            )
        ],
    )
    text_version = HiddenField()
    """The consent text version the page showed: a consent is to the text the volunteer read."""

    def validate_consent(self, field) -> None:
        """Refuse a consent to a text that was replaced while the page was open (and show the
        new version's number, so that ticking again consents to the new text)."""
        current = current_consent_version()
        if field.data and self.text_version.data != current:
            self.text_version.data = current
            raise ValidationError(
                _l(
                    "The consent text changed while you were reading it. Read the new text "
                    "above and tick the box again."
                )
            )


NEEDS_EMAIL_LABELS = {
    NeedsEmail.AT_ONCE: _l("At once, when a task that fits me opens"),
    NeedsEmail.WEEKLY: _l("Once a week, a list of the new tasks that fit me"),
    NeedsEmail.NEVER: _l("Never"),
}


class EmailChoicesForm(TranslatedForm):
    """The profile's e-mail choices: new tasks that fit (at once, weekly, never), and e-mails
    about the volunteer's own tasks (on or off)."""

    needs_email = RadioField(
        _l("E-mail me about new tasks that fit me"),
        choices=options(NEEDS_EMAIL_LABELS.items()),
        validators=[AnyOf([str(c) for c in NeedsEmail], message=_l("Choose one of the options."))],
        validate_choice=False,
    )
    status_emails = BooleanField(
        _l("E-mail me about my own tasks"),
        description=_l(
            "When we receive your request to take part, when you are shortlisted or placed, and "
            "when a task you are being considered for closes."
        ),
    )


class WithdrawConsentForm(TranslatedForm):
    """A button that withdraws consent (CSRF-protected)."""


CORRECTION_ACTIONS = ("confirm", "change", "remove", "undo")
"""The buttons of a row in "What we read from your description"; "undo" forgets a correction."""
CORRECTION_PAGES = ("experience", "profile")
"""The pages that show the read areas, where a correction returns to."""


class SkillCorrectionForm(TranslatedForm):
    """One area read from the volunteer's text: confirm it, change its level, remove it, or undo."""

    version = _version_field()
    area = HiddenField(validators=[DataRequired()])
    back = HiddenField(validators=[AnyOf(CORRECTION_PAGES)])
    action = HiddenField(validators=[AnyOf(CORRECTION_ACTIONS)])
    level = SelectField(
        _l("Level"),
        validate_choice=False,
        validators=[InChoices(_l("Choose a level from the list."))],
        choices=options(EXPERIENCE_LABELS.items()),
    )
