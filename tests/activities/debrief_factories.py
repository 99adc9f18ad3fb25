"""Helpers for the debrief and lessons tests: completed placements and debriefs in the database."""

from crm.activities.models import Debrief
from crm.extensions import db
from crm.models import Need
from tests.consultant.factories import add_match


def completed(need, volunteer, **fields):
    """The volunteer's completed placement on `need`."""
    return add_match(need, volunteer, state="completed", **fields)


def add_debrief(match, share=False, would_go_again="yes", **texts) -> Debrief:
    """A debrief of `match` as if its volunteer had written it."""
    debrief = Debrief(
        match_id=match.id,
        volunteer_id=match.volunteer_id,
        need_id=match.need_id,
        project_id=db.session.get(Need, match.need_id).project_id,
        what_worked=texts.get("what_worked", "Gode workshops med partnerne"),
        what_did_not=texts.get("what_did_not", "For lidt tid til forberedelse"),
        advice=texts.get("advice", "Tag et fransk parlør med"),
        would_go_again=would_go_again,
        share_with_next=share,
    )
    db.session.add(debrief)
    db.session.commit()
    return debrief
