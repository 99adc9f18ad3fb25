"""The volunteers' notification jobs: the at-once e-mail when a need opens, and the weekly
digest. One line each that calls crm/notifications/digest.py and commits."""

import logging

from crm.extensions import db
from crm.jobs.queue import app_periodic_task, app_task
from crm.jobs.schedule import weekly_at
from crm.notifications import digest

log = logging.getLogger(__name__)


@app_task()
def notify_need_opened(need_id: int) -> None:
    """E-mail the volunteers who chose "at once" and fit the need that just opened."""
    count = digest.notify_opened(need_id)
    db.session.commit()
    log.info("new need %s: %s at-once e-mails", need_id, count)


@app_periodic_task(weekly_at("DIGEST_WEEKLY_AT"))
def weekly_digest() -> None:
    """The weekly digest of new needs that fit, to each volunteer who chose it."""
    count = digest.send_weekly()
    db.session.commit()
    log.info("weekly digests: %s", count)
