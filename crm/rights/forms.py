"""The confirmation step before an erasure, for the person and for the consultant."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField
from wtforms.validators import DataRequired

from crm.forms import TranslatedForm


class ConfirmErasureForm(TranslatedForm):
    """The volunteer confirms that their profile and account are to be erased."""

    confirm = BooleanField(
        _l("Yes, erase my profile and my account for good."),
        validators=[DataRequired(message=_l("Tick the box to confirm."))],
    )


class ConfirmErasureOnBehalfForm(TranslatedForm):
    """The consultant confirms that the person asked for erasure."""

    confirm = BooleanField(
        _l("Yes, the person asked for erasure: erase their data for good."),
        validators=[DataRequired(message=_l("Tick the box to confirm."))],
    )
