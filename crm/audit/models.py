"""One audit event: an act on a person's record, an export, a login, a role change, an erasure.

Append-only: the ORM refuses to change or delete an event, and a database trigger refuses any
UPDATE. Only crm.audit.log.prune_events deletes, and only events past AUDIT_RETENTION_DAYS.
The event names people by id, never by their data: no names, e-mail addresses or free text.
"""

from datetime import datetime

from sqlalchemy import DDL, JSON, Index, String, event
from sqlalchemy.orm import Mapped, mapped_column

from crm.database import utcnow
from crm.extensions import db


class AuditEvent(db.Model):
    """Who (actor) did what (action) to whom (volunteer or user), with non-personal details."""

    __tablename__ = "audit_event"
    __table_args__ = (
        Index("ix_audit_event_at", "at"),
        Index("ix_audit_event_volunteer_at", "volunteer_id", "at"),
        Index("ix_audit_event_actor_at", "actor_id", "at"),
        Index("ix_audit_event_action_at", "action", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    actor_id: Mapped[int | None]
    """The user who acted (no foreign key: the event outlives the account)."""
    actor_role: Mapped[str | None] = mapped_column(String(20))
    action: Mapped[str] = mapped_column(String(40))
    volunteer_id: Mapped[int | None]
    """The volunteer whose record it concerns, if any."""
    user_id: Mapped[int | None]
    """The account it concerns (a login, a role change), if any."""
    details: Mapped[dict] = mapped_column(JSON, default=dict)
    """Counts, filters, states and field names; never personal data."""


class AuditLogIsAppendOnly(RuntimeError):
    """Raised when code tries to change or delete an audit event."""


@event.listens_for(AuditEvent, "before_update")
def _refuse_update(mapper, connection, target) -> None:
    raise AuditLogIsAppendOnly("audit events are never changed")


@event.listens_for(AuditEvent, "before_delete")
def _refuse_delete(mapper, connection, target) -> None:
    raise AuditLogIsAppendOnly("audit events are deleted only by retention (prune_events)")


# The same rule in the database, for anything that goes around the ORM.
NO_UPDATE_SQLITE = DDL(
    "CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event "
    "BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END"
)
NO_UPDATE_POSTGRESQL_FUNCTION = DDL(
    "CREATE OR REPLACE FUNCTION audit_event_no_update() RETURNS trigger AS $$ "
    "BEGIN RAISE EXCEPTION 'audit_event is append-only'; END $$ LANGUAGE plpgsql"
)
NO_UPDATE_POSTGRESQL = DDL(
    "CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event "
    "FOR EACH ROW EXECUTE FUNCTION audit_event_no_update()"
)
event.listen(AuditEvent.__table__, "after_create", NO_UPDATE_SQLITE.execute_if(dialect="sqlite"))
for ddl in (NO_UPDATE_POSTGRESQL_FUNCTION, NO_UPDATE_POSTGRESQL):
    event.listen(AuditEvent.__table__, "after_create", ddl.execute_if(dialect="postgresql"))
