"""Demo matches along the pipeline, each with a history that tells how it got there.

Run after the matches are scored (the demo-data command does). For every need, its best-ranked
volunteers are moved along the pipeline by the demo consultant, step by step, at office hours on
past days: on an open need of an active project a few are shortlisted, contacted and interested,
one or two placed this quarter, one declined and one found not suitable, each with a reason code
(ExitReason) and its words; on a planning project's need only the first steps are taken; a filled
need has its placements and the withdrawn rest; a need whose period is over has completed
placements. Each volunteer is worked on for one need only, so nobody is placed twice. Plain rows,
bulk-inserted: cheap at any size.
"""

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import selectinload

from crm.consultant.dashboard import quarter_start
from crm.contacts.models import ContactLogEntry
from crm.demo.accounts import VOLUNTEER_EMAIL
from crm.demo.bulk import insert_rows, next_id, sync_sequences
from crm.demo.clock import DemoClock, local_date
from crm.demo.texts import DECLINE_REASONS, NOT_SUITABLE_REASONS, PIPELINE_CALLS
from crm.extensions import db
from crm.matches import adapter
from crm.matches.models import InterestSignal, Match, MatchState, MatchTransition
from crm.matches.pool_cache import candidate_pool
from crm.matches.refresh import match_values
from crm.projects.models import Need, NeedStatus, Project, ProjectStatus
from crm.volunteers.models import Volunteer

S = MatchState
RANKED = 20
"""How many of each need's best-ranked volunteers are considered."""
STEP_DAYS = (2, 8)
"""Days between two steps of one match."""
WORK_HOURS = (9, 16)

NOTES = {
    S.SHORTLISTED: "Stærk profil til opgaven.",
    S.CONTACTED: "Logget i kontaktloggen (Telefon).",
    S.INTERESTED: "Vil gerne være med.",
    S.PLACED: "Aftale på plads.",
    S.COMPLETED: "Opgaven er afsluttet.",
}
FILLED_NOTE = "Behovet blev besat."
CLICKED_SHARE = 0.4
"""Share of the interested who said so themselves on their page before the consultant's move."""
CLICKED_NOTE = "Har selv sagt ja til opgaven på sin side."


def plan(rng: random.Random, need: Need, project_status: str, today: date) -> list[MatchState]:
    """The states the need's best-ranked volunteers end in, best first (see the module text)."""
    if need.period_to is not None and need.period_to < today:
        return [S.COMPLETED] * min(need.seats, 2) + [S.DECLINED]
    if need.status == NeedStatus.FILLED:
        return [S.PLACED] * need.seats + [S.WITHDRAWN] * 2
    if need.status != NeedStatus.OPEN:
        return [S.WITHDRAWN] * 2
    if project_status != ProjectStatus.ACTIVE:
        return [S.SHORTLISTED] * rng.randint(1, 3) + [S.CONTACTED]
    placed = min(2, need.seats - 1) if rng.random() < 0.8 else 0
    return (
        [S.PLACED] * placed
        + [S.INTERESTED] * rng.randint(1, 2)
        + [S.DECLINED]
        + [S.CONTACTED] * rng.randint(1, 3)
        + [S.SHORTLISTED] * rng.randint(2, 3)
        + [S.NOT_SUITABLE]
    )


def path(state: MatchState) -> list[MatchState]:
    """The states a match passes through from suggested to `state`, both included."""
    exits = {
        S.DECLINED: [S.SUGGESTED, S.SHORTLISTED, S.CONTACTED, S.DECLINED],
        S.NOT_SUITABLE: [S.SUGGESTED, S.SHORTLISTED, S.NOT_SUITABLE],
        S.WITHDRAWN: [S.SUGGESTED, S.SHORTLISTED, S.WITHDRAWN],
    }
    forward = [S.SUGGESTED, S.SHORTLISTED, S.CONTACTED, S.INTERESTED, S.PLACED, S.COMPLETED]
    return exits.get(state) or forward[: forward.index(state) + 1]


def last_day(rng: random.Random, state: MatchState, need: Need, clock: DemoClock) -> date:
    """The day of a match's last step: placements this quarter, completions after the period."""
    yesterday = clock.today - timedelta(days=1)
    if state == S.COMPLETED and need.period_to is not None:
        return min(yesterday, need.period_to + timedelta(days=rng.randint(3, 20)))
    if state == S.PLACED:
        first = max(quarter_start(clock.today), clock.today - timedelta(days=45))
        return clock.day_between(rng, min(first, yesterday), yesterday)
    return clock.today - timedelta(days=rng.randint(1, 30))


def step_days(rng: random.Random, steps: int, last: date, need: Need, state: MatchState):
    """The days of a match's steps (oldest first), ending on `last`; a completion's placement
    falls before the need's period starts."""
    days = [last]
    for number in range(steps - 1, 0, -1):
        gap = rng.randint(*STEP_DAYS)
        if state == S.COMPLETED and number == steps - 1 and need.period_from is not None:
            gap = max(gap, (last - need.period_from).days + rng.randint(10, 30))
        days.append(days[-1] - timedelta(days=gap))
    return days[::-1]


@dataclass
class Out:
    """The rows made so far, and the next free ids."""

    match_id: int
    contact_id: int
    new_matches: list[dict]
    moved: list[dict]
    transitions: list[dict]
    contacts: list[dict]
    signals: list[dict] = field(default_factory=list)
    """The volunteers' own "I would like to take part" (InterestSignal rows)."""
    accounts: dict[int, int | None] = field(default_factory=dict)
    """volunteer id → their user account, who said yes on their own page."""


def load_pipeline(seed: int, clock: DemoClock, consultant_id: int) -> int:
    """Move the needs' best-ranked volunteers along the pipeline; return how many matches moved.

    The demo volunteer, when ranked for a need whose next volunteer is to be placed, is that
    volunteer (so that their pages show a placement). Deterministic for `seed`, the data and
    `clock`; every step lies before today. The caller commits.
    """
    rng = random.Random(seed * 7919 + 17)
    demo_volunteer = demo_volunteer_id()
    needs = list(
        db.session.scalars(
            select(Need)
            .options(
                selectinload(Need.skills),
                selectinload(Need.languages),
                selectinload(Need.countries),
            )
            .order_by(Need.id)
        )
    )
    statuses = dict(db.session.execute(select(Project.id, Project.status)).all())
    pool = candidate_pool()
    existing = {
        (n, v): m
        for m, n, v in db.session.execute(select(Match.id, Match.need_id, Match.volunteer_id))
    }
    out = Out(next_id(Match.__table__), next_id(ContactLogEntry.__table__), [], [], [], [])
    taken: set[int] = set()
    for need in needs:
        states = plan(rng, need, statuses[need.project_id], clock.today)
        ranking = pool.rank(adapter.need_spec_for(need), top=RANKED, max_excluded=RANKED)
        results = ranking.candidates or ranking.excluded  # a past period excludes everyone
        if demo_volunteer not in taken and states and states[0] == S.PLACED:
            results = _first(results, demo_volunteer)
        signed_up = _sign_up_days([adapter.model_id(r.candidate_id) for r in results], out)
        for result in results:
            if not states:
                break
            volunteer_id = adapter.model_id(result.candidate_id)
            if volunteer_id in taken:
                continue
            state = states[0]
            days = step_days(rng, len(path(state)), last_day(rng, state, need, clock), need, state)
            if days[0] - timedelta(days=1) <= signed_up[volunteer_id]:
                continue  # they had not signed up yet when this story would start
            states.pop(0)
            taken.add(volunteer_id)
            match_id = _add_match(
                rng, out, existing, need, volunteer_id, result, state, days, clock
            )
            _add_steps(rng, out, need, volunteer_id, match_id, state, days, clock, consultant_id)
    _write(out)
    return len(out.new_matches) + len(out.moved)


def demo_volunteer_id() -> int | None:
    """The demo volunteer's id (frivillig@example.org), if the demo accounts are loaded."""
    return db.session.scalar(select(Volunteer.id).where(Volunteer.email == VOLUNTEER_EMAIL))


def _first(results, volunteer_id: int | None):
    """The ranked results with `volunteer_id`'s moved to the front (unchanged without it)."""
    mine = [r for r in results if adapter.model_id(r.candidate_id) == volunteer_id]
    return mine + [r for r in results if r not in mine] if mine else results


def _sign_up_days(volunteer_ids: list[int], out: Out) -> dict[int, date]:
    """volunteer id → the day they signed up (their accounts are noted in `out`)."""
    rows = db.session.execute(
        select(Volunteer.id, Volunteer.created_at, Volunteer.user_id).where(
            Volunteer.id.in_(volunteer_ids)
        )
    ).all()
    out.accounts.update({vid: user_id for vid, _created, user_id in rows})
    return {vid: local_date(created) for vid, created, _user_id in rows}


def _add_match(rng, out: Out, existing, need, volunteer_id, result, state, days, clock):
    """The match row, inserted or the stored suggestion moved (times follow its steps).

    Returns its id and whether the volunteer said "I am interested" on their own page (then
    early on the day the consultant moved the match to interested).
    """
    first = clock.daytime(rng, days[0] - timedelta(days=1), WORK_HOURS)
    clicked = S.INTERESTED in path(state) and rng.random() < CLICKED_SHARE
    values = {
        "state": str(state),
        "created_at": first,
        "updated_at": clock.daytime_at(days[-1], WORK_HOURS[1]),
        "interested_at": clock.daytime_at(days[path(state).index(S.INTERESTED)], 7)
        if clicked
        else None,
    }
    match_id = existing.get((need.id, volunteer_id))
    if match_id is None:
        match_id = out.match_id
        out.match_id += 1
        out.new_matches.append(
            {
                "id": match_id,
                "need_id": need.id,
                "volunteer_id": volunteer_id,
                "scored_at": first,
                "override": False,
                "version": 1,
                **match_values(result),
                **values,
            }
        )
    else:
        out.moved.append({"match_id": match_id, **values})
    existing[(need.id, volunteer_id)] = match_id
    return match_id, clicked


def _add_steps(rng, out: Out, need, volunteer_id, match, state, days, clock, user_id) -> None:
    """One transition per step, by the demo consultant; a phone call logged when contacting."""
    match_id, clicked = match
    states = path(state)
    for before, after, day in zip(states[:-1], states[1:], days[1:], strict=True):
        at = clock.daytime(rng, day, WORK_HOURS)
        reason, code = "", None
        if after == S.DECLINED:
            reason, code = rng.choice(DECLINE_REASONS)
        elif after == S.NOT_SUITABLE:
            reason, code = rng.choice(NOT_SUITABLE_REASONS)
        note = FILLED_NOTE if after == S.WITHDRAWN else NOTES.get(after, "")
        mover = user_id
        if after == S.INTERESTED and clicked:  # the volunteer said yes on their own page
            note, mover = CLICKED_NOTE, out.accounts.get(volunteer_id)
            asked = clock.daytime_at(day, 7)
            at = max(at, asked + timedelta(minutes=1))
            out.signals.append(
                {
                    "match_id": match_id,
                    "volunteer_id": volunteer_id,
                    "kind": "asked",
                    "user_id": mover,
                    "at": asked,
                    "note": "",
                }
            )
        out.transitions.append(
            {
                "match_id": match_id,
                "from_state": str(before),
                "to_state": str(after),
                "user_id": mover,
                "at": at,
                "note": note,
                "reason": reason,
                "reason_code": code,
            }
        )
        if after == S.CONTACTED:
            out.contacts.append(
                {
                    "id": out.contact_id,
                    "volunteer_id": volunteer_id,
                    "author_id": user_id,
                    "at": at - timedelta(minutes=rng.randint(5, 40)),
                    "channel": "phone",
                    "direction": "out",
                    "summary": rng.choice(PIPELINE_CALLS).format(need=need.title),
                    "outcome": "",
                    "match_id": match_id,
                    "created_at": at,
                    "updated_at": at,
                }
            )
            out.contact_id += 1


def _write(out: Out) -> None:
    insert_rows(Match.__table__, out.new_matches)
    if out.moved:
        db.session.execute(
            update(Match.__table__)
            .where(Match.__table__.c.id == bindparam("match_id"))
            .values(
                state=bindparam("state"),
                created_at=bindparam("created_at"),
                updated_at=bindparam("updated_at"),
                interested_at=bindparam("interested_at"),
                version=Match.__table__.c.version + 1,
            ),
            out.moved,
        )
    insert_rows(MatchTransition.__table__, out.transitions)
    insert_rows(ContactLogEntry.__table__, out.contacts)
    insert_rows(InterestSignal.__table__, out.signals)
    sync_sequences(
        Match.__table__,
        MatchTransition.__table__,
        ContactLogEntry.__table__,
        InterestSignal.__table__,
    )
