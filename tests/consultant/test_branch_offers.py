"""A branch's offer of help in the consultant's pipeline: new on the dashboard and the need page,
taken on and contacted like a volunteer's match, with its history and the branch's contact log."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from crm.auth.models import Role
from crm.branches.services import remove_contact
from crm.consultant.branch_record import branch_user_ids
from crm.contacts.models import ContactLogEntry, FollowUp
from crm.contacts.services import local_now, local_today
from crm.extensions import db
from crm.matches import offers
from crm.matches.models import Match, MatchTransition
from tests.consultant.factories import add_match
from tests.consultant.test_contact_moves_the_match import hidden_seen
from tests.consultant.test_dashboard import section


def words(html: str) -> str:
    """A page as a reader sees it: tags dropped, spaces collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def tabs(html: str) -> str:
    """The need page's pipeline tabs with their counts, as read."""
    return words(re.search(r'<ul class="state-tabs">.*?</ul>', html, re.S).group(0))


@pytest.fixture()
def branch(make_branch):
    return make_branch(name="Aarhus Øst", municipality="Aarhus")


@pytest.fixture()
def lene(make_user, branch):
    return make_user(
        Role.BRANCH_CONTACT, email="lene@example.org", name="Lene Kontakt", branch_id=branch.id
    )


@pytest.fixture()
def offer(app, branch, lene, make_need, make_volunteer):
    """Aarhus Øst offers help on a need, naming Sara (who shares her profile with the branch);
    the need also has one volunteer candidate, Vera."""
    need = make_need(title="Træner i lokaldemokrati", seats=1)
    add_match(need, make_volunteer(first_name="Vera", last_name="Kandidat"), score=30.0)
    sara = make_volunteer(
        first_name="Sara", last_name="Deler", branch_id=branch.id, share_with_branch=True
    )
    with app.test_request_context():
        match = offers.offer_help(
            branch, need, lene, "Vi har drevet et ungenetværk i tre år.", [sara.id]
        )
    db.session.commit()
    return need, match, sara


def moves_of(match_id: int) -> list[tuple[str, str, int | None]]:
    return db.session.execute(
        select(MatchTransition.from_state, MatchTransition.to_state, MatchTransition.user_id)
        .where(MatchTransition.match_id == match_id)
        .order_by(MatchTransition.id)
    ).all()


def test_an_offer_is_new_on_the_dashboard_and_shown_on_the_need_page(
    client, consultant, offer, branch
):
    need, match, sara = offer
    dashboard = client.get("/consultant/").get_data(as_text=True)
    assert "1 nyt tilbud om hjælp fra en afdeling" in words(dashboard)
    new = section(dashboard, "offers")
    assert f'href="/consultant/needs/{need.id}#offer-{match.id}"' in new
    assert "Aarhus Øst – Træner i lokaldemokrati" in words(new)
    assert "Vi har drevet et ungenetværk i tre år." in new

    page = client.get(f"/consultant/needs/{need.id}").get_data(as_text=True)
    card = page[page.index(f'id="offer-{match.id}"') :]
    card = card[: card.index("</li>")]
    text = words(card)
    assert "Aarhus Øst" in text and "Nyt tilbud" in text and "Lene Kontakt" in text
    assert "Vi har drevet et ungenetværk i tre år." in text
    assert f'href="/consultant/volunteers/{sara.id}?need={need.id}"' in card
    assert f'href="/consultant/branches/{branch.id}"' in card
    assert f'action="/consultant/needs/{need.id}/matches/{match.id}/next"' in card
    assert f'href="/consultant/needs/{need.id}/matches/{match.id}?tab=suggested' in card


def test_an_offer_leaves_the_volunteer_tabs_and_counts_alone(
    app, client, consultant, branch, lene, make_need, make_volunteer
):
    need = make_need()
    add_match(need, make_volunteer(first_name="Vera", last_name="Kandidat"), score=70.0)
    before = client.get(f"/consultant/needs/{need.id}").get_data(as_text=True)
    with app.test_request_context():
        offers.offer_help(branch, need, lene, "Vi kan hjælpe")
    db.session.commit()
    after = client.get(f"/consultant/needs/{need.id}").get_data(as_text=True)
    assert tabs(after) == tabs(before)
    assert "Foreslået 1" in tabs(after)
    listed = after[after.index('<ol class="candidates" start') :]
    assert "Vera Kandidat" in listed and "Aarhus Øst" not in listed
    csv = client.get(f"/consultant/needs/{need.id}/candidates.csv").get_data(as_text=True)
    assert "Vera Kandidat" in csv and "Aarhus Øst" not in csv
    found = client.get("/consultant/volunteers?state=suggested").get_data(as_text=True)
    rows = found[found.index("<tbody>") :]
    assert "Vera Kandidat" in rows and rows.count("<tr>") == 1


def test_the_consultant_takes_the_offer_on_and_contacts_the_branch(
    app, client, consultant, offer, branch
):
    need, match, _sara = offer
    with app.test_request_context():
        later = (local_now() + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    moved = client.post(
        f"/consultant/needs/{need.id}/matches/{match.id}/next",
        data={"to_state": "shortlisted", "version": match.version, "tab": "suggested"},
    )
    assert moved.status_code == 302
    assert moved.headers["Location"].endswith(f"#offer-{match.id}")
    shown = client.get(moved.headers["Location"]).get_data(as_text=True)
    assert "Aarhus Øst er flyttet til" in words(shown)
    dashboard = client.get("/consultant/").get_data(as_text=True)
    assert "0 nye tilbud om hjælp fra afdelinger" in words(dashboard)
    assert "Ingen nye tilbud." in section(dashboard, "offers")

    record = client.get(f"/consultant/branches/{branch.id}?match={match.id}")
    html = record.get_data(as_text=True)
    assert record.status_code == 200 and "lene@example.org" in html
    logged = client.post(
        f"/consultant/branches/{branch.id}/contacts-log",
        data={
            "channel": "phone",
            "direction": "out",
            "at": later,
            "summary": "Talte med Lene om ungenetværket",
            "outcome": "De stiller med to undervisere",
            "match_id": str(match.id),
            "seen": hidden_seen(html),
            "move_to": "contacted",
        },
    )
    entry = db.session.scalar(select(ContactLogEntry))
    assert logged.status_code == 302 and logged.headers["Location"].endswith(f"#{entry.anchor}")
    assert (entry.branch_id, entry.volunteer_id, entry.match_id) == (branch.id, None, match.id)
    assert [(f, t) for f, t, _u in moves_of(match.id)] == [
        ("suggested", "shortlisted"),
        ("shortlisted", "contacted"),
    ]
    assert {u for _f, _t, u in moves_of(match.id)} == {consultant.id}
    db.session.expire_all()  # what the branch contact's own page reads: the state, and back
    assert [(m.id, m.state) for m, _need in offers.offers_of_branch(branch.id)] == [
        (match.id, "contacted")
    ]

    page = client.get(f"/consultant/branches/{branch.id}").get_data(as_text=True)
    timeline = words(page[page.index('id="timeline"') :])
    assert timeline.index("Talte med Lene om ungenetværket") < timeline.index("Tilbød at hjælpe")
    assert "Kontaktet" in timeline and "Karen Konsulent" in timeline
    assert "afdelingens kontaktperson Lene Kontakt" in timeline
    offer_card = words(section(page, "offers"))
    assert "Kontaktet" in offer_card and "Historik (2 trin)" in offer_card

    step = client.get(f"/consultant/needs/{need.id}/matches/{match.id}").get_data(as_text=True)
    text = words(step)
    assert "Aarhus Øst" in text and "Tilbud fra en afdeling" in text
    assert "Vi har drevet et ungenetværk i tre år." in text
    assert "Shortlistet → Kontaktet (Karen Konsulent)" in text


def test_a_move_on_the_transition_page_records_who_when_and_why(client, consultant, offer):
    need, match, _sara = offer
    refused = client.post(
        f"/consultant/needs/{need.id}/matches/{match.id}",
        data={"to_state": "not_suitable", "version": match.version},
    )
    assert refused.status_code == 400 and "Aarhus Øst" in refused.get_data(as_text=True)
    done = client.post(
        f"/consultant/needs/{need.id}/matches/{match.id}",
        data={
            "to_state": "not_suitable",
            "version": match.version,
            "reason": "Ikke nu",
            "reason_code": "chose_another",
        },
    )
    assert done.status_code == 302 and done.headers["Location"].endswith(f"#offer-{match.id}")
    step = db.session.scalar(select(MatchTransition))
    assert (step.to_state, step.user_id, step.reason) == ("not_suitable", consultant.id, "Ikke nu")
    assert step.at is not None


def test_a_follow_up_with_the_branch_is_on_the_dashboard(app, client, consultant, offer, branch):
    with app.test_request_context():
        today = local_today()
    html = client.get(f"/consultant/branches/{branch.id}").get_data(as_text=True)
    client.post(
        f"/consultant/branches/{branch.id}/contacts-log",
        data={
            "channel": "email",
            "direction": "in",
            "at": "2026-12-01T09:00",
            "summary": "Lene skrev om datoerne",
            "match_id": "",
            "seen": hidden_seen(html),
            "move_to": "",
            "follow_up_date": (today - timedelta(days=1)).isoformat(),
            "follow_up_note": "Svar Lene",
        },
    )
    follow_up = db.session.scalar(select(FollowUp))
    assert follow_up.volunteer_id is None and follow_up.owner_id == consultant.id
    due = section(client.get("/consultant/").get_data(as_text=True), "follow-ups")
    assert f'href="/consultant/branches/{branch.id}"' in due and "Svar Lene" in due


def test_a_refused_move_logs_nothing(client, consultant, offer, branch):
    need, match, _sara = offer
    html = client.get(f"/consultant/branches/{branch.id}").get_data(as_text=True)
    data = {
        "channel": "phone",
        "direction": "out",
        "at": "2026-12-01T10:30",
        "summary": "Ringede",
        "match_id": str(match.id),
        "seen": hidden_seen(html),
        "move_to": "placed",
    }
    answer = client.post(f"/consultant/branches/{branch.id}/contacts-log", data=data)
    assert answer.status_code == 400 and "Intet blev gemt" in answer.get_data(as_text=True)
    assert db.session.scalar(select(ContactLogEntry)) is None
    assert db.session.scalar(select(Match.state).where(Match.id == match.id)) == "suggested"


def test_a_placed_offer_is_no_placement_nor_a_good_candidate(app, client, consultant, offer):
    need, match, _sara = offer
    for state in ("shortlisted", "contacted", "interested", "placed"):
        db.session.add(
            MatchTransition(
                match_id=match.id, from_state=match.state, to_state=state, user_id=consultant.id
            )
        )
        match.state = state
    db.session.commit()
    html = client.get("/consultant/").get_data(as_text=True)
    assert "0 placeringer i dette kvartal" in words(html)
    assert "Aarhus Øst" not in section(html, "placements")
    assert need.title in section(html, "short")  # one seat, and the offer does not fill it
    assert "Der er endnu ingen i forløbet." in section(html, "pipeline")


def test_the_branch_timeline_is_paged(client, consultant, branch):
    for n in range(30):
        db.session.add(
            ContactLogEntry(
                branch_id=branch.id,
                author_id=consultant.id,
                channel="phone",
                summary=f"Samtale nr. {n:02d}",
            )
        )
    db.session.commit()
    first = client.get(f"/consultant/branches/{branch.id}").get_data(as_text=True)
    assert first.count("Samtale nr.") == 25 and "Side 1 af 2" in first
    second = client.get(f"/consultant/branches/{branch.id}?page=2").get_data(as_text=True)
    assert second.count("Samtale nr.") == 5
    assert client.get("/consultant/branches/999999").status_code == 404


def test_a_removed_contacts_moves_still_read_as_the_branchs(app, make_branch, make_user, make_need):
    branch = make_branch(name="Skive")
    contact = make_user(Role.BRANCH_CONTACT, email="skive@example.org", branch_id=branch.id)
    with app.test_request_context():
        offers.offer_help(branch, make_need(), contact, "Vi kan hjælpe")
        remove_contact(contact)
        db.session.commit()
        assert contact.id in branch_user_ids(branch.id)
