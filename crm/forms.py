"""Base form classes with WTForms' built-in messages in our catalogue, and select-field helpers."""

from flask_babel import get_translations
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext as _ln
from flask_wtf import FlaskForm
from wtforms import Form
from wtforms.fields.choices import SelectChoice

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


class TranslatedForm(FlaskForm):
    """The base of every page form: CSRF-protected, messages in the user's language."""

    class Meta:
        def get_translations(self, form):
            return _CATALOGUE


class TranslatedRowForm(Form):
    """The base of repeated row sub-forms (inside a FieldList); CSRF is on the outer form."""

    class Meta:
        def get_translations(self, form):
            return _CATALOGUE


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
    """A select value as an int, or None when empty; a malformed value is a field error."""
    return int(value) if value not in (None, "", "None") else None
