"""Forms of the results area: an outcome area, a project's targets, and the results' period."""

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    FieldList,
    FormField,
    HiddenField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from crm.forms import TranslatedForm, TranslatedRowForm, WholeNumberField, int_or_none, options
from crm.results.labels import MEASURE_LABELS, WHOLE_PROJECT_LABEL, area_name
from crm.results.models import OutcomeArea
from crm.results.outcomes import OutcomeAreaData, TargetData

EMPTY_TARGET_ROWS = 3
MAX_TARGET_ROWS = 40


def _max_length(limit: int) -> Length:
    return Length(max=limit, message=_l("Use at most %(max)d characters."))


class OutcomeAreaForm(TranslatedForm):
    """An outcome area the funder reports on, named in Danish and English."""

    name_da = StringField(
        _l("Name in Danish"),
        validators=[DataRequired(message=_l("Give the area a Danish name.")), _max_length(160)],
    )
    name_en = StringField(
        _l("Name in English"),
        validators=[DataRequired(message=_l("Give the area an English name.")), _max_length(160)],
    )
    description = TextAreaField(
        _l("Description"), validators=[Optional(), _max_length(2000)], render_kw={"rows": 4}
    )
    position = WholeNumberField(
        _l("Order"),
        default=0,
        validators=[Optional(), NumberRange(min=0, max=999, message=_l("Between 0 and 999."))],
        description=_l("Areas are listed from the lowest number up."),
    )
    active = BooleanField(
        _l("Active"),
        default=True,
        description=_l("Only active areas can be chosen for new activities and targets."),
    )
    version = HiddenField()

    def to_data(self) -> OutcomeAreaData:
        """The submitted values as the service's input."""
        return OutcomeAreaData(
            name_da=self.name_da.data.strip(),
            name_en=self.name_en.data.strip(),
            description=(self.description.data or "").strip(),
            position=self.position.data or 0,
            active=bool(self.active.data),
        )


class TargetRowForm(TranslatedRowForm):
    """One target; a row with no measure and no value is ignored."""

    measure = SelectField(_l("Measure"), validate_choice=False, default="")
    area = SelectField(_l("Outcome area"), validate_choice=False, default="")
    value = WholeNumberField(
        _l("Number aimed at"),
        validators=[
            Optional(),
            NumberRange(min=0, max=1_000_000, message=_l("Between 0 and 1,000,000.")),
        ],
    )
    remove = BooleanField(_l("Remove"))

    def validate_measure(self, field) -> None:
        if self.remove.data:
            return
        if field.data and field.data not in MEASURE_LABELS:
            raise ValidationError(_l("Choose a measure from the list."))
        if not field.data and (self.value.data is not None or self.area.data):
            raise ValidationError(_l("Choose a measure, or tick Remove to leave the row out."))


class TargetsForm(TranslatedForm):
    """A project's targets, a row each; the project's version guards against a stale save."""

    targets = FieldList(FormField(TargetRowForm), min_entries=0, max_entries=MAX_TARGET_ROWS)
    version = HiddenField()

    def set_choices(self, areas: list[OutcomeArea]) -> None:
        """The measure and outcome area options of every row (areas in the user's language)."""
        self.area_ids = {str(a.id) for a in areas}
        measures = options([("", _l("– choose –")), *MEASURE_LABELS.items()])
        area_options = options(
            [("", WHOLE_PROJECT_LABEL), *((a.id, area_name(a.name_da, a.name_en)) for a in areas)]
        )
        for row in self.targets:
            row.form.measure.choices = measures
            row.form.area.choices = area_options

    def add_empty_rows(self, count: int = EMPTY_TARGET_ROWS) -> None:
        """Offer empty rows below the filled ones (up to the maximum)."""
        for _ in range(count):
            if len(self.targets) < MAX_TARGET_ROWS:
                self.targets.append_entry()

    def _kept(self) -> list:
        return [r.form for r in self.targets if r.form.measure.data and not r.form.remove.data]

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        seen = set()
        for row in self._kept():
            if row.value.data is None and not row.value.errors:
                row.value.errors.append(_l("Give the number aimed at."))
                ok = False
            if row.area.data and row.area.data not in self.area_ids:
                row.area.errors.append(_l("Choose an outcome area from the list."))
                ok = False
            key = (row.measure.data, row.area.data)
            if key in seen:
                row.measure.errors.append(
                    _l("This measure is already set for the same outcome area.")
                )
                ok = False
            seen.add(key)
        return ok

    def to_data(self) -> list[TargetData]:
        """The kept rows as the service's input."""
        return [
            TargetData(row.measure.data, row.value.data, int_or_none(row.area.data))
            for row in self._kept()
        ]


class PeriodForm(TranslatedForm):
    """The results' period and export choices (a GET form: everything lives in the URL)."""

    class Meta:
        csrf = False

    start = DateField(_l("From"), validators=[Optional()])
    end = DateField(_l("To"), validators=[Optional()])
    names = BooleanField(
        _l("Include names of volunteers who consented"),
        description=_l(
            "Only volunteers who agreed to be named in results reports are named; the others "
            "are numbered. Without this, the activity list names nobody."
        ),
    )

    lang = SelectField(
        _l("Language of the export"),
        choices=options([("da", "Dansk"), ("en", "English")]),
        validate_choice=False,
    )

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        if self.start.data and self.end.data and self.end.data < self.start.data:
            self.end.errors.append(_l("The end date must be on or after the start date."))
            ok = False
        return ok
