"""The public pages' cache: what anonymous visitors see, per locale, kept in the app's cache
(Redis in production) and invalidated in every process at once by a generation number.

Each page is stored with the generation it was rendered in and served only while that is still
the current one (both read in one round trip); a committed change to a project or need
(whatever wrote it: a view, a CLI command, the demo data) bumps the number, so no process
serves the old pages any more. A page is stored only when nothing personal is in it: no user
logged in, no flashed message, no CSRF token, no cookie to set.
"""

import time
from collections.abc import Callable

from flask import Flask, current_app, g, request, session
from flask_babel import get_locale
from flask_login import current_user
from sqlalchemy import event
from sqlalchemy.orm import Session

from crm.extensions import cache
from crm.projects.models import Need, NeedCountry, NeedLanguage, NeedSkill, Project, ProjectCountry

GENERATION_KEY = "public:generation"
PUBLIC_MODELS = (Project, ProjectCountry, Need, NeedSkill, NeedLanguage, NeedCountry)
"""The tables the public pages are made of: a change to any row changes what they show."""
CHANGED = "public_pages_changed"
"""Session.info flag: this transaction changed a row of PUBLIC_MODELS."""


def _generation() -> int:
    """The current generation; a fresh cache starts from the clock, never from an old number."""
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, time.time_ns(), timeout=0)
        value = cache.get(GENERATION_KEY)
    return int(value)


def public_pages_changed() -> None:
    """Make every process render the public pages afresh (after a change the ORM did not see,
    such as a restore). Errors are logged: the pages then catch up after PUBLIC_CACHE_TIMEOUT."""
    try:
        _generation()
        cache.cache.inc(GENERATION_KEY)  # atomic INCR on Redis
    except Exception:
        current_app.logger.error("The public pages' cache could not be invalidated", exc_info=True)


def _note_public_changes(session: Session, flush_context, instances) -> None:
    touched = (*session.new, *session.dirty, *session.deleted)
    if any(isinstance(obj, PUBLIC_MODELS) for obj in touched):
        session.info[CHANGED] = True


def _after_commit(session: Session) -> None:
    if session.info.pop(CHANGED, False):
        public_pages_changed()


def _after_rollback(session: Session) -> None:
    session.info.pop(CHANGED, None)


def register_public_cache(app: Flask) -> None:
    """Bump the generation after every commit that changed a project or need (once per process)."""
    if not event.contains(Session, "before_flush", _note_public_changes):
        event.listen(Session, "before_flush", _note_public_changes)
        event.listen(Session, "after_commit", _after_commit)
        event.listen(Session, "after_rollback", _after_rollback)


def _may_use_cache() -> bool:
    """A GET by an anonymous visitor with no message waiting, while the cache is on."""
    return (
        current_app.config["PUBLIC_CACHE_TIMEOUT"] > 0
        and request.method == "GET"
        and not current_user.is_authenticated
        and "_flashes" not in session
    )


def _nothing_personal_rendered() -> bool:
    """The page just rendered holds no CSRF token and sets no cookie."""
    field = current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token")
    return field not in g and not session.modified


def cached_page(render: Callable[[], tuple[str, dict[str, str]]]) -> str:
    """The page `render` makes, from the cache when it may be shared with every anonymous
    visitor. `render` returns the HTML and the URL parameters it understood: a page asked for
    with any other parameters (an unknown filter value, a typo) is rendered, never stored, so
    hostile URLs cannot fill the cache."""
    if not _may_use_cache():
        return render()[0]
    query = request.query_string.decode("latin-1")
    key = f"public:{get_locale()}:{request.path}?{query}"
    try:  # one round trip; the generation is read before the page's first query, so a page
        # stored with it never predates it
        generation, stored = cache.get_many(GENERATION_KEY, key)
        if generation is None:
            generation = _generation()
    except Exception:
        current_app.logger.warning("The public pages' cache does not answer", exc_info=True)
        return render()[0]
    if stored is not None and stored[0] == generation:
        return stored[1]
    html, understood = render()
    asked = request.args.to_dict(flat=False)
    if asked == {name: [value] for name, value in understood.items()} and (
        _nothing_personal_rendered()
    ):
        try:
            timeout = current_app.config["PUBLIC_CACHE_TIMEOUT"]
            cache.set(key, (generation, html), timeout=timeout)
        except Exception:
            current_app.logger.warning("The public pages' cache does not answer", exc_info=True)
    return html
