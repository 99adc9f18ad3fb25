"""Base form classes: WTForms' messages in our catalogue, single-line fields kept on one line,
whole numbers kept within the database's range, and select-field helpers."""

from flask_babel import get_translations
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext as _ln
from flask_wtf import FlaskForm
from wtforms import (
    Form,
    IntegerField,
    PasswordField,
    StringField,
    TextAreaField,
    ValidationError,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import StopValidation

from crm.control_characters import is_one_line
from crm.converters import MAX_ID, OutOfRange, read_int

# WTForms ships no Danish catalogue, so its built-in messages are translated in ours. They are
# listed here only so that extraction puts them in the catalogue.
BUILTIN_MESSAGES = (
    _l("Field must be equal to %(other_name)s."),
    _ln(
        "Field must be at least %(min)d character long.",
        "Field must be at least %(min)d characters long.",
        1,
    ),
    _ln(
        "Field cannot be longer than %(max)d character.",
        "Field cannot be longer than %(max)d characters.",
        1,
    ),
    _ln(
        "Field must be exactly %(max)d character long.",
        "Field must be exactly %(max)d characters long.",
        1,
    ),
    _l("Field must be between %(min)d and %(max)d characters long."),
    _l("Number must be at least %(min)s."),
    _l("Number must be at most %(max)s."),
    _l("Number must be between %(min)s and %(max)s."),
    _l("Date must be at least %(min)s."),
    _l("Date must be at most %(max)s."),
    _l("Date must be between %(min)s and %(max)s."),
    _l("This field is required."),
    _l("Invalid input."),
    _l("Invalid email address."),
    _l("Invalid URL."),
    _l("Invalid value, must be one of: %(values)s."),
    _l("Invalid value, can't be any of: %(values)s."),
    _l("Invalid Choice: could not coerce."),
    _l("Not a valid choice."),
    _l("Invalid choice(s): one or more data inputs could not be coerced."),
    _ln(
        "'%(value)s' is not a valid choice for this field.",
        "'%(value)s' are not valid choices for this field.",
        1,
    ),
    _l("Not a valid datetime value."),
    _l("Not a valid date value."),
    _l("Not a valid time value."),
    _l("Not a valid integer value."),
    _l("Not a valid decimal value."),
    _l("Not a valid float value."),
)


class CatalogueTranslations:
    """Looks WTForms' messages up in the user's catalogue; WTForms fills in the values itself."""

    def gettext(self, string: str) -> str:
        return get_translations().ugettext(string)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return get_translations().ungettext(singular, plural, n)


_CATALOGUE = CatalogueTranslations()


def single_line(form, field) -> None:
    """Refuse tabs, line breaks and control characters in a one-line text field.

    A name or a subject goes into e-mail headers and one-line displays, where a line break
    breaks them; a text area (TextAreaField) may hold line breaks and is not checked here.
    """
    if isinstance(field.data, str) and not is_one_line(field.data):
        raise ValidationError(_l("Write this on one line, without tabs or control characters."))


def _is_single_line(field) -> bool:
    """One-line text fields; a password is left as typed (it is never shown or sent on)."""
    return isinstance(field, StringField) and not isinstance(field, TextAreaField | PasswordField)


class SingleLineFields:
    """Adds single_line to every one-line text field of the form when it is validated."""

    def validate(self, extra_validators=None) -> bool:
        extra = dict(extra_validators or {})
        for name, field in self._fields.items():
            if _is_single_line(field):
                extra[name] = [*extra.get(name, ()), single_line]
        return super().validate(extra)


class TranslatedForm(SingleLineFields, FlaskForm):
    """The base of every page form: CSRF-protected, messages in the user's language."""

    class Meta:
        def get_translations(self, form):
            return _CATALOGUE


class TranslatedRowForm(SingleLineFields, Form):
    """The base of repeated row sub-forms (inside a FieldList); CSRF is on the outer form."""

    class Meta:
        def get_translations(self, form):
            return _CATALOGUE


class WholeNumberField(IntegerField):
    """An integer field that reads only 0-9 and stays within a database INTEGER.

    '²' or '1_000' is "not a whole number", 2147483648 is "too large", each next to the field,
    where WTForms' own IntegerField would take the value to the database and fail there.
    """

    def process_formdata(self, valuelist):
        self.data = None
        if not valuelist or not str(valuelist[0]).strip():
            return
        try:
            self.data = read_int(valuelist[0])
        except OutOfRange:
            raise ValueError(_l("This number is too large.")) from None
        except ValueError:
            raise ValueError(_l("Enter a whole number.")) from None

    def pre_validate(self, form):
        """An unreadable number is the one error shown: no "required" or range message after."""
        if self.process_errors:
            raise StopValidation()


def row_action(form, action: str) -> bool:
    """Add or remove a row of `form.entries` without saving (works without JavaScript), as the
    pressed button asks ("add" or "remove-N"); True if one was done."""
    if action == "add" and len(form.entries) < form.entries.max_entries:
        form.entries.append_entry()
        return True
    if action.startswith("remove-"):
        name = f"entries-{action.removeprefix('remove-')}"
        form.entries.entries = [row for row in form.entries.entries if row.name != name]
        if not form.entries.entries:
            form.entries.append_entry()
        return True
    return False


def options(pairs) -> list[SelectChoice]:
    """Select choices from (value, label) pairs; None becomes the empty value."""
    return [SelectChoice(value="" if v is None else str(v), label=label) for v, label in pairs]


SEARCHABLE = {
    "data-searchable": "",
    "data-search-label": _l("Search the list"),
    "data-search-count": _l("{shown} of {total} shown"),
}
"""render_kw of a long select that crm/static/js/picker.js gives a search box (a plain select
without JavaScript)."""

LIKELY_LANGUAGES = _l("Most likely languages")
OTHER_LANGUAGES = _l("All other languages")
OTHER_COUNTRIES = _l("All other countries")


def likely_first(pairs, likely, likely_label, other_label) -> list[SelectChoice]:
    """Select choices with the `likely` values first, in that order, in a group of their own,
    then every other pair as listed in a second group; one plain list when none is likely."""
    pairs = list(pairs)
    labels = dict(pairs)
    first = [v for v in dict.fromkeys(likely) if v in labels]
    if not first:
        return options(pairs)
    chosen = set(first)
    return [SelectChoice(v, labels[v], optgroup=likely_label) for v in first] + [
        SelectChoice(v, label, optgroup=other_label) for v, label in pairs if v not in chosen
    ]


def int_or_none(value) -> int | None:
    """A select value as an id, or None when empty; a malformed or out-of-range value is a
    field error (SelectField turns the ValueError into one)."""
    return read_int(value, 1, MAX_ID) if value not in (None, "", "None") else None
