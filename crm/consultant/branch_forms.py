"""The forms of the staff's branch pages: the list's filters, a branch, an invitation."""

from flask_babel import lazy_gettext as _l
from wtforms import EmailField, HiddenField, SearchField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, Length, Optional

from crm.branches.regions import REGIONS
from crm.branches.services import BranchData
from crm.forms import TranslatedForm, options

BRANCH_SORT_LABELS = {
    "name": _l("Name"),
    "region": _l("Region"),
    "members": _l("Most members"),
}


def _max_length(limit: int) -> Length:
    return Length(max=limit, message=_l("Use at most %(max)d characters."))


class BranchFilterForm(TranslatedForm):
    """Search, region and order of the branch list (a GET form: it all lives in the URL)."""

    class Meta:
        csrf = False

    q = SearchField(_l("Name or municipality"), validators=[_max_length(100)])
    region = SelectField(_l("Region"), validate_choice=False)
    sort = SelectField(_l("Sort by"), validate_choice=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.region.choices = options([("", _l("All regions")), *((r, r) for r in REGIONS)])
        self.sort.choices = options(BRANCH_SORT_LABELS.items())

    def chosen_region(self) -> str | None:
        """The region asked for, or None for all (an unknown value counts as none chosen)."""
        return self.region.data if self.region.data in REGIONS else None

    def chosen_sort(self) -> str:
        """The order asked for, by name unless a known one was chosen."""
        return self.sort.data if self.sort.data in BRANCH_SORT_LABELS else "name"

    def search(self) -> str:
        """The search text, trimmed; empty when it is too long to be a name."""
        text = (self.q.data or "").strip()
        return text if len(text) <= 100 else ""


class BranchForm(TranslatedForm):
    """A local party branch: its name, where it is, and a few words about it."""

    name = StringField(
        _l("Name"),
        validators=[DataRequired(message=_l("Give the branch a name.")), _max_length(120)],
        description=_l("For example Socialdemokratiet i Aarhus. No two branches share a name."),
    )
    municipality = StringField(
        _l("Municipality"),
        validators=[DataRequired(message=_l("Enter the municipality.")), _max_length(80)],
    )
    region = SelectField(
        _l("Region"),
        validators=[DataRequired(message=_l("Choose the region."))],
    )
    description = TextAreaField(
        _l("Description"), validators=[Optional(), _max_length(5000)], render_kw={"rows": 5}
    )
    version = HiddenField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.region.choices = options([("", _l("Choose a region")), *((r, r) for r in REGIONS)])

    def to_data(self) -> BranchData:
        """The submitted values as the service's input."""
        return BranchData(
            name=self.name.data.strip(),
            municipality=self.municipality.data.strip(),
            region=self.region.data,
            description=(self.description.data or "").strip(),
        )


class InviteForm(TranslatedForm):
    """Invite a contact person to a branch: their name and e-mail address."""

    name = StringField(
        _l("Name"),
        validators=[DataRequired(message=_l("Enter the contact's name.")), _max_length(120)],
        render_kw={"autocomplete": "off"},
    )
    email = EmailField(
        _l("E-mail"),
        validators=[
            DataRequired(message=_l("Enter the contact's e-mail address.")),
            Email(message=_l("Enter a valid e-mail address."), check_deliverability=False),
            Length(max=254, message=_l("The e-mail address is too long.")),
        ],
        render_kw={"autocomplete": "off"},
    )
