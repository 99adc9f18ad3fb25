"""Every background job: one line each that calls a service and commits.

On demand: deliver the outbox messages a commit wrote (one job for all, woken after that
commit), and search all volunteers for duplicates (the button on the duplicates queue). On a
schedule (crm/jobs/schedule.py, times from configuration): the outbox sweep every minute, the
nightly rematch, the nightly retention run with its report to the admins, and the consultant's
morning digest of follow-ups due. The volunteers' notifications and digests are in
crm/notifications/tasks.py.
"""

import logging

from huey import crontab

from crm.database import utcnow
from crm.extensions import db
from crm.jobs.queue import app_periodic_task, app_task
from crm.jobs.schedule import daily_at
from crm.notifications import tasks as notification_tasks  # noqa: F401  (they register themselves)

log = logging.getLogger(__name__)


@app_task()
def deliver_messages(message_ids: list[int]) -> None:
    """Send the outbox messages one transaction wrote, each if nobody else has."""
    from crm.outbox.delivery import deliver

    for message_id in message_ids:
        deliver(message_id)


@app_task()
def find_duplicates(actor_id: int | None = None) -> None:
    """Queue the possible duplicates among all volunteers (crm/duplicates/scan.py)."""
    from crm.auth.models import User
    from crm.duplicates.scan import scan_all

    found = scan_all(db.session.get(User, actor_id) if actor_id is not None else None)
    db.session.commit()
    log.info("duplicates scan: %s new pairs", found)


@app_periodic_task(crontab())
def sweep_outbox() -> None:
    """Send what is due: retries after a failure, and messages whose wake-up was lost."""
    from crm.outbox.delivery import deliver_due

    sweep = deliver_due()
    if sweep.sent or sweep.retrying or sweep.failed or sweep.taken_back:
        log.info("outbox sweep: %s", sweep)


@app_periodic_task(daily_at("SCHEDULE_REMATCH_AT"))
def nightly_rematch() -> None:
    """Re-read free-text skills and re-score every open need."""
    from crm.matches.refresh import rematch_all

    report = rematch_all(derive_skills=True)
    db.session.commit()
    log.info("nightly rematch: %s needs, %s volunteers", report.needs, report.volunteers)


@app_periodic_task(daily_at("SCHEDULE_RETENTION_AT"))
def nightly_retention() -> None:
    """Retention (a dry run unless RETENTION_ENABLED), reported to the admins."""
    from crm.rights.retention_report import run_and_report

    done = run_and_report(utcnow())
    db.session.commit()
    log.info("retention: remind %s, erase %s", len(done.remind), len(done.erase))


@app_periodic_task(daily_at("SCHEDULE_FOLLOW_UP_DIGEST_AT"))
def follow_up_digest() -> None:
    """E-mail each member of staff the follow-ups due today and overdue."""
    from crm.contacts.digest import queue_digests
    from crm.contacts.services import local_today

    count = queue_digests(local_today())
    db.session.commit()
    log.info("follow-up digests: %s", count)
