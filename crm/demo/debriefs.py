"""Demo debriefs: most completed placements have one, written a few days after completion.

Run after the pipeline (crm/demo/pipeline.py), so the completed placements exist. The texts are
short Danish sentences of our own, drawn at random; about half the authors agree to share their
debrief with the next volunteer. Plain rows, bulk-inserted.
"""

import random
from datetime import timedelta

from sqlalchemy import func, select

from crm.activities.models import Debrief, WouldGoAgain
from crm.demo.bulk import insert_rows, next_id, sync_sequences
from crm.demo.clock import DemoClock
from crm.extensions import db
from crm.matches.models import Match, MatchState, MatchTransition
from crm.projects.models import Need
from crm.volunteers.models import Volunteer

WRITTEN_SHARE = 0.85
"""Share of completed placements with a debrief."""
SHARED_SHARE = 0.55
"""Share of debriefs whose author agreed to show it to the next volunteer."""
BY_CONSULTANT_SHARE = 0.15
"""Share written by the consultant for the volunteer, after a talk."""
ANSWERS = ((WouldGoAgain.YES, 6), (WouldGoAgain.MAYBE, 3), (WouldGoAgain.NO, 1))

WORKED = (
    "Partnerne var meget engagerede, og workshopperne blev fyldt op.",
    "Konkrete eksempler fra dansk kommunalpolitik gjorde stort indtryk.",
    "Det fungerede godt at planlægge programmet sammen med ungdomsafdelingen.",
    "Kvinderne i netværket tog selv over på anden dagen: det var målet.",
    "Opfølgning på video mellem rejserne holdt gang i arbejdet.",
)
DID_NOT = (
    "Programmet blev ændret flere gange med kort varsel.",
    "Tolkningen tog længere tid end planlagt, så der var for lidt tid til øvelser.",
    "Materialet var for langt; deltagerne ønskede kortere oplæg.",
    "Det var svært at nå ud over hovedstaden.",
    "",
)
ADVICE = (
    "Aftal dagsordenen i god tid, og hav en plan B.",
    "Tag eksempler med fra din egen afdeling: de virker bedre end teori.",
    "Sæt tid af til uformelle samtaler efter møderne.",
    "Lær et par sætninger på det lokale sprog; det åbner mange døre.",
    "Skriv en kort opsummering til partnerne efter hver dag.",
)


def load_debriefs(seed: int, clock: DemoClock, consultant_id: int | None) -> int:
    """Write the demo debriefs of the completed placements; returns how many. Caller commits."""
    rng = random.Random(seed + 3)
    completed_at = (
        select(MatchTransition.match_id, func.max(MatchTransition.at).label("at"))
        .where(MatchTransition.to_state == MatchState.COMPLETED)
        .group_by(MatchTransition.match_id)
        .subquery()
    )
    rows = db.session.execute(
        select(Match.id, Match.volunteer_id, Match.need_id, Need.project_id, Volunteer.user_id)
        .add_columns(completed_at.c.at)
        .join(Need, Need.id == Match.need_id)
        .join(Volunteer, Volunteer.id == Match.volunteer_id)
        .join(completed_at, completed_at.c.match_id == Match.id)
        .where(Match.state == MatchState.COMPLETED)
        .order_by(Match.id)
    ).all()
    debrief_id = next_id(Debrief.__table__)
    answers, weights = zip(*ANSWERS, strict=True)
    out = []
    for match_id, volunteer_id, need_id, project_id, user_id, done_at in rows:
        if rng.random() >= WRITTEN_SHARE:
            continue
        at = min(done_at + timedelta(days=rng.randint(1, 6)), clock.now - timedelta(hours=1))
        by_consultant = consultant_id is not None and rng.random() < BY_CONSULTANT_SHARE
        out.append(
            {
                "id": debrief_id,
                "match_id": match_id,
                "volunteer_id": volunteer_id,
                "project_id": project_id,
                "need_id": need_id,
                "what_worked": rng.choice(WORKED),
                "what_did_not": rng.choice(DID_NOT),
                "advice": rng.choice(ADVICE),
                "would_go_again": str(rng.choices(answers, weights)[0]),
                "share_with_next": not by_consultant and rng.random() < SHARED_SHARE,
                "written_by": consultant_id if by_consultant else user_id,
                "created_at": at,
                "updated_at": at,
                "version": 1,
            }
        )
        debrief_id += 1
    insert_rows(Debrief.__table__, out)
    sync_sequences(Debrief.__table__)
    return len(out)
