"""The filters of the public need lists: a GET form, so the filter stays in the URL."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, SelectField, ValidationError

from crm.forms import TranslatedForm, options
from crm.labels import skill_label
from crm.names import country_name
from crm.public.services import FilterChoices, NeedFilter


def _known(message):
    """A validator: the value is empty or one of the field's choices, else `message`."""

    def check(form, field) -> None:
        if field.data and field.data not in {choice.value for choice in field.choices}:
            raise ValidationError(message)

    return check


class NeedFilterForm(TranslatedForm):
    """Skill area, country and "can be done remotely"; an unknown value is ignored and said so."""

    class Meta:
        csrf = False

    area = SelectField(
        _l("Skill area"),
        validate_choice=False,
        validators=[_known(_l("We do not know that skill area, so it is not used. Pick one."))],
    )
    country = SelectField(
        _l("Country"),
        validate_choice=False,
        validators=[_known(_l("No open task is in that country, so it is not used. Pick one."))],
    )
    remote = BooleanField(
        _l("Only tasks that can be done from home"), false_values=("", "0", "false", "off")
    )

    def fill_choices(self, choices: FilterChoices) -> None:
        """The areas and countries of the open needs, by name in the user's language."""
        areas = sorted(((a, skill_label(a)) for a in choices.areas), key=lambda c: c[1].lower())
        countries = sorted(
            ((c, country_name(c)) for c in choices.countries), key=lambda c: c[1].lower()
        )
        self.area.choices = options([("", _l("All skill areas")), *areas])
        self.country.choices = options([("", _l("All countries")), *countries])

    def chosen(self) -> NeedFilter:
        """The valid filters of this form; a field with an error counts as "any"."""
        self.validate()
        return NeedFilter(
            area=None if self.area.errors else (self.area.data or None),
            country=None if self.country.errors else (self.country.data or None),
            remote=bool(self.remote.data),
        )
