"""E-mailing everyone shortlisted for a need can mark them as contacted, against what was seen."""

import re

from sqlalchemy import event, func, select, update

from crm.contacts.models import ContactLogEntry
from crm.extensions import db
from crm.matches.models import Match, MatchTransition
from tests.consultant.factories import add_match

TEXT = {"subject_da": "Om {need_title}", "body_da": "Kære {first_name}"} | {
    "subject_en": "About {need_title}",
    "body_en": "Dear {first_name}",
    "confirm": "y",
}


def hidden_shortlisted(html: str) -> str:
    tag = re.search(r'<input[^>]*name="seen"[^>]*>', html).group(0)
    return re.search(r'value="([^"]*)"', tag).group(1)


def states(*matches) -> list[str]:
    ids = [m.id for m in matches]
    rows = dict(db.session.execute(select(Match.id, Match.state).where(Match.id.in_(ids))).all())
    return [rows[i] for i in ids]


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_the_box_is_offered_ticked_with_the_list_seen(
    client, consultant, make_volunteer, make_need
):
    need = make_need()
    first = add_match(need, make_volunteer(), state="shortlisted")
    html = client.get(f"/consultant/needs/{need.id}/email").get_data(as_text=True)
    box = re.search(r'<input[^>]*name="mark_contacted"[^>]*>', html).group(0)
    assert "checked" in box and "Markér dem som kontaktet" in html
    assert hidden_shortlisted(html) == f"{first.id}:{first.version}"


def test_everyone_e_mailed_is_marked_as_contacted(
    client, consultant, make_volunteer, make_need, outbox
):
    need = make_need()
    first = add_match(need, make_volunteer(), state="shortlisted")
    second = add_match(need, make_volunteer(), state="shortlisted")
    suggested = add_match(need, make_volunteer(), state="suggested")
    url = f"/consultant/needs/{need.id}/email"
    seen = hidden_shortlisted(client.get(url).get_data(as_text=True))
    response = client.post(
        url, data=TEXT | {"seen": seen, "mark_contacted": "y"}, follow_redirects=True
    )
    html = response.get_data(as_text=True)
    assert "Logget og på vej til 2 frivillige." in html
    assert "2 match markeret som kontaktet." in html
    assert states(first, second, suggested) == ["contacted", "contacted", "suggested"]
    notes = db.session.scalars(select(MatchTransition.note)).all()
    assert notes == ["Sendt som e-mail fra værktøjet."] * 2
    assert len(outbox.messages()) == 2 and count(ContactLogEntry) == 2


def test_unticked_only_sends(client, consultant, make_volunteer, make_need, outbox):
    need = make_need()
    match = add_match(need, make_volunteer(), state="shortlisted")
    response = client.post(
        f"/consultant/needs/{need.id}/email",
        data=TEXT | {"seen": f"{match.id}:{match.version}"},
    )
    assert response.status_code == 302 and len(outbox.messages()) == 1
    assert states(match) == ["shortlisted"] and count(MatchTransition) == 0


def test_a_changed_shortlist_sends_nothing(client, consultant, make_volunteer, make_need, outbox):
    need = make_need()
    first = add_match(need, make_volunteer(), state="shortlisted")
    url = f"/consultant/needs/{need.id}/email"
    seen = hidden_shortlisted(client.get(url).get_data(as_text=True))
    newcomer = add_match(need, make_volunteer(first_name="Nykommer"), state="shortlisted")
    response = client.post(url, data=TEXT | {"seen": seen, "mark_contacted": "y"})
    assert response.status_code == 409
    html = response.get_data(as_text=True)
    assert "Intet blev sendt: shortlisten har ændret sig" in html and "Nykommer" in html
    assert outbox.messages() == [] and count(ContactLogEntry) == 0 and count(MatchTransition) == 0
    # Sent again from the page as it is now, it goes to both.
    fresh = hidden_shortlisted(html)
    assert set(fresh.split()) == {f"{first.id}:{first.version}", f"{newcomer.id}:1"}
    response = client.post(url, data=TEXT | {"seen": fresh, "mark_contacted": "y"})
    assert response.status_code == 302
    assert states(first, newcomer) == ["contacted", "contacted"]


def test_a_change_while_sending_keeps_the_log_and_moves_nothing(
    client, consultant, make_volunteer, make_need, outbox, monkeypatch
):
    """Someone moves a match while the e-mails go out: the e-mails stay logged, no match moves."""
    from crm.contacts import sending

    need = make_need()
    first = add_match(need, make_volunteer(), state="shortlisted")
    second = add_match(need, make_volunteer(), state="shortlisted")
    real_queue = sending.queue_mail

    def queue_while_someone_else_edits(*args, **kwargs):
        db.session.execute(
            update(Match).where(Match.id == second.id).values(version=Match.version + 1)
        )
        return real_queue(*args, **kwargs)

    monkeypatch.setattr(sending, "queue_mail", queue_while_someone_else_edits)
    seen = f"{first.id}:{first.version} {second.id}:{second.version}"
    response = client.post(
        f"/consultant/needs/{need.id}/email",
        data=TEXT | {"seen": seen, "mark_contacted": "y"},
        follow_redirects=True,
    )
    html = response.get_data(as_text=True)
    assert "Logget og på vej til 2 frivillige." in html
    assert "men matchene kunne ikke markeres som kontaktet" in html
    assert count(ContactLogEntry) == 2 and len(outbox.messages()) == 2
    assert states(first, second) == ["shortlisted", "shortlisted"] and count(MatchTransition) == 0


def test_the_marked_pairs_are_taken_before_the_commit_not_reloaded_one_by_one(
    client, consultant, make_volunteer, make_need, outbox
):
    need = make_need()
    for _ in range(3):
        add_match(need, make_volunteer(), state="shortlisted")
    url = f"/consultant/needs/{need.id}/email"
    seen = hidden_shortlisted(client.get(url).get_data(as_text=True))
    statements: list[str] = []

    def record(conn, cursor, statement, *args):
        statements.append(" ".join(statement.split()))

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        client.post(url, data=TEXT | {"seen": seen, "mark_contacted": "y"})
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    reloads = [
        s
        for s in statements
        if s.startswith("SELECT") and re.search(r"WHERE (volunteer|match)\.id = \?$", s)
    ]
    assert reloads == []
    assert len(outbox.messages()) == 3
