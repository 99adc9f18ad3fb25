"""When a need opens to the public (created open in an active project, re-opened, or its project
made active): recorded, so that the digests know which needs are new."""

import logging
from collections.abc import Iterable

from sqlalchemy import select

from crm.database import utcnow
from crm.extensions import db
from crm.notifications import tasks
from crm.notifications.models import NeedOpening
from crm.projects.models import Need
from crm.projects.services import need_is_open

log = logging.getLogger(__name__)


def public_ids(needs: Iterable[Need]) -> set[int]:
    """The ids of the needs that volunteers can see now (call before saving)."""
    return {need.id for need in needs if need.id is not None and need_is_open(need, public=True)}


def record_openings(needs: Iterable[Need], were_public: set[int]) -> list[int]:
    """After saving: record the needs that are open to the public now and were not before
    (`were_public`, from public_ids); returns their ids, for the at-once notification after
    the commit (crm.notifications.tasks.notify_need_opened)."""
    db.session.flush()
    opened = [n.id for n in needs if n.id not in were_public and need_is_open(n, public=True)]
    if not opened:
        return []
    now = utcnow()
    known = {
        row.need_id: row
        for row in db.session.scalars(select(NeedOpening).where(NeedOpening.need_id.in_(opened)))
    }
    for need_id in opened:
        if need_id in known:
            known[need_id].opened_at = now
        else:
            db.session.add(NeedOpening(need_id=need_id, opened_at=now))
    db.session.flush()
    return opened


def announce(opened: Iterable[int]) -> None:
    """After the commit (the save's rematch has stored the needs' matches): put the at-once
    e-mails about the needs that just opened on the queue. A queue out of reach loses no
    e-mail for good: the weekly run includes the at-once volunteers, so they catch up."""
    for need_id in opened:
        try:
            tasks.notify_need_opened(need_id)
        except Exception:  # noqa: BLE001 - the weekly digest catches the volunteers up
            log.warning("could not queue the at-once e-mails for need #%s", need_id)
