"""Forms of the import: the upload, the column mapping, the choice, invitations and the claim."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import HiddenField, SelectField, SelectMultipleField, StringField, SubmitField
from wtforms.validators import Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from crm.auth.forms import NewPasswordForm, _new_password_fields
from crm.auth.passwords import guess_words
from crm.forms import TranslatedForm, options
from crm.imports.mapping import FIELDS
from crm.volunteers.models import Volunteer


class UploadForm(TranslatedForm):
    """The spreadsheet to import."""

    file = FileField(
        _l("Spreadsheet (CSV or XLSX)"),
        validators=[
            FileRequired(message=_l("Choose a file.")),
            FileAllowed(["csv", "xlsx", "txt"], message=_l("Choose a CSV or XLSX file.")),
        ],
        description=_l(
            "The first row holds the column names. CSV with semicolons or commas, as Excel or "
            "LibreOffice saves it; XLSX: the first sheet."
        ),
        render_kw={"accept": ".csv,.xlsx,.txt"},
    )


class MappingForm(TranslatedForm):
    """Which column fills which field; the page shows the first rows as they will be imported.
    One SelectField per field of crm/imports/mapping.FIELDS is added below."""

    version = HiddenField()
    save_as = StringField(
        _l("Save this mapping as"),
        validators=[Optional(), Length(max=80)],
        description=_l("A name, to use the same mapping for the next spreadsheet like this one."),
    )
    preview = SubmitField(_l("Show the preview again"))
    check = SubmitField(_l("Check every row"))

    def set_headers(self, headers: tuple[str, ...]) -> None:
        """Offer the file's headers (and "not imported") in every field's list."""
        choices = options([("", _l("— not imported —"))] + [(h, h) for h in headers if h])
        for field in FIELDS:
            self[field.key].choices = choices

    def columns(self) -> dict[str, str]:
        """Field key → chosen header, for the fields given a column."""
        return {field.key: self[field.key].data for field in FIELDS if self[field.key].data}

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        chosen = self.columns()
        if "email" not in chosen:
            self.email.errors.append(_l("Choose the column with the e-mail address."))
            ok = False
        if not {"first_name", "last_name", "full_name"} & chosen.keys():
            self.full_name.errors.append(_l("Choose the column or columns with the name."))
            ok = False
        seen: dict[str, str] = {}
        for key, header in chosen.items():
            if header in seen:
                self[key].errors.append(_l("This column is chosen for another field already."))
                ok = False
            seen.setdefault(header, key)
        return ok


for _field in FIELDS:
    setattr(MappingForm, _field.key, SelectField(_field.label, validate_choice=True, default=""))


class FinishForm(TranslatedForm):
    """After the check: import only the good rows, or nothing."""

    version = HiddenField()
    import_good = SubmitField(_l("Import the good rows"))
    import_nothing = SubmitField(_l("Import nothing"))


class InviteForm(TranslatedForm):
    """Invite the imported people of a batch, all or those chosen, to claim their profile."""

    chosen = SelectMultipleField(
        _l("Invite these people"),
        coerce=int,
        option_widget=CheckboxInput(),
        widget=ListWidget(prefix_label=False),
        validate_choice=False,
    )
    invite_all = SubmitField(_l("Invite everyone not invited yet"))
    invite_chosen = SubmitField(_l("Invite the people chosen"))


class ClaimForm(NewPasswordForm):
    """The imported person chooses a password; their name and address count as easy guesses."""

    password, confirm = _new_password_fields()

    def __init__(self, *args, volunteer: Volunteer, **kwargs):
        super().__init__(*args, **kwargs)
        self.volunteer = volunteer

    def guess_words(self) -> list[str]:
        v = self.volunteer
        return guess_words(v.email, v.first_name, v.last_name, v.full_name)
