"""Fixtures for the branch contact's pages: a contact of a new branch, members; two branches with
members who share and who do not (for the privacy walk)."""

from dataclasses import dataclass, field

import pytest

from crm.auth.models import Role
from crm.models import Volunteer, VolunteerLanguage, VolunteerSkill
from tests.consultant.factories import add_match, add_transition


@pytest.fixture()
def contact(make_user, make_branch):
    """make_contact(branch=None) → (branch, contact user) for a new or given branch."""

    def make(branch=None, **fields):
        branch = branch or make_branch(**fields)
        return branch, make_user(Role.BRANCH_CONTACT, branch_id=branch.id)

    return make


@pytest.fixture()
def make_member(db, make_volunteer):
    """A consenting member of `branch`; shares with it unless told; languages as (code, level)."""

    def make(branch, share=True, languages=(), **fields):
        volunteer = make_volunteer(branch_id=branch.id, share_with_branch=share, **fields)
        volunteer.languages = [VolunteerLanguage(code=c, level=lv) for c, lv in languages]
        db.session.commit()
        return volunteer

    return make


@dataclass
class Branches:
    """Branch A (ours) and branch B (another), their contacts and members by kind."""

    a: object
    b: object
    contact_a: object
    contact_b: object
    sharing: list = field(default_factory=list)
    """Members of A who share their profile with A."""
    hidden: list = field(default_factory=list)
    """Members of A who do not share (or whose consent is not current)."""
    other_branch: list = field(default_factory=list)
    """Members of B, whether they share or not."""
    needs: list = field(default_factory=list)


@pytest.fixture()
def add_member(make_volunteer):
    """A member of `branch`: add_member(branch, "Sofie", "Deler", share=True, ...)."""
    counter = iter(range(10, 100))

    def add(branch, first, last, share=False, **fields):
        n = next(counter)
        fields.setdefault("phone", f"+45 20 {n} 11 {n}")
        fields.setdefault("city", "Aarhus")
        return make_volunteer(
            email=f"{first.lower()}.{last.lower()}@example.org",
            first_name=first,
            last_name=last,
            branch_id=branch.id,
            share_with_branch=share,
            **fields,
        )

    return add


@pytest.fixture()
def branches(db, make_branch, make_user, make_project, make_need, add_member):
    """Two branches with members of every kind, each involved in the projects in every way."""
    a = make_branch(name="Aarhus Øst", municipality="Aarhus")
    b = make_branch(name="Odense Syd", municipality="Odense", region="Syddanmark")
    world = Branches(
        a=a,
        b=b,
        contact_a=make_user(Role.BRANCH_CONTACT, branch_id=a.id, name="Anna Kontakt"),
        contact_b=make_user(Role.BRANCH_CONTACT, branch_id=b.id, name="Bo Kontakt"),
    )
    kenya = make_project(title="Lokaldemokrati i Kenya")
    nepal = make_project(title="Unge i politik i Nepal")
    trainer = make_need(project=kenya, title="Træner i lokaldemokrati")
    mentor = make_need(project=nepal, title="Mentor for ungdomsnetværk")
    world.needs = [trainer, mentor]

    sofie = add_member(a, "Sofie", "Delersen", share=True)
    soren = add_member(a, "Søren", "Delbæk", share=True)
    db.session.add(VolunteerSkill(volunteer_id=sofie.id, area="youth-networks", level=3))
    db.session.add(VolunteerLanguage(volunteer_id=sofie.id, code="en", level="C1"))
    world.sharing = [sofie, soren]

    world.hidden = [
        add_member(a, "Hemmelig", "Tavsholm"),
        add_member(a, "Skjult", "Lukkeby"),
        add_member(a, "Privat", "Gemmested"),
        add_member(a, "Diskret", "Stilleborg"),
        # ticked "share", but has not accepted the consent text now in force
        add_member(a, "Gammel", "Forældetsen", share=True, consent_version="2020-01"),
    ]
    world.other_branch = [
        add_member(b, "Fremmed", "Fjernholm", share=True),
        add_member(b, "Anden", "Udenbys"),
    ]
    people = world.sharing + world.hidden + world.other_branch
    for person, need, state in [
        (sofie, trainer, "shortlisted"),
        (soren, mentor, "completed"),
        (world.hidden[0], trainer, "suggested"),
        (world.hidden[1], mentor, "completed"),
        (world.hidden[2], trainer, "placed"),
        (world.other_branch[0], trainer, "completed"),
        (world.other_branch[1], mentor, "placed"),
    ]:
        asks = state in ("suggested", "shortlisted")
        asked = {"interested_at": person.created_at} if asks else {}
        match = add_match(need, person, state=state, **asked)
        if state == "completed":
            add_transition(match, "placed", "completed", note="Fortrolig note om forløbet")
    assert len({p.id for p in people}) == len(people)
    db.session.commit()
    return world


def identifying(people: list[Volunteer]) -> list[str]:
    """The strings that would give each person away: name, e-mail and phone number."""
    found = []
    for person in people:
        found += [person.full_name, person.email, person.phone, person.last_name]
    return found
