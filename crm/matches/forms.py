"""Forms for moving matches through the pipeline, one at a time and in bulk."""

from flask_babel import lazy_gettext as _l
from wtforms import (
    HiddenField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional, ValidationError
from wtforms.widgets import HiddenInput

from crm.converters import MAX_ID, read_int
from crm.forms import TranslatedForm, WholeNumberField
from crm.matches.labels import ACTION_LABELS, EXIT_REASON_LABELS
from crm.matches.pipeline import ALL_STATES


def target_choices(states=ALL_STATES) -> list[SelectChoice]:
    """(state, action label) choices for a select of target states."""
    return [SelectChoice(str(s), ACTION_LABELS[str(s)]) for s in states]


def reason_code_choices() -> list[SelectChoice]:
    """The exit reasons (crm.matches.models.ExitReason) for a select, after an empty choice."""
    return [SelectChoice("", _l("– choose –"))] + [
        SelectChoice(code, label) for code, label in EXIT_REASON_LABELS.items()
    ]


def reason_code_field(label=None) -> SelectField:
    """The select of exit reasons; whether one is needed is the pipeline service's say."""
    return SelectField(
        label or _l("Reason"),
        choices=reason_code_choices(),
        default="",
        validate_choice=True,
        description=_l("Required when the volunteer declined or is not suitable."),
    )


class TransitionForm(TranslatedForm):
    """Move one match; the hidden version is the one the consultant saw."""

    to_state = SelectField(_l("New state"), choices=target_choices(), validate_choice=True)
    version = WholeNumberField(widget=HiddenInput(), validators=[InputRequired()])
    reason_code = reason_code_field()
    reason = TextAreaField(
        _l("Reason in your own words (optional)"),
        validators=[Optional(), Length(max=500)],
    )
    note = TextAreaField(_l("Note (optional)"), validators=[Optional(), Length(max=4000)])
    confirm = HiddenField()
    tab = HiddenField()
    page = HiddenField()

    def confirmed(self, kind: str) -> bool:
        """Whether the consultant has confirmed the warning of this kind."""
        return kind in (self.confirm.data or "").split()


def parse_selection(values: list[str]) -> list[tuple[int, int]]:
    """Turn checkbox values "match_id:version" into (id, version) pairs.

    ValueError when a value is malformed, lacks its version, is out of range or is repeated.
    """
    pairs = []
    for value in values:
        match_id, _sep, version = value.partition(":")
        pairs.append((read_int(match_id, 1, MAX_ID), read_int(version, 1, MAX_ID)))
    if len({match_id for match_id, _ in pairs}) != len(pairs):
        raise ValueError("a candidate was selected twice")
    return pairs


class BulkTransitionForm(TranslatedForm):
    """Apply one transition to every checked candidate."""

    match = SelectMultipleField(_l("Candidates"), validate_choice=False)
    to_state = SelectField(
        _l("Move selected to"),
        choices=[SelectChoice("", _l("– choose –"))] + target_choices(),
        validators=[InputRequired(_l("Choose what happens to the selected candidates."))],
    )
    reason_code = reason_code_field()
    reason = StringField(
        _l("Reason in your own words (optional)"), validators=[Optional(), Length(max=500)]
    )
    note = StringField(_l("Note (optional)"), validators=[Optional(), Length(max=4000)])
    tab = HiddenField()
    page = HiddenField()

    def validate_match(self, field: SelectMultipleField) -> None:
        if not field.data:
            raise ValidationError(_l("Select at least one candidate."))
        try:
            parse_selection(field.data)
        except ValueError:
            message = _l("The selection was not understood; reload the page.")
            raise ValidationError(message) from None

    @property
    def selection(self) -> list[tuple[int, int]]:
        """The checked (match id, version) pairs."""
        return parse_selection(self.match.data or [])
