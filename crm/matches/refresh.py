"""Stored matches kept fresh: everything (rematch), one need, or one volunteer.

What is stored, per open need: the best MATCH_STORE_TOP candidates and the best MATCH_STORE_TOP
excluded volunteers (with their reasons), plus a NeedMatchSummary with the total counts. A match
someone has acted on ("pinned": moved beyond suggested, marked interested, or overridden) is never
deleted here, only re-scored. Only volunteers who accepted the consent text now in force are
matched (crm.volunteers.services.has_current_consent). See docs/matching.md.
"""

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from flask import current_app
from sqlalchemy import Row, bindparam, delete, func, insert, or_, select, true, update

from crm.database import utcnow
from crm.extensions import db
from crm.matches import adapter, skills
from crm.matches.models import Match, MatchState, NeedMatchSummary
from crm.matches.pool_cache import candidate_pool
from crm.matching import CandidatePool, NeedSpec, Ranking, Result, score
from crm.projects.models import Need, Project
from crm.projects.services import need_is_open, need_open_condition
from crm.volunteers.models import Volunteer
from crm.volunteers.services import has_current_consent

CHUNK = 2000


def pinned_condition():
    """SQL: a match that must be kept (a person acted on it, or it is a branch's offer),
    whatever its score."""
    return or_(
        Match.state != MatchState.SUGGESTED,
        Match.interested_at.is_not(None),
        Match.override == true(),
        Match.branch_id.is_not(None),
    )


def store_top() -> int:
    """How many candidates (and how many excluded volunteers) to store per need."""
    return max(1, int(current_app.config.get("MATCH_STORE_TOP", 200)))


def match_values(result: Result) -> dict:
    """The stored columns for one engine result: explanation and reasons are the engine's
    to_dict shape without the English text (crm/matches/explain.py reads and words them)."""
    return {
        "score": result.score,
        "excluded": result.excluded,
        "explanation": [f.to_dict(with_text=False) for f in result.factors],
        "reasons": [e.to_dict(with_text=False) for e in result.exclusions],
    }


# --- writing rankings ---


@dataclass
class Written:
    """How many match rows were inserted, updated and deleted."""

    inserted: int = 0
    updated: int = 0
    deleted: int = 0

    def add(self, other: "Written") -> None:
        self.inserted += other.inserted
        self.updated += other.updated
        self.deleted += other.deleted


def _existing(need_ids: Sequence[int]) -> list[Row]:
    rows: list[Row] = []
    for start in range(0, len(need_ids), 500):
        rows += db.session.execute(
            select(
                Match.id,
                Match.need_id,
                Match.volunteer_id,
                pinned_condition(),
                Match.state != MatchState.SUGGESTED,
            ).where(
                Match.need_id.in_(need_ids[start : start + 500]), Match.volunteer_id.is_not(None)
            )
        ).all()
    return rows


def moved_on(need_ids: Iterable[int] | None = None) -> dict[int, int]:
    """need id → how many of its matches are beyond "suggested" (shortlisted, ..., withdrawn).

    They keep their rows but are no suggestions, so a ranking must reach that much deeper to
    still suggest MATCH_STORE_TOP volunteers (e.g. a re-opened need whose matches were withdrawn).
    With need_ids None: every open need.
    """
    targets = select(Need.id).where(need_open_condition()) if need_ids is None else list(need_ids)
    rows = db.session.execute(
        select(Match.need_id, func.count())
        .where(Match.need_id.in_(targets), Match.state != MatchState.SUGGESTED)
        .group_by(Match.need_id)
    )
    return dict(rows.all())


def _write(inserts: list[dict], updates: list[dict], deletes: list[int]) -> Written:
    table = Match.__table__
    now = utcnow()
    for start in range(0, len(deletes), CHUNK):
        db.session.execute(delete(table).where(table.c.id.in_(deletes[start : start + CHUNK])))
    if updates:
        statement = (
            update(table)
            .where(table.c.id == bindparam("match_id"))
            .values(
                score=bindparam("score"),
                excluded=bindparam("excluded"),
                explanation=bindparam("explanation"),
                reasons=bindparam("reasons"),
                scored_at=now,
            )
        )
        for start in range(0, len(updates), CHUNK):
            db.session.execute(statement, updates[start : start + CHUNK])
    for row in inserts:
        row.update(state=str(MatchState.SUGGESTED), scored_at=now, created_at=now, updated_at=now)
        row.update(override=False, version=1)
    for start in range(0, len(inserts), CHUNK):
        db.session.execute(insert(table), inserts[start : start + CHUNK])
    return Written(len(inserts), len(updates), len(deletes))


def store_rankings(
    pool: CandidatePool, needs: Sequence[NeedSpec], rankings: Sequence[Ranking]
) -> Written:
    """Make the stored matches of these needs the rankings' top rows plus the pinned ones.

    Of each kind (candidates, excluded) the best MATCH_STORE_TOP that are still suggestions are
    kept; matches beyond "suggested" do not count against that number, so a ranking that reaches
    deeper (see moved_on) fills their places with new suggestions. Pinned matches outside the top
    rows are re-scored with score(); pinned matches of volunteers no longer in the pool (consent
    withdrawn) keep their last score.
    """
    db.session.flush()
    specs = {n.id: n for n in needs}
    need_ids = [adapter.model_id(r.need_id) for r in rankings]
    existing = {
        (nid, vid): (mid, pinned, moved) for mid, nid, vid, pinned, moved in _existing(need_ids)
    }
    inserts: list[dict] = []
    updates: list[dict] = []
    top = store_top()
    for ranking in rankings:
        nid = adapter.model_id(ranking.need_id)
        for results in (ranking.candidates, ranking.excluded):
            suggestions = 0
            for result in results:
                vid = adapter.model_id(result.candidate_id)
                stored = existing.get((nid, vid))
                if stored is None or not stored[2]:  # a suggestion (not moved on)
                    if suggestions == top:
                        continue  # beyond the best K suggestions: deleted below unless pinned
                    suggestions += 1
                if stored is None:
                    inserts.append({"need_id": nid, "volunteer_id": vid, **match_values(result)})
                else:
                    del existing[(nid, vid)]
                    updates.append({"match_id": stored[0], **match_values(result)})
    deletes: list[int] = []
    for (nid, vid), (mid, pinned, _moved) in existing.items():
        if not pinned:
            deletes.append(mid)
            continue
        candidate = pool.find(adapter.key(vid))
        if candidate is not None:
            result = score(candidate, specs[adapter.key(nid)], pool.weights)
            updates.append({"match_id": mid, **match_values(result)})
    written = _write(inserts, updates, deletes)
    _store_summaries(pool, rankings)
    return written


def _store_summaries(pool: CandidatePool, rankings: Sequence[Ranking]) -> None:
    need_ids = [adapter.model_id(r.need_id) for r in rankings]
    for start in range(0, len(need_ids), 500):
        chunk = need_ids[start : start + 500]
        db.session.execute(delete(NeedMatchSummary).where(NeedMatchSummary.need_id.in_(chunk)))
    now, top = utcnow(), store_top()
    rows = [
        {
            "need_id": adapter.model_id(r.need_id),
            "candidates": len(pool) - r.excluded_count,
            "excluded": r.excluded_count,
            "stored_top": top,
            "scored_at": now,
        }
        for r in rankings
    ]
    if rows:
        db.session.execute(insert(NeedMatchSummary), rows)


def clear_suggestions(need_ids: Iterable[int] | None = None) -> int:
    """Delete the unpinned suggestions (and summaries) of needs that are not matched; how many.

    With `need_ids` None: every need that is not open (filled, closed, or in a closed project).
    """
    if need_ids is None:
        targets = select(Need.id).where(~need_open_condition())
        where = Match.need_id.in_(targets)
        summaries = NeedMatchSummary.need_id.in_(targets)
    else:
        ids = list(need_ids)
        where, summaries = Match.need_id.in_(ids), NeedMatchSummary.need_id.in_(ids)
    result = db.session.execute(
        delete(Match).where(where, ~pinned_condition()).execution_options(synchronize_session=False)
    )
    db.session.execute(delete(NeedMatchSummary).where(summaries))
    return result.rowcount or 0


# --- the three entry points ---


@dataclass
class RematchReport:
    """What a full rematch did; counts and seconds only, never personal data."""

    volunteers: int = 0
    needs: int = 0
    text_skills: int = 0
    cleared: int = 0
    written: Written = field(default_factory=Written)
    seconds: dict[str, float] = field(default_factory=dict)


def rematch_all(derive_skills: bool = True) -> RematchReport:
    """Re-derive text skills, then rank every open need against every consented volunteer."""
    report = RematchReport()
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        report.seconds[name] = now - clock
        clock = now

    if derive_skills:
        report.text_skills = skills.derive_all_text_skills()
        lap("text skills")
    pool = candidate_pool(use_cache=False)
    needs = adapter.open_need_specs()
    report.volunteers, report.needs = len(pool), len(needs)
    depth = store_top() + max(moved_on().values(), default=0)
    lap("load and pool")
    rankings = pool.rank_all(needs, top=depth, max_excluded=depth)
    lap("rank")
    report.written = store_rankings(pool, needs, rankings)
    report.cleared = clear_suggestions()
    lap("write")
    return report


def refresh_need(need: Need) -> Written:
    """Re-rank one need after it was saved (or clear its suggestions when it is not open)."""
    db.session.flush()
    if not need_is_open(need):
        return Written(deleted=clear_suggestions([need.id]))
    spec = adapter.need_spec_for(need)
    pool = candidate_pool()
    depth = store_top() + moved_on([need.id]).get(need.id, 0)
    ranking = pool.rank(spec, top=depth, max_excluded=depth)
    return store_rankings(pool, [spec], [ranking])


def project_saved(project: Project) -> Written:
    """After a project is edited: its needs lose their suggestions when it is closed, and are
    ranked when it is re-opened (needs without a summary); otherwise nothing changed for them."""
    db.session.flush()
    ranked = summaries(n.id for n in project.needs)
    written = Written()
    for need in project.needs:
        if not need_is_open(need):
            written.deleted += clear_suggestions([need.id])
        elif need.id not in ranked:
            written.add(refresh_need(need))
    return written


def _kth_others(volunteer_id: int, need_ids: list[int], k: int) -> dict[tuple[int, bool], Row]:
    """Per (need, excluded): the k-th best stored suggestion of the other volunteers, if any."""
    ranked = (
        select(
            Match.id,
            Match.need_id,
            Match.excluded,
            Match.score,
            Match.volunteer_id,
            pinned_condition().label("pinned"),
            func.row_number()
            .over(
                partition_by=(Match.need_id, Match.excluded),
                order_by=(Match.score.desc(), Match.volunteer_id),
            )
            .label("position"),
        )
        .where(
            Match.need_id.in_(need_ids),
            Match.volunteer_id != volunteer_id,
            Match.state == MatchState.SUGGESTED,  # the best K suggestions (see store_rankings)
        )
        .subquery()
    )
    rows = db.session.execute(select(ranked).where(ranked.c.position == k)).all()
    return {(row.need_id, bool(row.excluded)): row for row in rows}


def refresh_volunteer(volunteer: Volunteer) -> Written:
    """Re-score one volunteer against every open need after their profile was saved.

    Their match for a need is stored when pinned, or when it is among the need's best K of its
    kind (candidate or excluded); the row it pushes out of the K is deleted unless pinned. A
    match that falls out of the K leaves a gap that the next ranking of the need fills.
    """
    db.session.flush()
    own = {
        nid: (mid, pinned)
        for mid, nid, pinned in db.session.execute(
            select(Match.id, Match.need_id, pinned_condition()).where(
                Match.volunteer_id == volunteer.id
            )
        )
    }
    if not has_current_consent(volunteer):
        gone = [mid for mid, pinned in own.values() if not pinned]
        return _write([], [], gone)
    candidate = adapter.candidate_for(volunteer)
    needs = adapter.open_need_specs()
    k = store_top()
    kth = _kth_others(volunteer.id, [adapter.model_id(n.id) for n in needs], k)
    inserts: list[dict] = []
    updates: list[dict] = []
    deletes: list[int] = []
    for need in needs:
        nid = adapter.model_id(need.id)
        result = score(candidate, need)
        mine, pinned = own.get(nid, (None, False))
        rival = kth.get((nid, result.excluded))
        beats = rival is None or (-result.score, volunteer.id) < (-rival.score, rival.volunteer_id)
        if beats and rival is not None and not rival.pinned:
            deletes.append(rival.id)  # pushed out of the need's best K
        if mine is not None and (beats or pinned):
            updates.append({"match_id": mine, **match_values(result)})
        elif mine is not None:
            deletes.append(mine)
        elif beats:
            inserts.append({"need_id": nid, "volunteer_id": volunteer.id, **match_values(result)})
    return _write(inserts, updates, sorted(set(deletes)))


def summaries(need_ids: Iterable[int]) -> dict[int, NeedMatchSummary]:
    """need id → its stored summary (total candidate and excluded counts, when ranked)."""
    ids = list(need_ids)
    if not ids:
        return {}
    rows = db.session.scalars(select(NeedMatchSummary).where(NeedMatchSummary.need_id.in_(ids)))
    return {row.need_id: row for row in rows}
