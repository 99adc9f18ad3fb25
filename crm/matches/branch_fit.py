"""The open needs ranked for a branch, with what counted: its own entries and its sharing members.

The engine scores the branch's one Candidate (adapter.branch_candidate: the collective experience
after the contact's corrections, and the skills, languages and countries of the members who share
their profile with the branch) against each open, public need. A branch has no availability, so
the need's period, hours and travel are left out of its score: they would only lower every need
alike and favour needs that leave them empty. A required language no sharing member speaks earns
no points but hides nothing: the branch may still help in other ways.

Each factor is told back with which of the branch's entries and how many sharing members counted
("3 members speak English at B2 at least"); members are counted, never named here, and members
who do not share with the branch never count at all.
"""

from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from crm.branches.models import Branch
from crm.extensions import db
from crm.matches import adapter, skills
from crm.matches.models import Match
from crm.matching import (
    Candidate,
    Factor,
    NeedSpec,
    language_rank,
    load_normaliser,
    region_of,
    score,
)
from crm.projects.models import Need
from crm.volunteers.models import CorrectionAction

NEAR_DEADLINE_DAYS = 21
"""A need whose deadline is this many days away or fewer is marked on the branch's page."""

SKILL_KINDS = ("skill", "text_skill", "skill_lacking", "skills_unknown")
LANGUAGE_KINDS = ("language", "language_lacking", "language_unknown")
COUNTRY_KINDS = ("country", "region", "country_lacking", "countries_unknown")


@dataclass(frozen=True)
class Reason:
    """One factor of a need's fit told for a branch: a skill area, a language or the countries.

    `entries` are the texts (or areas) of the branch's own entries that gave the area, `level`
    the branch's own level in it (None when its experience has none), `members` how many
    sharing members count: the area at the need's minimum level or above (`members_below`: only
    below it), the language at its minimum level or above, the country (or, when `by_region`, a
    country of its region).
    """

    kind: str  # "skill", "language" or "country"
    subject: str
    wanted: object
    points: float
    max_points: float
    members: int
    members_below: int = 0
    level: int | None = None
    entries: tuple[str, ...] = ()
    required: bool = False
    by_region: bool = False


@dataclass(frozen=True)
class BranchFit:
    """One open need for the branch: its score, the reasons, the branch's offer and deadline."""

    need: Need
    score: float
    gains: list[Reason]
    gaps: list[Reason]
    offer: Match | None
    days_left: int | None

    @property
    def deadline_near(self) -> bool:
        """The deadline is NEAR_DEADLINE_DAYS days away or fewer (or has just passed)."""
        return self.days_left is not None and self.days_left <= NEAR_DEADLINE_DAYS


def branch_spec(spec: NeedSpec) -> NeedSpec:
    """The part of a need a branch can fit: skills, languages and countries."""
    return replace(spec, start=None, end=None, hours_per_month=None, travel=None)


def branch_read_back(branch: Branch) -> list[skills.ReadBack]:
    """The areas read from the branch's texts with the contact's corrections, best first (areas
    an entry names itself are the branch's own statement and are not shown as read)."""
    declared = {entry.area for entry in branch.experience if entry.area}
    readings = skills.entry_readings(branch.experience)
    return skills.read_back_rows(readings, skills.corrections_of(branch.corrections), declared)


def _entries_by_area(branch: Branch, removed: set[str]) -> dict[str, list[str]]:
    """area → the branch's entries that give it (their text, else the area), in entry order."""
    normaliser = load_normaliser()
    found: dict[str, list[str]] = {}
    for entry in branch.experience:
        text = entry.description.strip()
        areas = [entry.area] if entry.area else []
        if text:
            areas += [m.area for m in normaliser.normalise(text) if m.area not in removed]
        for area in dict.fromkeys(areas):
            found.setdefault(area, []).append(text or area)
    return found


def _speaks(member: Candidate, code: str, minimum: str) -> bool:
    return any(
        x.code == code and x.level is not None and language_rank(x.level) >= language_rank(minimum)
        for x in member.languages
    )


def _reason(
    factor: Factor,
    branch_levels: dict[str, int],
    entries: dict[str, list[str]],
    members: list[Candidate],
) -> Reason | None:
    """The engine's factor told for the branch; None for a kind a branch is not scored on."""
    common = {"points": factor.points, "max_points": factor.max_points}
    if factor.kind in SKILL_KINDS:
        area, minimum = factor.subject, factor.wanted
        levels = [max((s.level for s in m.skills if s.area == area), default=0) for m in members]
        count = sum(level >= minimum for level in levels)
        below = sum(0 < level < minimum for level in levels)
        own = branch_levels.get(area)
        return Reason(
            "skill",
            area,
            minimum,
            members=count,
            members_below=below,
            level=own,
            entries=tuple(entries.get(area, ())) if own else (),
            **common,
        )
    if factor.kind in LANGUAGE_KINDS:
        count = sum(_speaks(m, factor.subject, factor.wanted) for m in members)
        return Reason(
            "language",
            factor.subject,
            factor.wanted,
            members=count,
            required=bool(factor.required),
            **common,
        )
    if factor.kind in COUNTRY_KINDS:
        wanted = list(factor.wanted or [])
        count = sum(bool(m.countries & set(wanted)) for m in members)
        by_region = False
        if not count:
            regions = {region_of(c) for c in wanted} - {None}
            count = sum(any(region_of(c) in regions for c in m.countries) for m in members)
            by_region = count > 0
        return Reason(
            "country", ",".join(wanted), wanted, members=count, by_region=by_region, **common
        )
    return None


@dataclass(frozen=True)
class BranchNeeds:
    """The open needs for a branch, best first, and how many sharing members counted."""

    fits: list[BranchFit]
    members: int


def needs_for_branch(branch: Branch, today: date | None = None) -> BranchNeeds:
    """Every open, public need, best fit for the branch first (ties by need id), with reasons."""
    today = today or date.today()
    members = adapter.sharing_member_candidates(branch.id)
    candidate = adapter.branch_candidate(branch, members)
    own = adapter.branch_experience_skills(branch)
    levels = {area: skill.level for area, skill in own.items()}
    removed = {
        area
        for area, (action, _level) in skills.corrections_of(branch.corrections).items()
        if action == CorrectionAction.REMOVE
    }
    entries = _entries_by_area(branch, removed)
    scored = []
    for spec in adapter.open_need_specs(public=True):
        result = score(candidate, branch_spec(spec))
        scored.append((adapter.model_id(spec.id), result))
    scored.sort(key=lambda item: (-item[1].score, item[0]))
    needs = {
        n.id: n
        for n in db.session.scalars(
            select(Need)
            .where(Need.id.in_([nid for nid, _r in scored]))
            .options(selectinload(Need.project), selectinload(Need.skills))
        )
    }
    offers = {
        m.need_id: m for m in db.session.scalars(select(Match).where(Match.branch_id == branch.id))
    }
    fits = []
    for nid, result in scored:
        reasons = [_reason(f, levels, entries, members) for f in result.factors]
        reasons = [r for r in reasons if r is not None]
        need = needs[nid]
        fits.append(
            BranchFit(
                need=need,
                score=result.score,
                gains=sorted((r for r in reasons if r.points > 0), key=lambda r: -r.points),
                gaps=[r for r in reasons if r.points <= 0],
                offer=offers.get(nid),
                days_left=(need.deadline - today).days if need.deadline else None,
            )
        )
    return BranchNeeds(fits, len(members))
