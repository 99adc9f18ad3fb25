"""Two records of one person, each with a history: matches, contacts, consents, reports."""

from dataclasses import dataclass
from datetime import date, timedelta

import pytest

from crm.activities.models import ActivityReport, Debrief
from crm.auth.models import Role
from crm.database import utcnow
from crm.extensions import db
from crm.models import ConsentRecord, ContactLogEntry, ExperienceEntry, Volunteer, VolunteerLanguage
from tests.consultant.factories import add_follow_up, add_match, add_signal, add_transition
from tests.duplicates.factories import queue_pair


@dataclass
class Twins:
    """a: the older record; b: the newer one of the same person; their shared need and more."""

    a: Volunteer
    b: Volunteer
    pair: object
    consultant: object
    need_a: object
    need_b: object
    shared: object
    ids: dict


@pytest.fixture()
def twins(make_volunteer, make_need, make_user, make_project) -> Twins:
    consultant = make_user(Role.CONSULTANT, name="Karen Konsulent")
    a = make_volunteer(
        first_name="Jens",
        last_name="Hansen",
        phone="+45 12 34 56 78",
        city="Aarhus",
        postcode="8000",
    )
    a.languages = [VolunteerLanguage(code="en", level="B2")]
    b = make_volunteer(
        first_name="Jens",
        last_name="Hansne",
        phone="12345678",
        city="",
        postcode="8000",
        motivation="Jeg vil gerne hjælpe med lokaldemokrati.",
    )
    b.experience = [ExperienceEntry(area="local-democracy", level=3, description="Byrådet")]
    b.languages = [
        VolunteerLanguage(code="en", level="C1"),
        VolunteerLanguage(code="fr", level="B1"),
    ]
    b.updated_at = utcnow() + timedelta(seconds=5)
    db.session.commit()
    project = make_project()
    need_a, need_b, shared = (make_need(project=project, title=t) for t in ("A", "B", "Fælles"))
    match_a = add_match(need_a, a, state="shortlisted")
    add_transition(match_a, "suggested", "shortlisted", user=consultant)
    own_shared = add_match(shared, a, state="contacted")
    add_transition(own_shared, "shortlisted", "contacted", user=consultant, note="Ringet op")
    placed = add_match(need_b, b, state="placed")
    add_transition(placed, "interested", "placed", user=consultant)
    weaker = add_match(shared, b, state="shortlisted")
    weaker_step = add_transition(weaker, "suggested", "shortlisted", user=consultant)
    weaker_signal = add_signal(weaker, kind="asked")
    entry = ContactLogEntry(
        volunteer_id=b.id,
        author_id=consultant.id,
        channel="phone",
        summary="Talte om opgaven",
        match_id=weaker.id,
    )
    report = ActivityReport(
        match_id=placed.id,
        volunteer_id=b.id,
        project_id=project.id,
        started_on=date(2026, 10, 1),
        description="Workshop",
    )
    debrief = Debrief(
        match_id=placed.id,
        volunteer_id=b.id,
        project_id=project.id,
        need_id=need_b.id,
        what_worked="Godt samarbejde",
    )
    consent = ConsentRecord(volunteer_id=b.id, purpose="matching", text_version="2026-11")
    db.session.add_all([entry, report, debrief, consent])
    db.session.commit()
    follow_up = add_follow_up(consultant, date(2027, 1, 5), b, note="Ring igen")
    pair = queue_pair(a, b)
    ids = {
        "match_a": match_a.id,
        "own_shared": own_shared.id,
        "placed": placed.id,
        "weaker": weaker.id,
        "weaker_step": weaker_step.id,
        "weaker_signal": weaker_signal.id,
        "entry": entry.id,
        "report": report.id,
        "debrief": debrief.id,
        "consent": consent.id,
        "follow_up": follow_up.id,
    }
    return Twins(a, b, pair, consultant, need_a, need_b, shared, ids)
