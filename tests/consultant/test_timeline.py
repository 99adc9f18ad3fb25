"""The record's one timeline: contacts, pipeline moves, follow-ups and interest, newest first."""

import re
from datetime import UTC, datetime, timedelta

from sqlalchemy import event

from crm.contacts.models import FollowUp
from crm.extensions import db
from tests.consultant.factories import (
    add_contact,
    add_follow_up,
    add_match,
    add_signal,
    add_transition,
)

T0 = datetime(2026, 3, 1, 9, tzinfo=UTC)


def timeline_of(html: str) -> str:
    return html[html.index('id="timeline"') :]


def test_contacts_moves_follow_ups_and_interest_in_one_newest_first_list(
    client, consultant, make_volunteer, make_need
):
    mette = make_volunteer(first_name="Mette", last_name="Hansen")
    match = add_match(
        make_need(title="Kampagnetræner"),
        mette,
        state="contacted",
        interested_at=T0 + timedelta(days=5),
    )
    add_signal(match, "asked", at=T0 + timedelta(days=5))
    add_transition(
        match, "suggested", "shortlisted", at=T0, user=consultant, note="Stærk på kampagner"
    )
    add_contact(mette, consultant, "Ringede om Kenya", at=T0 + timedelta(days=1), match_id=match.id)
    add_transition(match, "shortlisted", "contacted", at=T0 + timedelta(days=2), user=consultant)
    lone = add_follow_up(consultant, T0.date() + timedelta(days=9), mette, note="Ring igen")
    lone.created_at = T0 + timedelta(days=3)
    lone.done_at = T0 + timedelta(days=4)
    db.session.commit()

    html = timeline_of(client.get(f"/consultant/volunteers/{mette.id}").get_data(as_text=True))
    order = [
        "Meldte sig til opgaven:",  # day 5, by the volunteer
        "markeret som klaret",  # day 4: the follow-up was done
        "Ring igen",  # day 3: ... and made (its note shows in both)
        "Shortlistet → <strong>Kontaktet</strong>",  # day 2
        "Ringede om Kenya",  # day 1
        "Foreslået → <strong>Shortlistet</strong>",  # day 0
    ]
    positions = [html.index(text) for text in order]
    assert positions == sorted(positions)
    # Moves and contacts say which need they were about, moves who made them and why.
    assert html.count(">Kampagnetræner</a>") == 4
    assert "Om: <a" in html and "Stærk på kampagner" in html and "Karen Konsulent" in html
    assert html.count("af den frivillige") == 1  # the request; every move was the consultant's


def test_pages_run_across_every_kind_without_gaps_or_repeats(
    client, consultant, make_volunteer, make_need
):
    mette = make_volunteer()
    match = add_match(make_need(title="Kampagnetræner"), mette, state="shortlisted")
    for i in range(20):  # contacts on even hours, moves on odd ones: 40 events, interleaved
        add_contact(mette, consultant, f"Opkald {2 * i:02d}", at=T0 + timedelta(hours=2 * i))
        add_transition(
            match,
            "suggested",
            "shortlisted",
            at=T0 + timedelta(hours=2 * i + 1),
            note=f"Trin {2 * i + 1:02d}",
        )
    seen = []
    for page in (1, 2):
        html = client.get(f"/consultant/volunteers/{mette.id}?page={page}").get_data(as_text=True)
        seen += [int(n) for n in re.findall(r"(?:Opkald|Trin) (\d\d)", timeline_of(html))]
    assert seen == list(range(39, -1, -1))
    assert "Side 2 af 2" in html


def count_queries(client, url: str) -> int:
    statements = []

    def record(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        assert client.get(url).status_code == 200
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    return len(statements)


def test_a_long_history_costs_no_more_queries_than_a_short_one(
    client, consultant, make_volunteer, make_need
):
    short, long = make_volunteer(), make_volunteer()
    for volunteer, n in ((short, 2), (long, 120)):
        match = add_match(make_need(title=f"Behov {n}"), volunteer, state="shortlisted")
        for i in range(n):
            at = T0 + timedelta(minutes=i)
            entry = add_contact(volunteer, consultant, f"Opkald {i}", at=at, match_id=match.id)
            add_transition(match, "suggested", "shortlisted", at=at, user=consultant)
            db.session.add(
                FollowUp(
                    owner_id=consultant.id,
                    volunteer_id=volunteer.id,
                    contact_id=entry.id if i % 2 else None,
                    due_date=at.date(),
                    done_at=at,
                )
            )
        db.session.commit()
    # At most one query per kind of event on the page, however long the history (five of the
    # 21: the consent text version in force, read once per request for the consent status; the
    # outbox messages of the page's e-mails, which say whether each went out; the placements'
    # activity reports; the completed placements' debriefs; the records merged into this one).
    few = count_queries(client, f"/consultant/volunteers/{short.id}")
    assert count_queries(client, f"/consultant/volunteers/{long.id}") <= few <= 21


def test_an_e_mail_from_the_tool_shows_its_subject_and_the_text_as_sent(
    client, consultant, make_volunteer, outbox
):
    mette = make_volunteer(first_name="Mette")
    client.post(
        f"/consultant/volunteers/{mette.id}/email",
        data={"subject": "Opgaven i Kenya", "body": "Kære {first_name}\n\nVil du være med?"},
    )
    html = timeline_of(client.get(f"/consultant/volunteers/{mette.id}").get_data(as_text=True))
    assert "<strong>Opgaven i Kenya</strong>" in html
    body = html[html.index('class="email-body"') :]
    assert "Vis e-mailen, som den blev sendt" in body
    assert "Kære Mette" in body and "Vil du være med?" in body
