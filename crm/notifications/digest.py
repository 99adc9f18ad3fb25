"""New open needs that fit a volunteer: e-mailed at once when a need opens, or in the weekly
digest. "Fit" is the engine's stored match (not excluded, scoring at least DIGEST_MIN_SCORE,
nobody has acted on it yet); "new" is a need opened since the last such e-mail to the volunteer
(their DigestMark). A need is never e-mailed twice to the same volunteer (NeedNotice)."""

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime
from functools import partial

from flask import current_app
from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import ColumnElement, and_, func, insert, select
from sqlalchemy.orm import selectinload

from crm.database import utcnow
from crm.extensions import db
from crm.matches.models import Match, MatchState
from crm.notifications import sending
from crm.notifications.models import DigestMark, NeedNotice, NeedOpening
from crm.notifications.recipients import needs_mail_condition
from crm.notifications.tokens import MailKind
from crm.projects.models import Need
from crm.projects.services import need_open_condition
from crm.urls import external_url
from crm.volunteers.models import NeedsEmail, Volunteer


def fitting_condition() -> ColumnElement[bool]:
    """SQL: a stored match worth e-mailing the volunteer about: not excluded, scoring at least
    DIGEST_MIN_SCORE, still only suggested and not asked for (nobody has acted on it), its need
    open to the public, and the volunteer not yet told about that need."""
    told = (
        select(NeedNotice.need_id)
        .where(NeedNotice.volunteer_id == Match.volunteer_id, NeedNotice.need_id == Match.need_id)
        .exists()
    )
    return and_(
        Match.volunteer_id.is_not(None),
        Match.excluded.is_(False),
        Match.score >= float(current_app.config["DIGEST_MIN_SCORE"]),
        Match.state == MatchState.SUGGESTED,
        Match.interested_at.is_(None),
        need_open_condition(public=True),
        ~told,
    )


def _fits(stmt) -> dict[int, list[int]]:
    """volunteer id → the ids of the needs that fit them, best first, from `stmt` (a select of
    Match.volunteer_id, Match.need_id joined to Need and Volunteer)."""
    rows = db.session.execute(
        stmt.where(fitting_condition()).order_by(
            Match.volunteer_id, Match.score.desc(), Match.need_id
        )
    )
    fits: dict[int, list[int]] = defaultdict(list)
    for volunteer_id, need_id in rows:
        fits[volunteer_id].append(need_id)
    return fits


def _base():
    return (
        select(Match.volunteer_id, Match.need_id)
        .join(Need, Need.id == Match.need_id)
        .join(Volunteer, Volunteer.id == Match.volunteer_id)
    )


def notify_opened(need_id: int) -> int:
    """At once, after a need opened to the public and its matches were stored: e-mail each
    volunteer who chose "at once" and fits it. Returns how many e-mails were queued."""
    stmt = _base().where(Match.need_id == need_id, needs_mail_condition([NeedsEmail.AT_ONCE]))
    return _send_all(_fits(stmt), digest=False)


def send_weekly(now: datetime | None = None) -> int:
    """The weekly digest: to each volunteer who chose "weekly", the needs that fit them and
    opened since their last one. Volunteers who chose "at once" are included too, so a need
    whose at-once e-mail was never sent still reaches them, once. Returns how many e-mails."""
    now = now or utcnow()
    stmt = (
        _base()
        .join(NeedOpening, NeedOpening.need_id == Match.need_id)
        .outerjoin(DigestMark, DigestMark.volunteer_id == Match.volunteer_id)
        .where(
            needs_mail_condition([NeedsEmail.WEEKLY, NeedsEmail.AT_ONCE]),
            NeedOpening.opened_at > func.coalesce(DigestMark.until, Volunteer.created_at),
            NeedOpening.opened_at <= now,
        )
    )
    fits = _fits(stmt)
    sent = _send_all(fits, digest=True, now=now)
    _move_marks(fits, now)
    return sent


def _move_marks(volunteer_ids: Iterable[int], until: datetime) -> None:
    """The watermark of each volunteer e-mailed moves to `until`."""
    ids = list(volunteer_ids)
    marks = {
        m.volunteer_id: m
        for m in db.session.scalars(select(DigestMark).where(DigestMark.volunteer_id.in_(ids)))
    }
    for volunteer_id in ids:
        if volunteer_id in marks:
            marks[volunteer_id].until = until
        else:
            db.session.add(DigestMark(volunteer_id=volunteer_id, until=until))
    db.session.flush()


def _send_all(fits: dict[int, list[int]], digest: bool, now: datetime | None = None) -> int:
    """Queue one e-mail per volunteer about their needs (at most DIGEST_MAX_NEEDS listed) and
    remember each need listed as told."""
    if not fits:
        return 0
    now = now or utcnow()
    most = max(1, int(current_app.config["DIGEST_MAX_NEEDS"]))
    listed = {vid: ids[:most] for vid, ids in fits.items()}
    need_ids = {nid for ids in listed.values() for nid in ids}
    needs = {
        n.id: n
        for n in db.session.scalars(
            select(Need).where(Need.id.in_(need_ids)).options(selectinload(Need.project))
        )
    }
    volunteers = db.session.scalars(select(Volunteer).where(Volunteer.id.in_(listed)))
    notices = []
    for volunteer in volunteers:
        shown = [(n, needs[n].title, needs[n].project.title) for n in listed[volunteer.id]]
        more = len(fits[volunteer.id]) - len(shown)
        texts = partial(
            _digest_text if digest else _at_once_text, volunteer.first_name, shown, more
        )
        sending.send(volunteer, MailKind.NEEDS, "new-needs-digest" if digest else "new-need", texts)
        notices += [{"volunteer_id": volunteer.id, "need_id": n, "sent_at": now} for n, *_ in shown]
    db.session.execute(insert(NeedNotice), notices)
    return len(listed)


def _need_link(need_id: int) -> str:
    return external_url("my_matches.index", need=need_id, _anchor=f"need-{need_id}")


def _at_once_text(name: str, shown: list[tuple[int, str, str]], more: int) -> tuple[str, str]:
    need_id, title, project = shown[0]
    return (
        _("A new task that fits you: “%(need)s”", need=title),
        _(
            "Hello %(name)s,\n\n"
            "A new task has opened that fits your profile:\n\n"
            "“%(need)s” (%(project)s)\n"
            "Read more and ask to take part: %(link)s\n\n"
            "All the tasks that fit you: %(all)s",
            name=name,
            need=title,
            project=project,
            link=_need_link(need_id),
            all=external_url("my_matches.index"),
        ),
    )


def _digest_text(name: str, shown: list[tuple[int, str, str]], more: int) -> tuple[str, str]:
    lines = "\n\n".join(
        f"“{title}” ({project})\n{_need_link(need_id)}" for need_id, title, project in shown
    )
    if more:
        lines += "\n\n" + ngettext(
            "… and %(num)d more on your page.", "… and %(num)d more on your page.", more
        )
    total = len(shown) + more
    return (
        ngettext("%(num)d new task that fits you", "%(num)d new tasks that fit you", total),
        _(
            "Hello %(name)s,\n\n"
            "These tasks have opened since we last wrote, and they fit your profile:\n\n"
            "%(needs)s\n\n"
            "All the tasks that fit you: %(all)s",
            name=name,
            needs=lines,
            all=external_url("my_matches.index"),
        ),
    )
