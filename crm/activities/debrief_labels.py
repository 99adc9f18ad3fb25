"""What "would go again" is called, in the user's language."""

from flask_babel import lazy_gettext as _l

from crm.activities.models import WouldGoAgain

WOULD_GO_AGAIN_LABELS = {
    WouldGoAgain.YES: _l("Yes"),
    WouldGoAgain.MAYBE: _l("Maybe"),
    WouldGoAgain.NO: _l("No"),
}
"""Each answer to "would you go again?"."""


def would_go_again_label(code: str) -> str:
    """The answer in words, or its code when it is not one of WouldGoAgain."""
    label = WOULD_GO_AGAIN_LABELS.get(code)  # type: ignore[call-overload]
    return str(label) if label is not None else code
