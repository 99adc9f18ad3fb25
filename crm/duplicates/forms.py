"""The merge screen's form: which record to keep and, per field, whose value."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, RadioField
from wtforms.validators import InputRequired

from crm.duplicates import fields
from crm.duplicates.compare import Row
from crm.forms import TranslatedForm, options
from crm.volunteers.models import Volunteer


class MergeForm(TranslatedForm):
    """The fixed part; merge_form() adds one radio group per choice."""

    keep = RadioField(
        _l("Record to keep"),
        validators=[InputRequired(message=_l("Choose the record to keep."))],
        description=_l(
            "The other record becomes a tombstone that points here; its history moves over."
        ),
    )
    version_first = HiddenField()
    version_second = HiddenField()


def _option(volunteer: Volunteer, value: str) -> str:
    return _("#%(id)d: %(value)s", id=volunteer.id, value=value or _("(empty)"))


def merge_form(first: Volunteer, second: Volunteer, rows: list[Row], defaults: dict, **kw):
    """A MergeForm with a radio group per row, values the records' ids (or "both")."""

    class Form(MergeForm):
        pass

    for row in rows:
        choices = [
            (str(first.id), _option(first, row.first)),
            (str(second.id), _option(second, row.second)),
        ]
        if row.choice in fields.COLLECTIONS:
            choices.append(("both", _("Both records' entries")))
        setattr(
            Form,
            row.choice,
            RadioField(
                row.label,
                choices=options(choices),
                default=str(defaults[row.choice]),
                validators=[InputRequired(message=_l("Choose one."))],
            ),
        )
    form = Form(**kw)
    form.keep.choices = options(
        [
            (first.id, _("Record #%(id)d", id=first.id)),
            (second.id, _("Record #%(id)d", id=second.id)),
        ]
    )
    if form.keep.data is None:
        form.keep.data = str(defaults["keep"])
    return form


def chosen(form: MergeForm, rows: list[Row]) -> dict[str, int | str]:
    """The submitted choices: ids as ints, "both" as it is."""
    values: dict[str, int | str] = {}
    for row in rows:
        value = getattr(form, row.choice).data
        values[row.choice] = value if value == "both" else int(value)
    return values
