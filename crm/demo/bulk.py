"""Fast bulk loading: Core inserts of plain dicts in chunks, and id bookkeeping across databases."""

from collections.abc import Iterable

from sqlalchemy import Table, func, insert, select, text

from crm.extensions import db

CHUNK = 5000


def insert_rows(table: Table, rows: Iterable[dict]) -> int:
    """Insert dicts (all with the same keys) into `table` in chunks; return how many."""
    count = 0
    batch: list[dict] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= CHUNK:
            db.session.execute(insert(table), batch)
            count += len(batch)
            batch = []
    if batch:
        db.session.execute(insert(table), batch)
        count += len(batch)
    return count


def next_id(table: Table) -> int:
    """The first free id in `table`; ids are given explicitly so child rows can refer to them."""
    return (db.session.scalar(select(func.max(table.c.id))) or 0) + 1


def sync_sequences(*tables: Table) -> None:
    """After inserts with explicit ids, move PostgreSQL's sequences past them (no-op elsewhere)."""
    if db.session.get_bind().dialect.name != "postgresql":
        return
    for table in tables:
        db.session.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('\"{table.name}\"', 'id'), "
                f'(SELECT COALESCE(MAX(id), 1) FROM "{table.name}"))'
            )
        )
