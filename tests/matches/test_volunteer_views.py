"""The volunteer's "Needs for me" page: ranked, explained, asking to take part, private."""

from datetime import date

import pytest
from sqlalchemy import select

from crm.auth.models import Role
from crm.matches import adapter, refresh
from crm.matching import score
from crm.models import (
    ExperienceEntry,
    Match,
    MatchTransition,
    NeedCountry,
    User,
    VolunteerCountry,
    VolunteerLanguage,
    VolunteerSkill,
)

from .conftest import words


@pytest.fixture()
def me(make_volunteer, db, auth):
    """A logged-in, consented volunteer: local democracy (4), English C1, knows Kenya."""
    v = make_volunteer(
        email="mette@example.org",
        first_name="Mette",
        available_from=date(2027, 1, 1),
        available_to=date(2027, 12, 31),
        hours_per_month=10,
        travel="short",
    )
    v.experience = [ExperienceEntry(area="local-democracy", level=4)]
    v.skills = [VolunteerSkill(area="local-democracy", level=4, source="declared")]
    v.languages = [VolunteerLanguage(code="en", level="C1")]
    v.countries = [VolunteerCountry(code="KE")]
    db.session.commit()
    auth.login("mette@example.org")
    return v


@pytest.fixture()
def needs(make_need, make_project, db):
    """A good fit, a weaker fit, one excluded by language, one in a planning project."""
    project = make_project(title="Lokaldemokrati i Kenya")
    good = make_need(project=project, title="Byrådstræner", hours_per_month=8)
    good.countries = [NeedCountry(code="KE")]
    weaker = make_need(project=project, title="Kampagnerådgiver", skills=(("campaigning", 2, 1),))
    excluded = make_need(
        project=project, title="Fransktalende træner", languages=(("fr", "C1", True),)
    )
    hidden = make_need(project=make_project(status="planning"), title="Hemmelig plan")
    db.session.commit()
    return good, weaker, excluded, hidden


def page(client, **query) -> str:
    response = client.get("/me/needs/", query_string=query)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_ranked_with_reasons_in_danish(client, me, needs):
    good, weaker, excluded, hidden = needs
    html = page(client)
    assert "Opgaver til mig" in html
    assert html.index("Byrådstræner") < html.index("Kampagnerådgiver")
    assert "Fransktalende træner" not in html and "Hemmelig plan" not in html
    text = words(html)
    assert "Lokaldemokrati og kommunalpolitik: niveau 4, behov mindst 2: 55,6 af 55,6 point" in text
    assert "Kender Kenya: 14,8 af 14,8 point" in text
    assert "Jeg vil gerne være med" in html


def test_ranked_with_reasons_in_english(client, me, needs, db):
    user = db.session.scalar(select(User).where(User.email == "mette@example.org"))
    user.locale = "en"
    db.session.commit()
    html = page(client)
    assert "Needs for me" in html and "Why it fits you" in html
    assert (
        "Local democracy and local government: level 4, at least 2 needed: 55.6 of 55.6 points"
        in words(html)
    )
    assert "Good match" in html
    assert "I would like to take part" in html


def test_the_fit_reads_in_words_never_as_a_grade(client, me, needs, db):
    good, weaker = needs[0], needs[1]
    html = page(client)
    card = html[html.index(f'id="need-{good.id}"') : html.index(f'id="need-{weaker.id}"')]
    assert "God match" in card
    assert "Mulig match" in html[html.index(f'id="need-{weaker.id}"') :]
    assert "af 100" not in html and "0–100" not in html and "fra 0 til 100" not in html
    result = score(adapter.candidate_for(me), adapter.need_spec_for(good))
    assert f"{result.score:.1f}".replace(".", ",") not in card  # the number stays off


def test_a_skill_read_from_text_says_from_your_description(client, me, needs, db):
    me.skills.append(VolunteerSkill(area="campaigning", level=2, confidence=0.88, source="text"))
    db.session.commit()
    text = words(page(client))
    assert "Valgkamp og kampagner: niveau 2 fra din beskrivelse, behov mindst 2:" in text
    assert "sikkert" not in text and "lignende ord" not in text and "88" not in text


def test_interested_creates_the_match_and_keeps_it(client, me, needs, db):
    good = needs[0]
    response = client.post(f"/me/needs/{good.id}/ask")
    assert response.status_code == 302
    match = db.session.scalar(select(Match).where(Match.volunteer_id == me.id))
    assert match.need_id == good.id and match.interested_at is not None
    assert match.state == "suggested" and match.score > 0 and match.explanation
    html = page(client)
    assert "Du meldte dig til opgaven den" in html and "Træk min tilmelding tilbage" in html
    refresh.rematch_all()  # a full rematch keeps it, whatever the threshold
    db.session.commit()
    db.session.expire_all()
    assert db.session.get(Match, match.id).interested_at is not None


def test_interested_after_contact_moves_the_pipeline(client, me, needs, db, make_user):
    good = needs[0]
    db.session.add(Match(need_id=good.id, volunteer_id=me.id, score=80.0, state="contacted"))
    db.session.commit()
    assert client.post(f"/me/needs/{good.id}/ask").status_code == 302
    db.session.expire_all()
    match = db.session.scalar(select(Match).where(Match.volunteer_id == me.id))
    assert match.state == "interested" and match.interested_at is not None
    step = db.session.scalar(select(MatchTransition))
    assert (step.from_state, step.to_state) == ("contacted", "interested")
    html = page(client)
    assert "Opgaver, hvor du er i spil" in html and "Interesseret" in html


def test_interest_in_a_hidden_or_excluded_state_need(client, me, needs):
    hidden = needs[3]
    assert client.post(f"/me/needs/{hidden.id}/ask").status_code == 404
    assert client.post("/me/needs/999999/ask").status_code == 404
    assert client.get(f"/me/needs/{hidden.id}/ask").status_code == 405


def test_consent_is_required(client, db, me, needs):
    me = db.session.get(type(me), me.id)
    me.consent_at = None
    db.session.commit()
    html = page(client)
    assert "Giv dit samtykke" in html and "Byrådstræner" not in html
    assert client.post(f"/me/needs/{needs[0].id}/ask").status_code == 302
    assert db.session.scalar(select(Match)) is None


def test_other_volunteers_and_notes_are_never_shown(client, me, needs, db, make_volunteer):
    good = needs[0]
    other = make_volunteer(first_name="Zenia", last_name="Hemmelig")
    db.session.add(Match(need_id=good.id, volunteer_id=other.id, score=99.0, state="placed"))
    mine = Match(need_id=needs[1].id, volunteer_id=me.id, score=50.0, state="shortlisted")
    db.session.add(mine)
    db.session.flush()
    db.session.add(
        MatchTransition(
            match_id=mine.id, from_state="suggested", to_state="shortlisted", note="Intern note XYZ"
        )
    )
    db.session.commit()
    html = page(client, all="1")
    assert "Zenia" not in html and "Hemmelig" not in html and "Intern note XYZ" not in html
    assert "Opgaver, hvor du er i spil" in html and "Shortlistet" in html


@pytest.mark.parametrize("role", [Role.CONSULTANT, Role.ADMIN, Role.BRANCH_CONTACT])
def test_staff_and_branch_contacts_get_403(client, auth, make_user, make_branch, role, needs):
    fields = {"branch_id": make_branch().id} if role == Role.BRANCH_CONTACT else {}
    user = make_user(role, **fields)
    auth.login(user.email)
    assert client.get("/me/needs/").status_code == 403
    assert client.post(f"/me/needs/{needs[0].id}/ask").status_code == 403


def test_anonymous_is_sent_to_login(client, needs):
    response = client.get("/me/needs/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert client.post(f"/me/needs/{needs[0].id}/ask").status_code == 302
