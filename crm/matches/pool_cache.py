"""The candidate pool of every consented volunteer, cached per process behind a fingerprint."""

import threading

from sqlalchemy import func, select

from crm.extensions import db
from crm.matches import adapter
from crm.matching import CandidatePool
from crm.volunteers.models import Volunteer, VolunteerSkill
from crm.volunteers.services import current_consent_condition, current_consent_version

_pool_lock = threading.Lock()
_pool_cache: dict[str, object] = {}


def pool_fingerprint() -> tuple:
    """A cheap summary that changes whenever the consented volunteers' matching data changes.

    Every profile save touches Volunteer.updated_at; bulk skill derivation changes the skill
    totals; consent given or withdrawn, or a profile deleted, changes the count or the newest time;
    a new CONSENT_VERSION changes the version.
    """
    version = current_consent_version()
    volunteers = db.session.execute(
        select(func.count(), func.max(Volunteer.updated_at)).where(
            current_consent_condition(version)
        )
    ).one()
    skill_rows = db.session.execute(
        select(func.count(), func.sum(VolunteerSkill.level), func.sum(VolunteerSkill.confidence))
    ).one()
    return (version, *volunteers, *skill_rows)


def candidate_pool(use_cache: bool = True) -> CandidatePool:
    """Every consented volunteer as a CandidatePool, rebuilt only when the fingerprint changed."""
    fingerprint = pool_fingerprint()
    with _pool_lock:
        if use_cache and _pool_cache.get("fingerprint") == fingerprint:
            return _pool_cache["pool"]  # type: ignore[return-value]
        pool = CandidatePool.from_candidates(adapter.consented_candidates())
        _pool_cache.update(fingerprint=fingerprint, pool=pool)
        return pool


def forget_pool() -> None:
    """Drop the cached pool (tests, or after a bulk change the fingerprint cannot see)."""
    with _pool_lock:
        _pool_cache.clear()
