"""Demo results reporting: the funder's outcome areas, each project's budget line and targets,
and, after the pipeline, activity reports of the demo's placements (their debriefs:
crm/demo/debriefs.py).

Every completed placement has one or two activities, mostly approved; a placement still running
has at most one, from the days since it began, mostly only submitted (waiting for the
consultant). The demo volunteer (frivillig@example.org) always has an approved one and a
submitted one, so that the volunteer's and the branch's pages can be seen. Deterministic for
the seed and the data; every moment lies before today. The caller commits.
"""

import random
from datetime import date, timedelta

from sqlalchemy import select

from crm.activities.models import ActivityReport, ActivityType, ReportStatus
from crm.demo.clock import DemoClock, local_date
from crm.demo.pipeline import demo_volunteer_id
from crm.demo.texts import ACTIVITY_TEXTS
from crm.extensions import db
from crm.matches.models import Match, MatchState, MatchTransition
from crm.projects.models import Need, Project
from crm.results.models import OutcomeArea, ProjectTarget, TargetMeasure
from crm.volunteers.models import Volunteer

LEADERSHIP, CAPABLE, DIALOGUE = "leadership", "capable", "dialogue"

OUTCOME_AREAS: tuple[tuple[str, str, str, str], ...] = (
    (
        LEADERSHIP,
        "Kvinders og unges politiske lederskab",
        "Women's and young people's political leadership",
        "Flere kvinder og unge i ledende poster i partier, byråd og parlamenter.",
    ),
    (
        CAPABLE,
        "Velfungerende partier",
        "Capable parties",
        "Partier med stærke lokalafdelinger, medlemsdemokrati og egen politikudvikling.",
    ),
    (
        DIALOGUE,
        "Flerpartidialog",
        "Multiparty dialogue",
        "Partier, der samarbejder på tværs om demokratiets spilleregler og fælles reformer.",
    ),
)
"""(key, Danish name, English name, description) of the funder's outcome areas, in order."""

PROJECT_RESULTS: dict[str, tuple[str, str]] = {
    "Levende lokaldemokrati i Kenya": (DIALOGUE, "DIPD 2025-27, linje 2.1 Kenya"),
    "Kvinder og unge i politik i Nordmakedonien": (LEADERSHIP, "DIPD 2024-27, linje 1.3"),
    "Fra kul til grøn energi i Bosnien-Hercegovina": (CAPABLE, "DIPD 2025-27, linje 3.2"),
    "Bæredygtig socialdemokratisk udvikling i Sydøstasien": (CAPABLE, "DIPD 2024-27, linje 3.1"),
    "Kvinder i lokalpolitik": (LEADERSHIP, "DIPD 2025-27, linje 1.1"),
    "Rødt-grønt samarbejde i Mongoliet og Filippinerne": (DIALOGUE, "DIPD 2026-28, linje 2.4"),
    "Demokratistudie i Asien": (CAPABLE, "OPC-2026-ASIA-04"),
}
"""Each demo project's main outcome area and the budget line it reports under."""

TARGETS: tuple[tuple[str, bool, int], ...] = (
    (TargetMeasure.VOLUNTEERS_PLACED, False, 4),
    (TargetMeasure.ACTIVITIES, True, 8),
    (TargetMeasure.PARTICIPANTS, False, 160),
    (TargetMeasure.PARTICIPANTS_WOMEN, False, 80),
    (TargetMeasure.DAYS, False, 30),
)
"""(measure, within the project's main outcome area, value) of a DIPD project's targets."""

TRIP_TYPES = (ActivityType.TRAINING, ActivityType.WORKSHOP, ActivityType.ELECTION_OBSERVATION)
REMOTE_TYPES = (ActivityType.ONLINE_ADVICE, ActivityType.MENTORING, ActivityType.POLICY_PAPER)
APPROVED_SHARE = 0.85
"""Share of a completed placement's activities the consultant has approved."""
REPORTING_SHARE = 0.6
"""Share of running placements with an activity reported so far."""


def load_results_setup() -> dict[str, OutcomeArea]:
    """The outcome areas, and each demo project's budget line and (DIPD's) targets."""
    areas = {}
    for position, (key, name_da, name_en, description) in enumerate(OUTCOME_AREAS, start=1):
        areas[key] = OutcomeArea(
            name_da=name_da, name_en=name_en, description=description, position=position
        )
    db.session.add_all(areas.values())
    db.session.flush()
    for project in db.session.scalars(select(Project).order_by(Project.id)):
        area, budget_line = PROJECT_RESULTS.get(project.title, (CAPABLE, ""))
        project.budget_line = budget_line
        if project.funder != "DIPD":
            continue
        db.session.add_all(
            ProjectTarget(
                project_id=project.id,
                outcome_area_id=areas[area].id if in_area else None,
                measure=str(measure),
                value=value,
            )
            for measure, in_area, value in TARGETS
        )
    db.session.flush()
    return areas


def load_reports(seed: int, clock: DemoClock, consultant_id: int) -> int:
    """Activity reports of every placement; returns how many were made."""
    rng = random.Random(seed * 104729 + 3)
    demo_volunteer = demo_volunteer_id()
    areas = {a.name_en: a.id for a in db.session.scalars(select(OutcomeArea))}
    area_ids = [areas[name_en] for _key, _da, name_en, _d in OUTCOME_AREAS]
    main_area = {
        title: areas[name_en]
        for title, (key, _line) in PROJECT_RESULTS.items()
        for k, _da, name_en, _d in OUTCOME_AREAS
        if k == key
    }
    rows = db.session.execute(
        select(Match, Need, Project.title, Volunteer.user_id)
        .join(Need, Need.id == Match.need_id)
        .join(Project, Project.id == Need.project_id)
        .join(Volunteer, Volunteer.id == Match.volunteer_id)
        .where(Match.state.in_([MatchState.PLACED, MatchState.COMPLETED]))
        .order_by(Match.id)
    ).all()
    placed_on = _step_days([m.id for m, *_rest in rows], MatchState.PLACED)
    reports: list[ActivityReport] = []
    yesterday = clock.today - timedelta(days=1)
    for match, need, title, account in rows:
        area = main_area.get(title, area_ids[0])
        if rng.random() < 0.25:
            area = rng.choice(area_ids)
        start = placed_on.get(match.id, yesterday)
        country = _country(need)
        common = {
            "match_id": match.id,
            "volunteer_id": match.volunteer_id,
            "project_id": need.project_id,
            "outcome_area_id": area,
            "country": country,
        }
        if match.state == MatchState.COMPLETED:
            first = need.period_from or start
            last = min(need.period_to or yesterday, yesterday)
            for _ in range(rng.randint(1, 2)):
                approved = rng.random() < APPROVED_SHARE
                report = _report(rng, clock, first, last, TRIP_TYPES, common, account)
                reports.append(_approve(rng, clock, report, consultant_id) if approved else report)
        elif match.volunteer_id == demo_volunteer or rng.random() < REPORTING_SHARE:
            first = max(start, need.period_from) if need.period_from else start
            if first > yesterday:  # the period has not begun: work done from home meanwhile
                first = start
            first = min(first, yesterday)
            report = _report(rng, clock, first, yesterday, REMOTE_TYPES, common, account)
            if match.volunteer_id == demo_volunteer:  # an approved one before it, too
                earlier = _report(rng, clock, first, first, REMOTE_TYPES, common, account)
                reports.append(_approve(rng, clock, earlier, consultant_id))
            elif rng.random() < 0.3:
                report = _approve(rng, clock, report, consultant_id)
            reports.append(report)
    db.session.add_all(reports)
    db.session.flush()
    return len(reports)


def _step_days(match_ids: list[int], state: MatchState) -> dict[int, date]:
    """match id → the day (Danish time) it was moved to `state`."""
    rows = db.session.execute(
        select(MatchTransition.match_id, MatchTransition.at).where(
            MatchTransition.match_id.in_(match_ids), MatchTransition.to_state == state
        )
    ).all()
    return {match_id: local_date(at) for match_id, at in rows}


def _country(need: Need) -> str:
    """The need's first country, else its project's, else none."""
    codes = sorted(c.code for c in need.countries) or sorted(c.code for c in need.project.countries)
    return codes[0] if codes else ""


def _report(rng, clock: DemoClock, first: date, last: date, types, common, account):
    """One submitted activity between `first` and `last` (a trip in days, remote in hours)."""
    kind = rng.choice(types)
    started = clock.day_between(rng, first, last) if first < last else last
    remote = kind in REMOTE_TYPES
    ended = min(started + timedelta(days=0 if remote else rng.randint(1, 4)), last)
    participants = rng.randint(6, 18) if remote else rng.randint(12, 45)
    women = round(participants * rng.uniform(0.35, 0.7))
    young = round(participants * rng.uniform(0.15, 0.5))
    at = clock.daytime(rng, min(ended + timedelta(days=rng.randint(0, 3)), last), (9, 21))
    return ActivityReport(
        started_on=started,
        ended_on=ended,
        days=None if remote else float((ended - started).days + 1),
        hours=float(rng.randint(4, 20)) if remote else None,
        activity_type=str(kind),
        participants=None if kind == ActivityType.POLICY_PAPER else participants,
        participants_women=None if kind == ActivityType.POLICY_PAPER else women,
        participants_young=None if kind == ActivityType.POLICY_PAPER or remote else young,
        description=rng.choice(ACTIVITY_TEXTS[kind]),
        status=ReportStatus.SUBMITTED,
        submitted_by=account,
        created_at=at,
        updated_at=at,
        **common,
    )


def _approve(rng, clock: DemoClock, report: ActivityReport, consultant_id: int):
    """The consultant approves the report a few days after it came in (before today)."""
    at = report.created_at + timedelta(days=rng.randint(1, 6), hours=rng.randint(0, 3))
    if at >= clock.now:
        at = report.created_at + timedelta(minutes=30)
    report.status, report.approved_at, report.approved_by = ReportStatus.APPROVED, at, consultant_id
    report.updated_at = at
    return report
