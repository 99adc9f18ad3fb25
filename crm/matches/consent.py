"""What withdrawing consent does to a volunteer's matches, at once: they are offered nowhere.

- Every open request to take part is taken back (recorded as the volunteer's own act).
- Suggestions go: a suggested match nobody has acted on is deleted; one with a pipeline history
  (moved back to "suggested" earlier) is withdrawn, so that history stays.
- Matches in the pipeline (shortlisted, contacted, interested) stay where they are, for the
  consultant to close: the dashboard and the need page list them as "withdrew consent"
  (crm.volunteers.services.consent_withdrawn_condition), and the transition check lets them
  only leave the pipeline (crm.matches.pipeline.AFTER_CONSENT_WITHDRAWN).
"""

from flask_babel import gettext as _
from sqlalchemy import ColumnElement, and_, delete, select

from crm.auth.models import User
from crm.extensions import db
from crm.matches import interest, services
from crm.matches.models import Match, MatchState, MatchTransition
from crm.matches.pipeline import OPEN_STATES
from crm.volunteers.models import Volunteer
from crm.volunteers.services import consent_withdrawn_condition


def consent_withdrawn(volunteer: Volunteer, user: User | None) -> None:
    """Take the volunteer out of every candidate list after they withdrew consent."""
    db.session.flush()
    note = _("Consent withdrawn.")
    own = list(db.session.scalars(select(Match).where(Match.volunteer_id == volunteer.id)))
    for match in own:
        if interest.has_asked(match):
            interest.took_back(match, user, note)
    suggested = [m for m in own if m.state == MatchState.SUGGESTED]
    with_history = set(
        db.session.scalars(
            select(MatchTransition.match_id)
            .where(MatchTransition.match_id.in_([m.id for m in suggested]))
            .distinct()
        )
    )
    for match in suggested:
        if match.id in with_history:
            services.apply_transition(match, MatchState.WITHDRAWN, user, note=note)
    db.session.flush()
    gone = [m.id for m in suggested if m.id not in with_history]
    if gone:
        db.session.execute(
            delete(Match).where(Match.id.in_(gone)).execution_options(synchronize_session="fetch")
        )


def pipeline_after_withdrawal_condition() -> ColumnElement[bool]:
    """SQL: an open match whose volunteer withdrew consent (the consultant must close it)."""
    return and_(
        Match.state.in_([str(s) for s in OPEN_STATES]),
        Match.volunteer_id.in_(select(Volunteer.id).where(consent_withdrawn_condition())),
    )
