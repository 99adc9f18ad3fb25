"""What a branch sees of its members' involvement: names for those who share, guarded counts
for the rest (the rule and its tree: crm/branches/figures.py).

Involvement is read from the members' matches: "interested" is the member's own request to take
part (crm.matches.interest.has_asked), "placed" a match in PLACED_STATES. A member who shares is
shown with their profile (skills, languages, countries, availability) and, per project, only
those words: never other pipeline states, notes, reasons or the contact log.
"""

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from crm.audit import log as audit
from crm.audit.log import Action
from crm.branches.figures import Figure, child_figure, gate_figure, root_figure
from crm.branches.models import Branch
from crm.extensions import db
from crm.matches.interest import has_asked
from crm.matches.models import Match, MatchState
from crm.matches.offers import sharing_members
from crm.matches.pipeline import PLACED_STATES
from crm.projects.models import Need, Project
from crm.volunteers.models import Volunteer
from crm.volunteers.services import unclaimed_import_condition

ASKED, PLACED, COMPLETED = "asked", "placed", "completed"
"""The only words a branch reads about a member's match (see involvement_of)."""


def involvement_of(match: Match) -> str | None:
    """What a branch may read about one match: asked, placed, completed, or nothing."""
    if match.state == MatchState.COMPLETED:
        return COMPLETED
    if match.state in PLACED_STATES:
        return PLACED
    if has_asked(match):
        return ASKED
    return None


@dataclass
class MemberInvolvement:
    """A member who shares, with what they do per project (need, word) in project order."""

    volunteer: Volunteer
    needs: list[tuple[Need, str]] = field(default_factory=list)


@dataclass
class ProjectFigures:
    """One project: the named members who asked or were placed, and the others as figures."""

    project: Project
    named_interested: list[Volunteer]
    named_placed: list[Volunteer]
    others_interested: Figure
    others_placed: Figure

    @property
    def has_anything_to_show(self) -> bool:
        """Listed only then: a row of "0" and "under 3" would say someone is involved."""
        figures = (self.others_interested, self.others_placed)
        return bool(self.named_interested or self.named_placed) or any(f.shown for f in figures)


@dataclass
class BranchInvolvement:
    """The whole members page: registered, interested and placed, in all and by project."""

    members: list[MemberInvolvement]
    registered_others: Figure
    named_interested: int
    others_interested: Figure
    named_placed: int
    others_placed: Figure
    projects: list[ProjectFigures]


@dataclass
class MemberMatches:
    """Who did what, kept apart for members who share (named) and the others (ids only)."""

    sharing: set[int]
    registered_others: int
    matches: list[tuple[Match, Need]]

    def ids(self, word: str, *, sharing: bool, project_id: int | None = None) -> set[int]:
        return {
            m.volunteer_id
            for m, need in self.matches
            if _counts_as(m, word)
            and (m.volunteer_id in self.sharing) == sharing
            and (project_id is None or need.project_id == project_id)
        }


def _counts_as(match: Match, word: str) -> bool:
    """Interested = asked; placed = placed or completed (the two groups a branch counts)."""
    said = involvement_of(match)
    return said == ASKED if word == ASKED else said in (PLACED, COMPLETED)


def tally(branch: Branch) -> tuple[MemberMatches, list[Volunteer]]:
    """The branch's members' matches and who shares, with the members who share by name."""
    members = sharing_members(branch.id)
    sharing = {v.id for v in members}
    registered = db.session.scalar(
        select(db.func.count(Volunteer.id)).where(
            Volunteer.branch_id == branch.id, ~unclaimed_import_condition()
        )
    )
    rows = db.session.execute(
        select(Match, Need)
        .join(Need, Need.id == Match.need_id)
        .join(Volunteer, Volunteer.id == Match.volunteer_id)
        .where(Volunteer.branch_id == branch.id)
        .options(selectinload(Need.project), selectinload(Need.countries))
        .order_by(Need.project_id, Need.id)
    ).all()
    return MemberMatches(sharing, registered - len(sharing), [(m, n) for m, n in rows]), members


def others_tree(counts: MemberMatches) -> tuple[Figure, Figure, Figure]:
    """The top of the tree: registered, interested and placed others (interested and placed
    under the unprinted gate "involved in any project")."""
    root = root_figure(counts.registered_others)
    asked, placed = counts.ids(ASKED, sharing=False), counts.ids(PLACED, sharing=False)
    gate = gate_figure(len(asked | placed), root)
    return root, child_figure(len(asked), gate), child_figure(len(placed), gate)


def branch_involvement(branch: Branch) -> BranchInvolvement:
    """The branch's members' involvement, with every figure about the others guarded."""
    counts, members = tally(branch)
    _load_profiles(members)
    root, interested, placed = others_tree(counts)
    by_id = {v.id: v for v in members}

    def named(word: str, project_id: int | None = None) -> list[Volunteer]:
        ids = counts.ids(word, sharing=True, project_id=project_id)
        return [v for v in members if v.id in ids]

    projects: dict[int, Project] = {}
    cards = {v.id: MemberInvolvement(v) for v in members}
    for match, need in counts.matches:
        word = involvement_of(match)
        if word is None:
            continue
        projects.setdefault(need.project_id, need.project)
        if match.volunteer_id in by_id:
            cards[match.volunteer_id].needs.append((need, word))
    rows = []
    for project in sorted(projects.values(), key=lambda p: (p.title, p.id)):
        row = ProjectFigures(
            project,
            named(ASKED, project.id),
            named(PLACED, project.id),
            child_figure(len(counts.ids(ASKED, sharing=False, project_id=project.id)), interested),
            child_figure(len(counts.ids(PLACED, sharing=False, project_id=project.id)), placed),
        )
        if row.has_anything_to_show:
            rows.append(row)
    return BranchInvolvement(
        members=list(cards.values()),
        registered_others=root,
        named_interested=len(named(ASKED)),
        others_interested=interested,
        named_placed=len(named(PLACED)),
        others_placed=placed,
        projects=rows,
    )


def _load_profiles(members: list[Volunteer]) -> None:
    """Load the shown parts of the members' profiles in three queries, not three per member."""
    db.session.scalars(
        select(Volunteer)
        .where(Volunteer.id.in_([v.id for v in members]))
        .options(
            selectinload(Volunteer.skills),
            selectinload(Volunteer.languages),
            selectinload(Volunteer.countries),
        )
    ).all()


def shown_to_contact(branch: Branch) -> BranchInvolvement:
    """The branch's members' involvement as its contact sees it, each shared profile shown written
    to the audit log as a view of that person's record."""
    involvement = branch_involvement(branch)
    for member in involvement.members:
        audit.record(Action.RECORD_VIEWED, volunteer_id=member.volunteer.id, page="branch_members")
    return involvement
