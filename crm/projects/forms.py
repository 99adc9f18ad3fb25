"""Forms for projects and needs; requirement rows are sub-forms that work without JavaScript."""

from collections.abc import Sequence

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from crm.converters import read_int
from crm.forms import (
    LIKELY_LANGUAGES,
    OTHER_COUNTRIES,
    OTHER_LANGUAGES,
    SEARCHABLE,
    TranslatedForm,
    TranslatedRowForm,
    WholeNumberField,
    likely_first,
    options,
)
from crm.labels import (
    NUMBERED_EXPERIENCE_LABELS,
    SHORT_LANGUAGE_LEVEL_LABELS,
    TRAVEL_LABELS,
    skill_choices,
)
from crm.matching.taxonomy import load_taxonomy
from crm.names import (
    country_choices,
    is_country,
    is_language,
    language_choices,
    likely_languages,
)
from crm.projects.labels import NEED_STATUS_LABELS, PROJECT_STATUS_LABELS
from crm.projects.services import LanguageRequirement, NeedData, ProjectData, SkillRequirement


def _max_length(limit: int) -> Length:
    return Length(max=limit, message=_l("Use at most %(max)d characters."))


EXTRA_ROWS = 2  # empty requirement rows offered below the filled ones
MAX_ROWS = 30


def _valid_countries(form, field) -> None:
    bad = [code for code in field.data or [] if not is_country(code)]
    if bad:
        raise ValidationError(_l("Unknown country code: %(codes)s", codes=", ".join(bad)))


def _period_check(start_field, end_field) -> None:
    if start_field.data and end_field.data and end_field.data < start_field.data:
        end_field.errors.append(_l("The end date must be on or after the start date."))


def _countries_field() -> SelectMultipleField:
    return SelectMultipleField(
        _l("Countries"),
        validators=[_valid_countries],
        validate_choice=False,
        description=_l("On a computer, hold Ctrl (or Cmd) to choose more than one."),
        render_kw={"size": 8, **SEARCHABLE},
    )


class ProjectForm(TranslatedForm):
    """A project abroad: what it is, with whom, where and when."""

    title = StringField(
        _l("Title"),
        validators=[DataRequired(message=_l("Give the project a title.")), _max_length(200)],
    )
    summary = TextAreaField(
        _l("Summary"), validators=[Optional(), _max_length(5000)], render_kw={"rows": 6}
    )
    partners = StringField(
        _l("Partner organisations"),
        validators=[Optional(), _max_length(500)],
        description=_l("Sister parties and networks abroad, separated by commas."),
    )
    danish_partners = StringField(
        _l("Danish co-operating parties"),
        validators=[Optional(), _max_length(500)],
        description=_l("Separated by commas."),
    )
    funder = StringField(
        _l("Funder"),
        validators=[Optional(), _max_length(120)],
        description=_l("For example DIPD."),
    )
    budget_line = StringField(
        _l("Budget line"),
        validators=[Optional(), _max_length(120)],
        description=_l("The funder's budget line or grant number the project reports under."),
    )
    start_date = DateField(_l("Start date"), validators=[Optional()])
    end_date = DateField(_l("End date"), validators=[Optional()])
    status = SelectField(
        _l("Status"), choices=options(PROJECT_STATUS_LABELS.items()), default="planning"
    )
    countries = _countries_field()
    version = HiddenField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.countries.choices = options(country_choices())

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        _period_check(self.start_date, self.end_date)
        return ok and not self.end_date.errors

    def to_data(self) -> ProjectData:
        """The submitted values as the service's input."""
        return ProjectData(
            title=self.title.data.strip(),
            summary=(self.summary.data or "").strip(),
            partners=(self.partners.data or "").strip(),
            danish_partners=(self.danish_partners.data or "").strip(),
            funder=(self.funder.data or "").strip(),
            budget_line=(self.budget_line.data or "").strip(),
            start_date=self.start_date.data,
            end_date=self.end_date.data,
            status=self.status.data,
            countries=sorted(set(self.countries.data or [])),
        )


def _changed_without_key(row: Form, key: str, others: tuple[str, ...]) -> bool:
    """True when a row has no key (area or language) but another field differs from its default."""
    if row[key].data or row.remove.data:
        return False
    return any(row[name].data != row[name].default for name in others)


class SkillRowForm(TranslatedRowForm):
    """One skill requirement; a row left as offered (no area, default level and weight) is ignored.

    A row with a level or weight chosen but no area is an error, not silently dropped.
    """

    area = SelectField(_l("Skill area"), validate_choice=False, default="")
    min_level = SelectField(
        _l("Minimum level"),
        choices=options(NUMBERED_EXPERIENCE_LABELS.items()),
        default="1",
    )
    weight = SelectField(_l("Weight"), choices=options((n, n) for n in range(1, 6)), default="3")
    remove = BooleanField(_l("Remove"))

    def validate_area(self, field) -> None:
        if field.data and field.data not in load_taxonomy():
            raise ValidationError(_l("Choose a skill area from the list."))
        if _changed_without_key(self, "area", ("min_level", "weight")):
            raise ValidationError(_l("Choose a skill area, or tick Remove to leave the row out."))


class LanguageRowForm(TranslatedRowForm):
    """One language requirement; a row left as offered (no language, defaults) is ignored.

    A row with a level or "preferred" chosen but no language is an error, not silently dropped.
    """

    code = SelectField(_l("Language"), validate_choice=False, default="", render_kw=SEARCHABLE)
    min_level = SelectField(
        _l("Minimum level"), choices=options(SHORT_LANGUAGE_LEVEL_LABELS.items()), default="B2"
    )
    required = SelectField(
        _l("Required or preferred"),
        choices=options([("required", _l("Required")), ("preferred", _l("Preferred"))]),
        default="required",
    )
    remove = BooleanField(_l("Remove"))

    def validate_code(self, field) -> None:
        if field.data and not is_language(field.data):
            raise ValidationError(_l("Choose a language from the list."))
        if _changed_without_key(self, "code", ("min_level", "required")):
            raise ValidationError(_l("Choose a language, or tick Remove to leave the row out."))


class NeedForm(TranslatedForm):
    """A role a project wants filled, with its requirements."""

    title = StringField(
        _l("Title"),
        validators=[DataRequired(message=_l("Give the need a title.")), _max_length(200)],
    )
    description = TextAreaField(
        _l("Description"), validators=[Optional(), _max_length(5000)], render_kw={"rows": 6}
    )
    skills = FieldList(FormField(SkillRowForm), min_entries=0, max_entries=MAX_ROWS)
    languages = FieldList(FormField(LanguageRowForm), min_entries=0, max_entries=MAX_ROWS)
    countries = _countries_field()
    period_from = DateField(_l("Period from"), validators=[Optional()])
    period_to = DateField(_l("Period to"), validators=[Optional()])
    hours_per_month = WholeNumberField(
        _l("Hours per month"),
        validators=[Optional(), NumberRange(min=1, max=200, message=_l("Between 1 and 200."))],
    )
    travel = SelectField(
        _l("Travel"),
        choices=options([("", _l("Not decided")), *TRAVEL_LABELS.items()]),
        default="",
    )
    seats = WholeNumberField(
        _l("Seats"),
        default=1,
        validators=[
            DataRequired(message=_l("How many people are needed?")),
            NumberRange(min=1, max=100, message=_l("Between 1 and 100.")),
        ],
    )
    deadline = DateField(_l("Application deadline"), validators=[Optional()])
    status = SelectField(_l("Status"), choices=options(NEED_STATUS_LABELS.items()), default="open")
    version = HiddenField()

    def __init__(self, *args, project_countries: Sequence[str] = (), **kwargs):
        """`project_countries` (the need's project's) are offered first, with their languages."""
        super().__init__(*args, **kwargs)
        self.project_countries = list(project_countries)
        self.countries.choices = likely_first(
            country_choices(),
            self.project_countries,
            _l("The project's countries"),
            OTHER_COUNTRIES,
        )
        self.set_row_choices()

    def set_row_choices(self) -> None:
        """Fill the select options of every requirement row in the user's language."""
        skills = options([("", _l("– choose –")), *skill_choices()])
        languages = options([("", _l("– choose –"))]) + likely_first(
            language_choices(),
            likely_languages(self.project_countries),
            LIKELY_LANGUAGES,
            OTHER_LANGUAGES,
        )
        for row in self.skills:
            row.form.area.choices = skills
        for row in self.languages:
            row.form.code.choices = languages

    def add_empty_rows(self, skills: int = EXTRA_ROWS, languages: int = EXTRA_ROWS) -> None:
        """Offer more empty requirement rows (up to the maximum)."""
        for _ in range(skills):
            if len(self.skills) < MAX_ROWS:
                self.skills.append_entry()
        for _ in range(languages):
            if len(self.languages) < MAX_ROWS:
                self.languages.append_entry()
        self.set_row_choices()

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        _period_check(self.period_from, self.period_to)
        ok = ok and not self.period_to.errors
        seen: set[str] = set()
        for row in self._kept(self.skills, "area"):
            if row.area.data in seen:
                row.area.errors.append(_l("This skill area is listed twice."))
                ok = False
            seen.add(row.area.data)
        seen = set()
        for row in self._kept(self.languages, "code"):
            if row.code.data in seen:
                row.code.errors.append(_l("This language is listed twice."))
                ok = False
            seen.add(row.code.data)
        return ok

    @staticmethod
    def _kept(rows: FieldList, key: str) -> list[Form]:
        return [r.form for r in rows if r.form[key].data and not r.form.remove.data]

    def to_data(self) -> NeedData:
        """The submitted values as the service's input."""
        return NeedData(
            title=self.title.data.strip(),
            description=(self.description.data or "").strip(),
            skills=[
                SkillRequirement(r.area.data, read_int(r.min_level.data), read_int(r.weight.data))
                for r in self._kept(self.skills, "area")
            ],
            languages=[
                LanguageRequirement(r.code.data, r.min_level.data, r.required.data == "required")
                for r in self._kept(self.languages, "code")
            ],
            countries=sorted(set(self.countries.data or [])),
            period_from=self.period_from.data,
            period_to=self.period_to.data,
            hours_per_month=self.hours_per_month.data,
            travel=self.travel.data or None,
            seats=self.seats.data,
            deadline=self.deadline.data,
            status=self.status.data,
        )
