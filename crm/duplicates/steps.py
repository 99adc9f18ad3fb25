"""The steps a merge takes on other tables, each written down so that undo can reverse it.

A step is a plain dict stored in VolunteerMerge.steps: "move" re-points rows (ids) of a
table from one volunteer or match to another, "close" ends consent records, "drop" deletes
a row after copying every column. Undo reverses them last first, touching only rows that
still exist and still point where the merge put them.
"""

from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, DateTime, Table, insert, select, update
from sqlalchemy.types import TypeDecorator

from crm.extensions import db
from crm.volunteers.models import ConsentRecord


def _table(name: str) -> Table:
    return db.metadata.tables[name]


def move(
    steps: list[dict], table: str, column: str, old: int, new: int, where=None, key: str = "id"
) -> None:
    """Re-point the rows of `table` whose `column` is `old` (and that match `where(table)`)
    to `new`; `key` names the rows in the step (a column unique among the rows moved)."""
    t = _table(table)
    condition = t.c[column] == old
    if where is not None:
        condition = condition & where(t)
    ids = list(db.session.scalars(select(t.c[key]).where(condition)))
    if not ids:
        return
    db.session.execute(
        update(t).where(t.c[key].in_(ids), t.c[column] == old).values({column: new}),
        execution_options={"synchronize_session": False},
    )
    steps.append(
        {"op": "move", "table": table, "column": column, "key": key, "ids": ids}
        | {"from": old, "to": new}
    )


def close_consents(steps: list[dict], volunteer_id: int, at: datetime, purpose=None) -> None:
    """End the volunteer's open consent records (of one purpose, or all) at `at`."""
    where = [ConsentRecord.volunteer_id == volunteer_id, ConsentRecord.withdrawn_at.is_(None)]
    if purpose is not None:
        where.append(ConsentRecord.purpose == str(purpose))
    ids = list(db.session.scalars(select(ConsentRecord.id).where(*where)))
    if not ids:
        return
    db.session.execute(
        update(ConsentRecord).where(ConsentRecord.id.in_(ids)).values(withdrawn_at=at),
        execution_options={"synchronize_session": False},
    )
    steps.append({"op": "close", "table": "consent_record", "ids": ids})


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date | datetime) else value


def drop(steps: list[dict], table: str, row_id: int) -> None:
    """Delete one row of `table`, keeping every column in the step."""
    t = _table(table)
    row = db.session.execute(select(t).where(t.c.id == row_id)).mappings().one()
    steps.append({"op": "drop", "table": table, "row": {k: _plain(v) for k, v in row.items()}})
    db.session.execute(t.delete().where(t.c.id == row_id))


def _restored(t: Table, row: dict) -> dict:
    values = {}
    for key, value in row.items():
        kind = t.c[key].type
        kind = kind.impl if isinstance(kind, TypeDecorator) else kind
        if value is not None and isinstance(kind, DateTime):
            value = datetime.fromisoformat(value)
        elif value is not None and isinstance(kind, Date):
            value = date.fromisoformat(value)
        values[key] = value
    return values


def reverse(steps: list[dict]) -> None:
    """Undo the steps, last first (see the module docstring)."""
    for step in reversed(steps):
        t = _table(step["table"])
        if step["op"] == "move":
            db.session.execute(
                update(t)
                .where(t.c[step["key"]].in_(step["ids"]), t.c[step["column"]] == step["to"])
                .values({step["column"]: step["from"]}),
                execution_options={"synchronize_session": False},
            )
        elif step["op"] == "close":
            db.session.execute(
                update(t).where(t.c.id.in_(step["ids"])).values(withdrawn_at=None),
                execution_options={"synchronize_session": False},
            )
        elif step["op"] == "drop":
            db.session.execute(insert(t).values(_restored(t, step["row"])))
