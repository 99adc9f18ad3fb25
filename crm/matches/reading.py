"""The words of the section "What we read from your description" (templates/_reading.html).

One partial shows the areas read from a volunteer's or a branch's text with confirm / change
level / remove / undo; only its words differ, because Danish says "din" to a volunteer and
"jeres" to a branch. Placeholders (%(level)s, %(area)s) are filled in by the partial.
"""

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l


@dataclass(frozen=True)
class ReadingWords:
    """Every sentence of the section that speaks to its reader."""

    heading: object
    stale: object
    intro: object
    removed: object
    confirmed: object
    level_set: object  # %(level)s: the level read
    level_label: object  # %(area)s
    level_hidden: object  # %(area)s, after "Save" for screen readers
    nothing_read: object


VOLUNTEER_WORDS = ReadingWords(
    heading=_l("What we read from your description"),
    stale=_l(
        "Your profile was changed in another window after you opened this page, so your "
        "correction was not saved. Below is what we read now; correct it again if it is still "
        "needed."
    ),
    intro=_l(
        "We use this to find tasks that fit you. If something is not right, correct it here: "
        "your correction is kept, also when you edit your description later."
    ),
    removed=_l("Removed by you: we do not use it when we look for tasks for you."),
    confirmed=_l("Confirmed by you."),
    level_set=_l("Level set by you (we read: %(level)s)."),
    level_label=_l("Your level in %(area)s"),
    level_hidden=_l("your level in %(area)s"),
    nothing_read=_l(
        "We did not recognise any of our areas in your description. Choose an area in an "
        "entry, so that we can find tasks that fit you."
    ),
)
"""The volunteer's words."""

BRANCH_WORDS = ReadingWords(
    heading=_l("What we read from the branch's description"),
    stale=_l(
        "The branch's experience was changed in another window after you opened this page, so "
        "your correction was not saved. Below is what we read now; correct it again if it is "
        "still needed."
    ),
    intro=_l(
        "We use this to find tasks that fit the branch. If something is not right, correct it "
        "here: your correction is kept, also when the description is edited later."
    ),
    removed=_l("Removed by the branch: we do not use it when we look for tasks for the branch."),
    confirmed=_l("Confirmed by the branch."),
    level_set=_l("Level set by the branch (we read: %(level)s)."),
    level_label=_l("The branch's level in %(area)s"),
    level_hidden=_l("the branch's level in %(area)s"),
    nothing_read=_l(
        "We did not recognise any of our areas in the description. Choose an area in an entry, "
        "so that we can find tasks that fit the branch."
    ),
)
"""The branch contact's words (about the branch, not about the contact)."""
