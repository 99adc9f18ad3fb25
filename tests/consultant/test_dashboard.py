"""The dashboard: due, new, interested, needs short of candidates, placements and the chart."""

import re
from datetime import UTC, datetime, timedelta

from crm.auth.models import Role, User
from crm.consultant import services
from crm.consultant.dashboard import quarter_start
from crm.contacts.services import local_today
from crm.extensions import db
from tests.consultant.factories import add_follow_up, add_match, add_transition


def section(html: str, heading_id: str) -> str:
    start = html.index(f'id="{heading_id}"')
    end = html.find("</section>", start)
    return html[start:end]


def test_follow_ups_due_today_and_overdue_mine_first(
    app, client, consultant, make_user, make_volunteer
):
    colleague = make_user(Role.CONSULTANT, name="Kurt Kollega")
    with app.test_request_context():
        today = local_today()
    mette = make_volunteer(first_name="Mette", last_name="Hansen")
    add_follow_up(colleague, today - timedelta(days=3), mette, note="Kollegas gamle")
    add_follow_up(consultant, today, mette, note="Ring i dag")
    add_follow_up(consultant, today - timedelta(days=1), mette, note="Ring i går")
    add_follow_up(consultant, today + timedelta(days=1), mette, note="Ring i morgen")
    add_follow_up(consultant, today - timedelta(days=1), mette, note="Allerede klaret", done=True)
    html = client.get("/consultant/").get_data(as_text=True)
    due = section(html, "follow-ups")
    notes = re.findall(
        r"<br>(Ring i dag|Ring i går|Kollegas gamle|Ring i morgen|Allerede klaret)", due
    )
    assert notes == ["Ring i går", "Ring i dag", "Kollegas gamle"]
    assert "for sent" in due and "i dag" in due and "Kurt Kollega" in due


def test_imported_people_are_new_only_once_they_claim_their_profile(
    client, db, consultant, make_volunteer
):
    make_volunteer(first_name="Tilmeldt")
    imported = make_volunteer(first_name="Importeret", imported_at=datetime.now(UTC))
    new = section(client.get("/consultant/").get_data(as_text=True), "new")
    assert "Tilmeldt" in new and "Importeret" not in new
    imported.claimed_at = datetime.now(UTC)
    db.session.commit()
    assert "Importeret" in section(client.get("/consultant/").get_data(as_text=True), "new")


def test_new_volunteers_stay_new_until_marked_as_seen(client, consultant, make_volunteer):
    make_volunteer(first_name="Gammel", created_at=datetime.now(UTC) - timedelta(days=30))
    make_volunteer(first_name="Ny")
    html = client.get("/consultant/").get_data(as_text=True)
    assert "Ny " in section(html, "new") and "Gammel" not in section(html, "new")
    assert "de seneste syv dage" in section(html, "new")
    # Reading the dashboard changes nothing: a reload still lists the new volunteer.
    assert db.session.get(User, consultant.id).last_dashboard_at is None
    html = client.get("/consultant/").get_data(as_text=True)
    assert "Ny " in section(html, "new")
    until = re.search(r'name="until" type="hidden" value="([^"]+)"', html).group(1)
    response = client.post("/consultant/new-volunteers/seen", data={"until": until})
    assert response.status_code == 302 and response.location.endswith("/consultant/#new")
    db.session.expire_all()
    assert db.session.get(User, consultant.id).last_dashboard_at is not None
    html = client.get("/consultant/").get_data(as_text=True)
    assert "Ingen nye frivillige." in section(html, "new")
    assert "De nye frivillige er markeret som set." in html
    # Someone who registers afterwards is new again.
    make_volunteer(first_name="Nyere")
    html = client.get("/consultant/").get_data(as_text=True)
    assert "Nyere " in section(html, "new")


def test_mark_as_seen_keeps_those_who_registered_after_the_page_was_drawn(
    client, consultant, make_volunteer
):
    drawn = datetime.now(UTC) - timedelta(minutes=5)
    make_volunteer(first_name="Imens", created_at=drawn + timedelta(minutes=1))
    client.post("/consultant/new-volunteers/seen", data={"until": drawn.isoformat()})
    assert "Imens " in section(client.get("/consultant/").get_data(as_text=True), "new")
    # A malformed or future moment counts as now; the marker never moves backwards.
    client.post("/consultant/new-volunteers/seen", data={"until": "not a time"})
    assert "Ingen nye frivillige." in section(
        client.get("/consultant/").get_data(as_text=True), "new"
    )
    db.session.expire_all()
    marker = db.session.get(User, consultant.id).last_dashboard_at
    client.post("/consultant/new-volunteers/seen", data={"until": drawn.isoformat()})
    db.session.expire_all()
    assert db.session.get(User, consultant.id).last_dashboard_at == marker


def test_mark_as_seen_with_an_unrepresentable_moment_counts_as_now(client, consultant):
    # Year 1 at +01:00 is in year 0 in UTC: it cannot be stored, so it is ignored (not a 500).
    for until in ("0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00"):
        before = datetime.now(UTC)
        response = client.post("/consultant/new-volunteers/seen", data={"until": until})
        assert response.status_code == 302
        db.session.expire_all()
        assert db.session.get(User, consultant.id).last_dashboard_at >= before


def test_the_marker_is_clamped_between_where_the_list_started_and_now(app, consultant):
    with app.test_request_context():
        user = db.session.get(User, consultant.id)
        now = datetime.now(UTC)
        # First visit: no earlier than a week ago, however far back `until` says.
        marker = services.mark_new_volunteers_seen(user, datetime(1000, 1, 1, tzinfo=UTC))
        assert now - timedelta(days=7, seconds=5) < marker < now - timedelta(days=6, hours=23)
        # Never past now.
        marker = services.mark_new_volunteers_seen(user, datetime(9000, 1, 1, tzinfo=UTC))
        assert now <= marker <= datetime.now(UTC)
        # Never before the previous marker.
        assert services.mark_new_volunteers_seen(user, now - timedelta(days=3)) == marker
        assert user.last_dashboard_at == marker


def test_awaiting_answer_short_needs_and_placements(
    client, consultant, make_volunteer, make_need, make_project
):
    project = make_project(title="Kenya-projektet")
    short = make_need(project=project, title="Kampagnetræner", seats=2)
    full = make_need(project=project, title="Fuldt besat", seats=1)
    mette = make_volunteer(first_name="Mette", last_name="Hansen")
    ole = make_volunteer(first_name="Ole", last_name="Olsen")
    answered = make_volunteer(first_name="Anne", last_name="Besvaret")
    asked = add_match(short, mette, state="shortlisted", score=30, interested_at=datetime.now(UTC))
    add_match(full, answered, state="contacted", interested_at=datetime.now(UTC))
    add_match(short, ole, score=90, excluded=True)  # excluded: not a good candidate
    placed = add_match(full, ole, state="placed", score=70)
    add_transition(placed, "interested", "placed", user=consultant)
    html = client.get("/consultant/").get_data(as_text=True)
    awaiting = section(html, "awaiting")
    assert "Mette Hansen" in awaiting and "Anne Besvaret" not in awaiting
    assert f"tab=shortlisted#match-{asked.id}" in awaiting
    needs = section(html, "short")
    assert "Kampagnetræner" in needs and "Fuldt besat" not in needs
    assert re.search(
        r"Kampagnetræner</a></td>\s*<td>Kenya-projektet</td>\s*<td>2</td>\s*<td>1</td>", needs
    )
    assert "Ole Olsen" in section(html, "placements")


def test_last_quarters_placements_do_not_count(app, client, consultant, make_volunteer, make_need):
    with app.test_request_context():
        start = quarter_start(local_today())
    match = add_match(make_need(), make_volunteer(first_name="Gammel"), state="placed")
    add_transition(
        match,
        "interested",
        "placed",
        at=datetime(start.year, start.month, start.day, tzinfo=UTC) - timedelta(days=2),
    )
    html = client.get("/consultant/").get_data(as_text=True)
    assert "Ingen placeringer endnu i dette kvartal." in section(html, "placements")


def test_quarter_start():
    from datetime import date

    assert quarter_start(date(2026, 11, 28)) == date(2026, 10, 1)
    assert quarter_start(date(2027, 3, 31)) == date(2027, 1, 1)
    assert quarter_start(date(2027, 4, 1)) == date(2027, 4, 1)


def test_pipeline_chart_has_a_text_alternative(
    client, consultant, make_volunteer, make_need, make_project
):
    project = make_project(title="Lokaldemokrati i Kenya")
    need = make_need(project=project)
    for state in ("shortlisted", "shortlisted", "contacted", "placed", "suggested"):
        add_match(need, make_volunteer(), state=state)
    html = client.get("/consultant/").get_data(as_text=True)
    chart = section(html, "pipeline")
    assert "<svg" in chart and 'role="img"' in chart and "<title" in chart
    assert 'fill="url(#pat-shortlisted)"' in chart  # patterns, not colour alone
    table = chart[chart.index("<table") :]
    row = re.search(r"<th scope=\"row\">Lokaldemokrati i Kenya</th>(.*?)</tr>", table, re.S).group(
        1
    )
    assert re.findall(r"<td>(\d+)</td>", row) == ["2", "1", "0", "1", "0", "4"]


def test_empty_dashboard(client, consultant):
    html = client.get("/consultant/").get_data(as_text=True)
    assert "Intet forfalder." in html and "Der er endnu ingen i forløbet." in html


def test_every_number_in_the_chart_sits_on_a_white_pill(
    client, consultant, make_volunteer, make_need, make_project
):
    need = make_need(project=make_project(title="Lokaldemokrati i Kenya"))
    for state in ("shortlisted",) * 12 + ("contacted", "contacted", "placed"):
        add_match(need, make_volunteer(), state=state)
    chart = section(client.get("/consultant/").get_data(as_text=True), "pipeline")
    labels = re.findall(
        r'<rect x="(-[\d.]+)" width="([\d.]+)" height="18" rx="9.0" class="chart-pill"/>\s*'
        r'<text [^>]*class="chart-count">(\d+)</text>',
        chart,
    )
    assert [count for _x, _w, count in labels] == ["12", "2", "1"]
    # Centred on its segment, wide enough for its digits; dark digits on white, whatever the bar.
    assert all(float(x) == -float(w) / 2 and float(w) >= 10 + 7 * len(c) for x, w, c in labels)
    with client.get("/static/css/app.css") as response:
        css = response.get_data(as_text=True)
    assert ".chart-count { font: bold 12px system-ui, sans-serif; fill: #1d2330; }" in css
    assert ".chart-pill { fill: #fff;" in css
