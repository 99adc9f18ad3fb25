"""Reading activity reports: a volunteer's placements with their reports, the one placement or
report a user may open, and the consultant's queue of reports waiting for approval.

A placement is a match placed or completed now, or one that was and ended in an exit (placed →
declined or withdrawn) with activities reported on it: those still count in the results, so
they stay where they can be read, approved and corrected; only new ones are no longer taken."""

from dataclasses import dataclass, field

from sqlalchemy import exists, func, or_, select

from crm.activities.models import ActivityReport, ReportStatus
from crm.extensions import db
from crm.matches.models import Match, MatchState
from crm.matches.pipeline import PLACED_STATES
from crm.projects.models import Need, Project
from crm.results.models import OutcomeArea
from crm.volunteers.models import Volunteer


@dataclass
class Placement:
    """A placement (placed or completed match) with its need, project and reports."""

    match: Match
    need: Need
    project: Project
    reports: list[ActivityReport] = field(default_factory=list)

    @property
    def takes_reports(self) -> bool:
        """Placed or completed now: new activities may be reported on it."""
        return self.match.state in PLACED_STATES

    @property
    def asks_for_report(self) -> bool:
        """Completed with nothing reported yet: the volunteer is asked what they did."""
        return self.match.state == MatchState.COMPLETED and not self.reports


def _placed():
    """SQL: the match is a placement (see above): placed or completed, or has reports."""
    has_reports = exists().where(ActivityReport.match_id == Match.id)
    return or_(Match.state.in_([str(s) for s in PLACED_STATES]), has_reports)


def placements_of(volunteer_id: int) -> list[Placement]:
    """The volunteer's placements, newest first, each with its reports (oldest activity first);
    two queries whatever their number."""
    rows = db.session.execute(
        select(Match, Need, Project)
        .join(Need, Need.id == Match.need_id)
        .join(Project, Project.id == Need.project_id)
        .where(Match.volunteer_id == volunteer_id, _placed())
        .order_by(Match.updated_at.desc(), Match.id.desc())
    ).all()
    placements = {m.id: Placement(m, n, p) for m, n, p in rows}
    if placements:
        for report in db.session.scalars(
            select(ActivityReport)
            .where(ActivityReport.match_id.in_(placements))
            .order_by(ActivityReport.started_on, ActivityReport.id)
        ):
            placements[report.match_id].reports.append(report)
    return list(placements.values())


def placement(match_id: int, volunteer_id: int | None = None) -> Placement | None:
    """One placement with its reports, or None when there is no such placement (or, given
    `volunteer_id`, it is not that volunteer's)."""
    query = select(Match.volunteer_id).where(Match.id == match_id, _placed())
    owner = db.session.scalar(query)
    if owner is None or (volunteer_id is not None and owner != volunteer_id):
        return None
    return next((p for p in placements_of(owner) if p.match.id == match_id), None)


def report(report_id: int, volunteer_id: int | None = None) -> ActivityReport | None:
    """One report, or None when there is none (or, given `volunteer_id`, it is not theirs)."""
    found = db.session.get(ActivityReport, report_id)
    if found is None or (volunteer_id is not None and found.volunteer_id != volunteer_id):
        return None
    return found


def volunteer_of(report_or_placement: ActivityReport | Placement) -> Volunteer:
    """The volunteer a report or placement belongs to."""
    if isinstance(report_or_placement, Placement):
        return db.session.get(Volunteer, report_or_placement.match.volunteer_id)
    return db.session.get(Volunteer, report_or_placement.volunteer_id)


def waiting_count() -> int:
    """How many reports wait for a consultant's approval (the dashboard's figure)."""
    return db.session.scalar(
        select(func.count(ActivityReport.id)).where(ActivityReport.status == ReportStatus.SUBMITTED)
    )


@dataclass(frozen=True)
class Waiting:
    """A report in the approval queue with what the consultant needs to judge it."""

    report: ActivityReport
    volunteer: Volunteer
    need: Need
    project: Project


def waiting() -> list[Waiting]:
    """Every report waiting for approval, the oldest submitted first (an erased volunteer's
    too: their figures still count once approved)."""
    rows = db.session.execute(
        select(ActivityReport, Volunteer, Need, Project)
        .join(Match, Match.id == ActivityReport.match_id)
        .join(Volunteer, Volunteer.id == ActivityReport.volunteer_id)
        .join(Need, Need.id == Match.need_id)
        .join(Project, Project.id == ActivityReport.project_id)
        .where(ActivityReport.status == ReportStatus.SUBMITTED)
        .order_by(ActivityReport.created_at, ActivityReport.id)
    ).all()
    return [Waiting(*row) for row in rows]


def outcome_areas(keep: int | None = None) -> list[OutcomeArea]:
    """The funder's active outcome areas in their order, and the area `keep` even if retired
    (a report keeps the area it was given)."""
    shown = OutcomeArea.active.is_(True)
    if keep is not None:
        shown = or_(shown, OutcomeArea.id == keep)
    query = select(OutcomeArea).where(shown).order_by(OutcomeArea.position, OutcomeArea.id)
    return list(db.session.scalars(query))


def project_countries(item: Placement) -> list[str]:
    """The need's countries, then the project's: offered first on the report form."""
    codes = [c.code for c in item.need.countries] + [c.code for c in item.project.countries]
    return list(dict.fromkeys(codes))
