"""The volunteer search form (a GET form: the filters live in the URL) and the record's form."""

from datetime import UTC, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from wtforms import BooleanField, DateField, HiddenField, SearchField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length, Optional, ValidationError

from crm.branches.models import Branch
from crm.consultant.search import CONSENT_GIVEN, CONSENT_MISSING, VolunteerFilters
from crm.consultant.services import MatchOption
from crm.contacts.forms import BulkEmailForm, ContactEntryForm
from crm.extensions import db
from crm.forms import TranslatedForm, int_or_none, options
from crm.labels import TRAVEL_LABELS, language_level_label, skill_choices
from crm.matches.forms import parse_selection
from crm.matches.labels import ASKED, ASKED_LABEL, STATE_LABELS, state_label
from crm.matches.models import MatchState
from crm.matching.levels import LANGUAGE_LEVELS
from crm.names import country_choices, language_choices

SORT_LABELS = {
    "relevance": _l("Best match"),
    "name": _l("Name"),
    "newest": _l("Newest first"),
    "oldest": _l("Oldest first"),
    "updated": _l("Recently updated"),
}

CONSENT_FILTER_LABELS = {
    CONSENT_GIVEN: _l("Given (matched)"),
    CONSENT_MISSING: _l("Missing or outdated (not matched)"),
}


class SearchForm(TranslatedForm):
    """Search and filters for the volunteer list."""

    class Meta:
        csrf = False

    q = SearchField(
        _l("Name"),
        validators=[Length(max=100)],
        description=_l("Spelling mistakes are forgiven."),
    )
    email = StringField(_l("E-mail contains"), validators=[Length(max=254)])
    branch = SelectField(_l("Branch"), coerce=int_or_none, validate_choice=False)
    area = SelectField(_l("Skill area"), validate_choice=False)
    language = SelectField(_l("Language"), validate_choice=False)
    level = SelectField(_l("At least level"), validate_choice=False)
    country = SelectField(_l("Knows the country"), validate_choice=False)
    available_on = DateField(_l("Available on"), validators=[Optional()])
    travel = SelectField(_l("Can travel"), validate_choice=False)
    state = SelectField(_l("Has a match that is"), validate_choice=False)
    consent = SelectField(_l("Consent"), validate_choice=False)
    sort = SelectField(_l("Sort by"), choices=options(SORT_LABELS.items()), validate_choice=False)

    def fill_choices(self) -> None:
        """Choices in the user's language; branches read with one query."""
        anyone = [("", _l("Any"))]
        branches = db.session.execute(select(Branch.id, Branch.name).order_by(Branch.name)).all()
        self.branch.choices = options(anyone + [(b.id, b.name) for b in branches])
        self.area.choices = options(anyone + skill_choices())
        self.language.choices = options(anyone + language_choices())
        levels = [(lv, language_level_label(lv)) for lv in LANGUAGE_LEVELS]
        self.level.choices = options(anyone + levels)
        self.country.choices = options(anyone + country_choices())
        self.travel.choices = options(anyone + list(TRAVEL_LABELS.items()))
        self.state.choices = options(anyone + [(ASKED, ASKED_LABEL)] + list(STATE_LABELS.items()))
        self.consent.choices = options(anyone + list(CONSENT_FILTER_LABELS.items()))

    def filters(self) -> VolunteerFilters:
        """The valid filters of this form (a malformed value is ignored, not an error page)."""
        self.validate()
        valid = {choice.value for choice in self.sort.choices}
        return VolunteerFilters(
            q=(self.q.data or "")[:100],
            email=(self.email.data or "")[:254],
            branch_id=self.branch.data,
            area=self.area.data or "",
            language=self.language.data or "",
            language_level=self.level.data or "",
            country=self.country.data or "",
            available_on=None if self.available_on.errors else self.available_on.data,
            travel=self.travel.data or "",
            state=self.state.data or "",
            consent=self.consent.data if self.consent.data in CONSENT_FILTER_LABELS else "",
            sort=self.sort.data if self.sort.data in valid else "relevance",
        )


class SeenShortlist:
    """A hidden list of the "match_id:version" pairs that were shortlisted when a form was shown.

    Only those matches may then be marked as contacted, and only at the version seen.
    """

    shortlisted = HiddenField()

    def remember_shortlisted(self, pairs) -> None:
        """Put the (match id, version) pairs shown into the hidden field."""
        self.shortlisted.data = " ".join(f"{match_id}:{version}" for match_id, version in pairs)

    def seen_shortlisted(self) -> dict[int, int]:
        """match id -> version of the matches shown as shortlisted (ValueError if tampered)."""
        return dict(parse_selection((self.shortlisted.data or "").split()))

    def validate_shortlisted(self, field: HiddenField) -> None:
        try:
            self.seen_shortlisted()
        except ValueError:
            raise ValidationError(_l("The form was not understood; reload the page.")) from None


class RecordContactForm(SeenShortlist, ContactEntryForm):
    """A contact logged on the volunteer record; it may also move a shortlisted match on."""

    mark_contacted = BooleanField(
        _l("Mark the match as contacted"),
        default=True,
        description=_l("Only when the need chosen above is shortlisted: it moves to “contacted”."),
    )

    def fill_matches(self, matches: list[MatchOption], remember: bool = False) -> None:
        """Offer the volunteer's matches, each with its state; remember the shortlisted ones."""
        self.match_id.choices = [SelectChoice("", "—")] + [
            SelectChoice(
                str(m.id),
                f"{state_label(m.state)}: {m.label}",
                {"data-shortlisted": True} if m.state == MatchState.SHORTLISTED else {},
            )
            for m in matches
        ]
        if remember:
            self.remember_shortlisted(
                (m.id, m.version) for m in matches if m.state == MatchState.SHORTLISTED
            )

    def contacted_version(self) -> int | None:
        """The version the chosen match must still have to be marked as contacted, or None.

        None when the box is not ticked or the chosen match was not shortlisted when shown.
        """
        if not self.mark_contacted.data or self.match_id.data is None:
            return None
        return self.seen_shortlisted().get(self.match_id.data)


class NeedEmailForm(SeenShortlist, BulkEmailForm):
    """The e-mail to everyone shortlisted for a need, which can mark them all as contacted."""

    mark_contacted = BooleanField(
        _l("Mark them as contacted"),
        default=True,
        description=_l("Everyone the e-mail reaches moves from “shortlisted” to “contacted”."),
    )


class MarkSeenForm(TranslatedForm):
    """The dashboard's "Mark as seen" button; `until` is when the page was drawn (ISO 8601)."""

    until = HiddenField()

    def until_time(self) -> datetime | None:
        """The aware moment in `until` in UTC, or None when it is missing, naive, malformed or
        cannot be expressed in UTC (year 1 at +01:00 overflows)."""
        try:
            value = datetime.fromisoformat(self.until.data or "")
            if value.tzinfo is None:
                return None
            return value.astimezone(UTC)
        except (ValueError, OverflowError):
            return None
