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
from crm.matches.forms import parse_selection, reason_code_field
from crm.matches.labels import ASKED, ASKED_LABEL, STATE_LABELS, state_label
from crm.matches.models import MatchState
from crm.matches.pipeline import ALL_STATES, EXITS, FORWARD, NEXT_STEP, REASON_REQUIRED
from crm.matches.services import ReasonRequired, check_reason_code, targets_for
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


class SeenVersions:
    """A hidden list of the "match_id:version" pairs a form was shown with.

    A pipeline move made with the form is checked against the version seen, so that a change
    someone else made meanwhile is refused rather than overwritten.
    """

    seen = HiddenField()

    def remember_seen(self, pairs) -> None:
        """Put the (match id, version) pairs shown into the hidden field."""
        self.seen.data = " ".join(f"{match_id}:{version}" for match_id, version in pairs)

    def seen_versions(self) -> dict[int, int]:
        """match id -> version of the matches shown (ValueError if tampered)."""
        return dict(parse_selection((self.seen.data or "").split()))

    def validate_seen(self, field: HiddenField) -> None:
        try:
            self.seen_versions()
        except ValueError:
            raise ValidationError(_l("The form was not understood; reload the page.")) from None


NO_MOVE = ""
"""The move_to value that leaves the match where it is."""

OUTCOME_HINTS: dict[MatchState, tuple[str, ...]] = {
    MatchState.DECLINED: (
        "takker nej",
        "siger nej",
        "nej tak",
        "ikke interesseret",
        "ikke tid",
        "kan ikke",
        "said no",
        "declined",
        "not interested",
        "no time",
        "cannot",
    ),
    MatchState.INTERESTED: (
        "interesseret",
        "interesse",
        "gerne",
        "er med",
        "positiv",
        "glad for",
        "interested",
        "keen",
        "happy to",
        "yes",
    ),
}
"""Words in an outcome that suggest a move (crm/static/js/pipeline-step.js offers it; the
consultant decides): "declined" wherever it is allowed, "interested" only as the match's
NEXT_STEP. The refusals are read first: "ikke interesseret" is no "interesseret"."""


def default_move(state: str) -> str:
    """The move a new contact starts with: a shortlisted match is contacted by it; else none."""
    return str(MatchState.CONTACTED) if state == MatchState.SHORTLISTED else NO_MOVE


MOVE_ORDER = (*FORWARD[1:], *EXITS, MatchState.SUGGESTED)
"""The order moves are offered in: along the pipeline, then the exits, then back to the start."""


class RecordContactForm(SeenVersions, ContactEntryForm):
    """A contact logged on the volunteer record; it may also move the match it is about on."""

    move_to = SelectField(
        _l("Move the match on"),
        validate_choice=False,
        description=_l(
            "Only for the need chosen above. A “declined” or “not suitable” takes a reason from "
            "the list below, and the outcome as its reason in words."
        ),
        render_kw={f"data-hint-{state}": "|".join(words) for state, words in OUTCOME_HINTS.items()},
    )
    reason_code = reason_code_field(_l("Why (for “declined” or “not suitable”)"))

    def fill_matches(self, matches: list[MatchOption], remember: bool = False) -> None:
        """Offer the volunteer's matches, each with its state, and the moves the pipeline allows.

        Each move says which states it is allowed from (data-from), so that the page's script
        can offer only the chosen match's moves; the service refuses any other. On a first
        showing, a shortlisted match starts at "contacted": logging a contact is contacting.
        """
        self.match_id.choices = [SelectChoice("", "—")] + [
            SelectChoice(
                str(m.id),
                f"{state_label(m.state)}: {m.label}",
                {
                    "data-state": m.state,
                    "data-next": NEXT_STEP.get(MatchState(m.state), ""),
                    "data-default": default_move(m.state),
                },
            )
            for m in matches
        ]
        sources: dict[MatchState, set[str]] = {}
        for m in matches:
            for target in targets_for(m.state):
                sources.setdefault(target, set()).add(m.state)
        self.move_to.choices = [SelectChoice(NO_MOVE, _l("No change"))] + [
            SelectChoice(
                str(target),
                state_label(target),
                {"data-from": " ".join(sorted(sources[target]))},
            )
            for target in MOVE_ORDER
            if target in sources
        ]
        if remember:
            self.remember_seen((m.id, m.version) for m in matches)
            chosen = next((m for m in matches if m.id == self.match_id.data), None)
            self.move_to.data = default_move(chosen.state) if chosen is not None else NO_MOVE

    def validate_move_to(self, field: SelectField) -> None:
        if not field.data:
            return
        if field.data not in ALL_STATES:  # whether the match may take it is the pipeline's say
            raise ValidationError(_l("Choose a step from the list."))
        if self.match_id.data is None:
            raise ValidationError(_l("Choose the need above, or leave the match as it is."))

    def validate_reason_code(self, field: SelectField) -> None:
        """The pipeline service's rule (check_reason_code), its message next to the field."""
        try:
            check_reason_code(self.move_to.data, field.data)
        except ReasonRequired as error:
            raise ValidationError(error.message) from None

    def move(self) -> tuple[str, int | None] | None:
        """(target state, version seen) of the move asked for, or None for no change."""
        if not self.move_to.data or self.match_id.data is None:
            return None
        return self.move_to.data, self.seen_versions().get(self.match_id.data)

    def move_reason_code(self) -> str | None:
        """The exit reason chosen, for a move that takes one (else None)."""
        if self.move_to.data in REASON_REQUIRED:
            return self.reason_code.data or None
        return None


class NeedEmailForm(SeenVersions, BulkEmailForm):
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
