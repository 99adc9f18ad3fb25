"""Helpers that queue a pair of possible duplicates and merge one, straight through the services."""

from crm.duplicates import fields, undo
from crm.duplicates.merge import Choices, merge
from crm.duplicates.models import DuplicatePair
from crm.extensions import db


def queue_pair(a, b, score=95.0, why=("name", "phone"), source="scan") -> DuplicatePair:
    """An open pair of these two volunteers, in canonical order."""
    first, second = sorted((a.id, b.id))
    pair = DuplicatePair(
        first_id=first, second_id=second, score=score, why=list(why), source=source
    )
    db.session.add(pair)
    db.session.commit()
    return pair


def merge_now(pair, keep, other, actor, **choices):
    """Merge `other` into `keep` with the screen's defaults (newer value), as the view does."""
    chosen = fields.defaults(*fields.newer_first(keep, other)) | choices
    record = merge(pair, keep, other, Choices(chosen), actor)
    undo.seal(record, db.session.get(type(keep), record.kept_id))
    db.session.commit()
    return record
