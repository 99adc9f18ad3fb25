"""The open need a visitor came for from the public page ("Meld dig til denne opgave").

Remembered in the session (Flask's signed session, never a cookie of our own) from the public
page through registration and the profile steps, and carried by the confirmation link when the
e-mail is opened in another browser; "Needs for me" then shows that need first. Only the id of a
public need is kept, and it is looked up again each time, so a need that closed meanwhile is
simply forgotten.
"""

from flask import session

from crm.matches.interest import visible_need
from crm.projects.models import Need

SESSION_KEY = "came_for_need"


def remember(need_id: int | None) -> Need | None:
    """Remember the open public need `need_id` (a wrong or closed one is ignored); return it."""
    need = visible_need(need_id) if need_id is not None else None
    if need is not None:
        session[SESSION_KEY] = need.id
    return need


def remembered() -> Need | None:
    """The open public need this session came for, if any (a closed one is forgotten)."""
    need_id = session.get(SESSION_KEY)
    need = visible_need(need_id) if isinstance(need_id, int) else None
    if need is None and SESSION_KEY in session:
        del session[SESSION_KEY]
    return need
