"""Forms of the branch contact's pages: the branch's experience, its corrections and an offer."""

from flask_babel import lazy_gettext as _l
from wtforms import (
    FieldList,
    FormField,
    HiddenField,
    SelectField,
    SelectMultipleField,
    TextAreaField,
)
from wtforms.validators import AnyOf, DataRequired, Length
from wtforms.widgets import CheckboxInput, ListWidget

from crm.forms import TranslatedForm, options
from crm.labels import EXPERIENCE_LABELS
from crm.volunteers.forms import TEXT_MAX, ExperienceRowForm, InChoices

MAX_BRANCH_EXPERIENCE = 20
OFFER_MESSAGE_MAX = 1000


class BranchExperienceRowForm(ExperienceRowForm):
    """One thing the branch has done: an area with level and years, or free text alone (the
    volunteer's row, worded for a branch)."""

    description = TextAreaField(
        _l("Describe what the branch has done"),
        validators=[Length(max=TEXT_MAX, message=_l("Use at most %(max)d characters."))],
        description=_l("For example: we have run a youth network for three years."),
        render_kw={"rows": 3},
    )
    level_missing = _l("Choose the branch's level in this area.")
    area_or_text = _l("Choose an area or describe the branch's experience in words.")


class BranchExperienceForm(TranslatedForm):
    """The branch's collective experience entries, with the version the page was opened at."""

    version = HiddenField()
    entries = FieldList(
        FormField(BranchExperienceRowForm), min_entries=1, max_entries=MAX_BRANCH_EXPERIENCE
    )


BRANCH_CORRECTION_ACTIONS = ("confirm", "change", "remove", "undo")
"""The buttons of a row in "What we read from the branch's description"."""


class BranchCorrectionForm(TranslatedForm):
    """One area read from the branch's text: confirm it, change its level, remove it, or undo."""

    version = HiddenField()
    area = HiddenField(validators=[DataRequired()])
    action = HiddenField(validators=[AnyOf(BRANCH_CORRECTION_ACTIONS)])
    level = SelectField(
        _l("Level"),
        validate_choice=False,
        validators=[InChoices(_l("Choose a level from the list."))],
        choices=options(EXPERIENCE_LABELS.items()),
    )


class OfferForm(TranslatedForm):
    """ "Vi kan hjælpe": a short message and, optionally, members who share with the branch."""

    message = TextAreaField(
        _l("How can the branch help?"),
        validators=[
            DataRequired(message=_l("Write a few words about how the branch can help.")),
            Length(max=OFFER_MESSAGE_MAX, message=_l("Use at most %(max)d characters.")),
        ],
        description=_l(
            "A few sentences are enough: what the branch has done that fits, and who could "
            "take part."
        ),
        render_kw={"rows": 5, "maxlength": OFFER_MESSAGE_MAX},
    )
    members = SelectMultipleField(
        _l("Members who could help (optional)"),
        description=_l("Only members who share their profile with the branch are listed."),
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
    )
