"""Who reaches which route: one table for every rule in app.url_map, walked for every kind of user.

A route added without a row here fails test_every_route_has_a_row, so nobody forgets to decide
who may use it. Each rule is requested with GET, or with an empty POST when it takes only POST
(the suite runs without CSRF tokens, so the access check itself answers; test_csrf.py pins the
token check). Path variables are filled with the fixture objects below; the objects belong to
"volunteer", and "other volunteer" is a second volunteer with a profile but no match.
"""

from datetime import date

import pytest
from sqlalchemy import select

from crm.api.tokens import create_token
from crm.auth.models import Role, User
from crm.contacts import email_templates
from crm.contacts.services import log_contact
from crm.models import ConsentText, ImportBatch, Volunteer
from crm.outbox.writer import queue_mail
from crm.results.models import OutcomeArea
from tests.activities.factories import add_report
from tests.consultant.factories import add_follow_up, add_match
from tests.duplicates.factories import merge_now, queue_pair

LOGIN = "login"
"""302 to the login page (Flask-Login's answer to an anonymous visitor)."""

API = (401, 401, 401, 401, 401, 401, 401)
"""An API route: refused to every session cookie, and without one (a bearer token only)."""

USERS = (
    "anonymous",
    "volunteer",
    "other volunteer",
    "branch contact",
    "other branch contact",
    "consultant",
    "admin",
)

# rule: expected answer for (anonymous, volunteer, other volunteer, branch contact, other branch
# contact, consultant, admin). The objects belong to the volunteer and the first branch; a branch
# page never takes a branch id, so the other branch's contact reaches the same pages, each
# showing their own branch (tests/branches/test_privacy.py checks what they see). Elsewhere a
# branch contact fares as a logged-in user without a volunteer profile. An empty POST that gets
# through the access check is refused as an incomplete form (400), or goes through where the form
# is no more than its token (302).
EXPECTED: dict[str, tuple[int | str, ...]] = {
    # Public pages
    "/": (200, 200, 200, 200, 200, 200, 200),
    "/p/<int:project_id>": (200, 200, 200, 200, 200, 200, 200),
    "/static/<path:filename>": (200, 200, 200, 200, 200, 200, 200),
    "/language": (302, 302, 302, 302, 302, 302, 302),
    "/privacy": (200, 200, 200, 200, 200, 200, 200),
    # An e-mail's unsubscribe link: no login, the signed token is the key (not valid here)
    "/unsubscribe/<token>": (404, 404, 404, 404, 404, 404, 404),
    "/health": (200, 200, 200, 200, 200, 200, 200),
    # Accounts
    "/register": (200, 302, 302, 302, 302, 302, 302),
    "/login": (200, 302, 302, 302, 302, 302, 302),
    "/logout": (LOGIN, 302, 302, 302, 302, 302, 302),
    "/confirm/<token>": (
        LOGIN,
        LOGIN,
        LOGIN,
        LOGIN,
        LOGIN,
        LOGIN,
        LOGIN,
    ),  # a link that is not valid
    "/forgot-password": (200, 200, 200, 200, 200, 200, 200),
    "/reset-password/<token>": (302, 302, 302, 302, 302, 302, 302),
    "/account/password": (LOGIN, 200, 200, 200, 200, 200, 200),
    "/invitation/<token>": (400, 400, 400, 400, 400, 400, 400),  # a link that is not valid
    "/claim/<token>": (400, 400, 400, 400, 400, 400, 400),  # an imported profile's, not valid
    # The volunteer's own pages
    "/me/": (LOGIN, 200, 200, 403, 403, 403, 403),
    "/me/profile": (LOGIN, 302, 302, 403, 403, 403, 403),
    "/me/profile/<step>": (LOGIN, 200, 200, 403, 403, 403, 403),
    "/me/consent/withdraw": (LOGIN, 302, 302, 403, 403, 403, 403),
    "/me/export.json": (LOGIN, 200, 200, 403, 403, 403, 403),
    "/me/data": (LOGIN, 200, 200, 403, 403, 403, 403),
    "/me/delete": (LOGIN, 200, 200, 403, 403, 403, 403),
    "/me/reading": (LOGIN, 400, 400, 403, 403, 403, 403),
    "/me/email-choices": (LOGIN, 422, 422, 403, 403, 403, 403),  # an empty form: no choice
    "/me/needs/": (LOGIN, 200, 200, 403, 403, 403, 403),
    "/me/needs/<int:need_id>/ask": (LOGIN, 302, 302, 403, 403, 403, 403),
    "/me/needs/<int:need_id>/take-back": (LOGIN, 302, 302, 403, 403, 403, 403),
    # The debrief of the volunteer's own completed placement (another volunteer's: 404)
    "/me/debriefs/<int:placement_id>": (LOGIN, 200, 404, 403, 403, 403, 403),
    # The volunteer's placements and activity reports: their own only (the other volunteer: 404;
    # after withdrawing consent, 403 to reporting: tests/activities/test_who_reports.py)
    "/me/activities/placements/<int:placement_id>": (LOGIN, 200, 404, 403, 403, 403, 403),
    "/me/activities/placements/<int:placement_id>/report": (LOGIN, 200, 404, 403, 403, 403, 403),
    "/me/activities/reports/<int:report_id>": (LOGIN, 200, 404, 403, 403, 403, 403),
    # The branch contact's own pages (B-contact): the branch is always the contact's own, never
    # an id from the request, so no other branch can be asked for
    "/branch/": (LOGIN, 403, 403, 200, 200, 403, 403),
    "/branch/experience": (LOGIN, 403, 403, 200, 200, 403, 403),
    "/branch/experience/reading": (LOGIN, 403, 403, 400, 400, 403, 403),
    "/branch/needs/<int:need_id>/offer": (LOGIN, 403, 403, 200, 200, 403, 403),
    "/branch/offers": (LOGIN, 403, 403, 200, 200, 403, 403),
    # The branch contact's pages: our members and the report back (no id in the URL: a contact
    # of another branch sees their own branch; tests/branches/test_privacy.py walks the rest)
    "/branch/members": (LOGIN, 403, 403, 200, 200, 403, 403),
    "/branch/report": (LOGIN, 403, 403, 200, 200, 403, 403),
    # Staff: projects and needs
    "/projects/": (LOGIN, 403, 403, 403, 403, 200, 200),
    "/projects/new": (LOGIN, 403, 403, 403, 403, 200, 200),
    "/projects/<int:project_id>": (LOGIN, 403, 403, 403, 403, 200, 200),
    "/projects/<int:project_id>/edit": (LOGIN, 403, 403, 403, 403, 200, 200),
    "/projects/<int:project_id>/needs/new": (LOGIN, 403, 403, 403, 403, 200, 200),
    "/projects/needs/<int:need_id>": (LOGIN, 403, 403, 403, 403, 200, 200),
    "/projects/needs/<int:need_id>/edit": (LOGIN, 403, 403, 403, 403, 200, 200),
    # Staff: results for the funder, outcome areas, targets and the exports
    "/results/": (LOGIN, 403, 403, 403, 403, 200, 200),
    "/results/outcome-areas": (LOGIN, 403, 403, 403, 403, 200, 200),
    "/results/outcome-areas/new": (LOGIN, 403, 403, 403, 403, 200, 200),
    "/results/outcome-areas/<int:area_id>/edit": (LOGIN, 403, 403, 403, 403, 200, 200),
    "/results/projects/<int:project_id>": (LOGIN, 403, 403, 403, 403, 200, 200),
    "/results/projects/<int:project_id>/targets": (LOGIN, 403, 403, 403, 403, 200, 200),
    "/results/projects/<int:project_id>/results.xlsx": (LOGIN, 403, 403, 403, 403, 200, 200),
    "/results/projects/<int:project_id>/print": (LOGIN, 403, 403, 403, 403, 200, 200),
    # Staff: the consultant's area
    "/consultant/": (LOGIN, 403, 403, 403, 403, 200, 200),
    "/consultant/new-volunteers/seen": (LOGIN, 403, 403, 403, 403, 302, 302),
    "/consultant/volunteers": (LOGIN, 403, 403, 403, 403, 200, 200),
    "/consultant/volunteers.csv": (LOGIN, 403, 403, 403, 403, 200, 200),
    "/consultant/volunteers/<int:volunteer_id>": (LOGIN, 403, 403, 403, 403, 200, 200),
    "/consultant/volunteers/<int:volunteer_id>/contacts": (LOGIN, 403, 403, 403, 403, 400, 400),
    "/consultant/volunteers/<int:volunteer_id>/email": (LOGIN, 403, 403, 403, 403, 200, 200),
    "/consultant/volunteers/<int:volunteer_id>/access": (LOGIN, 403, 403, 403, 403, 200, 200),
    "/consultant/volunteers/<int:volunteer_id>/access.json": (LOGIN, 403, 403, 403, 403, 200, 200),
    "/consultant/volunteers/<int:volunteer_id>/erase": (LOGIN, 403, 403, 403, 403, 200, 200),
    "/consultant/needs/<int:need_id>": (LOGIN, 403, 403, 403, 403, 200, 200),
    "/consultant/needs/<int:need_id>/email": (LOGIN, 403, 403, 403, 403, 200, 200),
    "/consultant/needs/<int:need_id>/candidates.csv": (LOGIN, 403, 403, 403, 403, 200, 200),
    "/consultant/needs/<int:need_id>/matches/<int:match_id>": (LOGIN, 403, 403, 403, 403, 200, 200),
    "/consultant/needs/<int:need_id>/matches/<int:match_id>/next": (
        LOGIN,
        403,
        403,
        403,
        403,
        400,
        400,
    ),
    "/consultant/needs/<int:need_id>/matches/bulk": (LOGIN, 403, 403, 403, 403, 400, 400),
    # Staff: a volunteer's debrief written for them, and the lessons library of all debriefs
    "/consultant/placements/<int:placement_id>/debrief": (LOGIN, 403, 403, 403, 403, 200, 200),
    "/consultant/lessons": (LOGIN, 403, 403, 403, 403, 200, 200),
    # Staff: activity reports (the approval queue, reporting for a volunteer, approve, reopen)
    "/activities/": (LOGIN, 403, 403, 403, 403, 200, 200),
    "/activities/placements/<int:placement_id>/report": (LOGIN, 403, 403, 403, 403, 200, 200),
    "/activities/<int:report_id>": (LOGIN, 403, 403, 403, 403, 200, 200),
    "/activities/<int:report_id>/approve": (LOGIN, 403, 403, 403, 403, 400, 400),
    "/activities/<int:report_id>/reopen": (LOGIN, 403, 403, 403, 403, 400, 400),
    # Staff: importing volunteers from a spreadsheet (the batch is uploaded, not yet imported:
    # its result page leads back to the columns; an empty POST presses no button)
    "/consultant/import/": (LOGIN, 403, 403, 403, 403, 200, 200),
    "/consultant/import/<int:batch_id>": (LOGIN, 403, 403, 403, 403, 302, 302),
    "/consultant/import/<int:batch_id>/columns": (LOGIN, 403, 403, 403, 403, 200, 200),
    "/consultant/import/<int:batch_id>/check": (LOGIN, 403, 403, 403, 403, 200, 200),
    "/consultant/import/<int:batch_id>/errors.csv": (LOGIN, 403, 403, 403, 403, 200, 200),
    "/consultant/import/<int:batch_id>/finish": (LOGIN, 403, 403, 403, 403, 400, 400),
    "/consultant/import/<int:batch_id>/invite": (LOGIN, 403, 403, 403, 403, 400, 400),
    # Staff: branches and their contacts
    "/consultant/outbox": (LOGIN, 403, 403, 403, 403, 200, 200),
    "/consultant/outbox/<int:message_id>/retry": (LOGIN, 403, 403, 403, 403, 302, 302),
    # Possible duplicates (staff only): an empty merge form is incomplete (400); "not the same",
    # the scan and undo carry only their token
    "/consultant/duplicates": (LOGIN, 403, 403, 403, 403, 200, 200),
    "/consultant/duplicates/scan": (LOGIN, 403, 403, 403, 403, 302, 302),
    "/consultant/duplicates/<int:pair_id>": (LOGIN, 403, 403, 403, 403, 200, 200),
    "/consultant/duplicates/<int:pair_id>/merge": (LOGIN, 403, 403, 403, 403, 400, 400),
    "/consultant/duplicates/<int:pair_id>/not-same": (LOGIN, 403, 403, 403, 403, 302, 302),
    "/consultant/duplicates/merges/<int:merge_id>/undo": (LOGIN, 403, 403, 403, 403, 302, 302),
    "/consultant/branches": (LOGIN, 403, 403, 403, 403, 200, 200),
    "/consultant/branches/new": (LOGIN, 403, 403, 403, 403, 200, 200),
    "/consultant/branches/<int:branch_id>/edit": (LOGIN, 403, 403, 403, 403, 200, 200),
    "/consultant/branches/<int:branch_id>/contacts": (LOGIN, 403, 403, 403, 403, 400, 400),
    "/consultant/branches/<int:branch_id>/contacts/<int:user_id>/remove": (
        LOGIN,
        403,
        403,
        403,
        403,
        302,
        302,
    ),
    # Staff: a branch's record, its offers and its contact log (the branch contact never)
    "/consultant/branches/<int:branch_id>": (LOGIN, 403, 403, 403, 403, 200, 200),
    "/consultant/branches/<int:branch_id>/contacts-log": (LOGIN, 403, 403, 403, 403, 400, 400),
    # Staff: follow-ups, calendar and e-mail templates
    "/contacts/follow-ups": (LOGIN, 403, 403, 403, 403, 200, 200),
    "/contacts/follow-ups/<int:follow_up_id>/done": (LOGIN, 403, 403, 403, 403, 302, 302),
    "/contacts/follow-ups/<int:follow_up_id>/undo": (LOGIN, 403, 403, 403, 403, 302, 302),
    "/contacts/follow-ups/<int:follow_up_id>/reassign": (LOGIN, 403, 403, 403, 403, 400, 400),
    "/contacts/calendar/token": (LOGIN, 403, 403, 403, 403, 302, 302),
    "/contacts/calendar/<token>.ics": (200, 200, 200, 200, 200, 200, 200),
    "/contacts/templates": (LOGIN, 403, 403, 403, 403, 200, 200),
    "/contacts/templates/new": (LOGIN, 403, 403, 403, 403, 200, 200),
    "/contacts/templates/<key>": (LOGIN, 403, 403, 403, 403, 200, 200),
    "/contacts/templates/<key>/reset": (LOGIN, 403, 403, 403, 403, 302, 302),
    # Your own sessions (everyone logged in)
    "/account/sessions": (LOGIN, 200, 200, 200, 200, 200, 200),
    "/account/sessions/end-others": (LOGIN, 302, 302, 302, 302, 302, 302),
    # Your own API tokens (staff only; token_id is the consultant's: another's answers 404)
    "/account/api-tokens": (LOGIN, 403, 403, 403, 403, 200, 200),
    "/account/api-tokens/<int:token_id>/revoke": (LOGIN, 403, 403, 403, 403, 302, 404),
    # The JSON API: a bearer token only, so every session (and no session) is refused (401);
    # tests/api/ walks it with tokens. Its description needs no token.
    "/api/v1/openapi.json": (200, 200, 200, 200, 200, 200, 200),
    "/api/v1/projects": API,
    "/api/v1/projects/<int:project_id>": API,
    "/api/v1/needs": API,
    "/api/v1/needs/<int:need_id>": API,
    "/api/v1/volunteers": API,
    "/api/v1/volunteers/<int:volunteer_id>": API,
    "/api/v1/matches": API,
    "/api/v1/matches/<int:match_id>": API,
    "/api/v1/matches/<int:match_id>/transitions": API,
    "/api/v1/contacts": API,
    "/api/v1/contacts/<int:contact_id>": API,
    # The admin area (ADMIN only; user_id is a branch contact's, no staff account: 404)
    "/admin/": (LOGIN, 403, 403, 403, 403, 403, 200),
    "/admin/staff": (LOGIN, 403, 403, 403, 403, 403, 200),
    "/admin/staff/invite": (LOGIN, 403, 403, 403, 403, 403, 400),
    "/admin/staff/<int:user_id>/role": (LOGIN, 403, 403, 403, 403, 403, 400),
    "/admin/staff/<int:user_id>/deactivate": (LOGIN, 403, 403, 403, 403, 403, 404),
    "/admin/staff/<int:user_id>/reactivate": (LOGIN, 403, 403, 403, 403, 403, 404),
    "/admin/consent-texts": (LOGIN, 403, 403, 403, 403, 403, 200),
    "/admin/consent-texts/new": (LOGIN, 403, 403, 403, 403, 403, 200),
    "/admin/consent-texts/<int:text_id>": (LOGIN, 403, 403, 403, 403, 403, 200),
    "/admin/consent-texts/<int:text_id>/edit": (LOGIN, 403, 403, 403, 403, 403, 200),
    # an empty POST has no version: refused as stale, back to the draft, nothing published
    "/admin/consent-texts/<int:text_id>/publish": (LOGIN, 403, 403, 403, 403, 403, 302),
    "/admin/audit": (LOGIN, 403, 403, 403, 403, 403, 200),
    "/admin/api-tokens": (LOGIN, 403, 403, 403, 403, 403, 200),
    "/admin/api-tokens/<int:token_id>/revoke": (LOGIN, 403, 403, 403, 403, 403, 302),
}

TEMPLATE = {
    "name": "Tak for snakken",
    "subject_da": "Tak",
    "body_da": "Hej {fornavn}",
    "subject_en": "Thanks",
    "body_en": "Hi {first_name}",
}
"""A consultant's own e-mail template, so that its page and its reset have something to act on."""

CSRF_EXEMPT = {
    "/unsubscribe/<token>": 404,
    "/api/v1/contacts": 401,
    "/api/v1/matches/<int:match_id>/transitions": 401,
}
"""Deliberately without a CSRF token, with the answer to this request: RFC 8058's one-click
unsubscribe (a mail client POSTs without our form; the signed token protects it, not valid here),
and the JSON API (no cookie authorises it, only a bearer token, which a browser never adds by
itself)."""

LAST = ("/logout",)
"""Rules requested after all others, because they end the session."""


@pytest.fixture()
def world(make_user, make_volunteer, make_branch, make_need, db):
    """The objects the path variables point at, and one user of each kind (by column name)."""
    volunteer = make_volunteer(first_name="Vera", last_name="Frivillig")
    other = make_volunteer(first_name="Anden", last_name="Frivillig")
    need = make_need()
    match = add_match(need, volunteer, state="shortlisted")
    # A completed placement: debriefs are asked for these, reports are written on placed ones too
    placement = add_match(make_need(project=need.project), volunteer, state="completed")
    report = add_report(placement)
    consultant = make_user(Role.CONSULTANT, name="Karen Konsulent")
    consultant.calendar_token = "a-secret-calendar-token"
    follow_up = add_follow_up(consultant, date(2027, 1, 1), volunteer)
    template = email_templates.save_template(None, TEMPLATE, consultant.id)
    branch = make_branch()
    draft = ConsentText(label="2099-01", text_da="Samtykke", text_en="Consent")
    db.session.add(draft)
    area = OutcomeArea(name_da="Stærke partier", name_en="Capable parties")
    db.session.add(area)
    failed_mail = queue_mail(volunteer.email, "Hej", "Tekst", kind="contact")
    failed_mail.status = "failed"
    batch = ImportBatch(
        created_by_id=consultant.id,
        filename="frivillige.csv",
        content=b"Navn;Mail\r\nAnna Berg;anna@example.org\r\n",
        columns={"full_name": "Navn", "email": "Mail"},
    )
    db.session.add(batch)
    twin = make_volunteer(first_name="Vera", last_name="Frivilig", phone="12345678")
    twin_again = make_volunteer(first_name="Vera", last_name="Frivillig", phone="+45 12345678")
    pair = queue_pair(twin, twin_again)
    kept = make_volunteer(first_name="Mads", last_name="Dobbelt")
    merged = make_volunteer(first_name="Mads", last_name="Dobbelt")
    merge_record = merge_now(queue_pair(kept, merged), kept, merged, consultant)
    db.session.flush()
    api_token, _secret = create_token(consultant, "Sync", 30, "write", actor=consultant)
    contact = log_contact(volunteer.id, consultant.id, "phone", "Ringede")
    users = {
        "volunteer": db.session.get(Volunteer, volunteer.id).user_id,
        "other volunteer": db.session.get(Volunteer, other.id).user_id,
        "branch contact": make_user(Role.BRANCH_CONTACT, branch_id=branch.id).id,
        "other branch contact": make_user(
            Role.BRANCH_CONTACT, branch_id=make_branch(name="Anden afdeling").id
        ).id,
        "consultant": consultant.id,
        "admin": make_user(Role.ADMIN).id,
    }
    values = {
        "project_id": need.project_id,
        "need_id": need.id,
        "match_id": match.id,
        "placement_id": placement.id,
        "report_id": report.id,
        "volunteer_id": volunteer.id,
        "follow_up_id": follow_up.id,
        "branch_id": branch.id,
        "step": "motivation",
        "key": template.key,
        "token": "a-secret-calendar-token",
        "filename": "css/app.css",
        "user_id": users["branch contact"],
        "text_id": draft.id,
        "message_id": failed_mail.id,
        "area_id": area.id,
        "batch_id": batch.id,
        "token_id": api_token.id,
        "contact_id": contact.id,
        "pair_id": pair.id,
        "merge_id": merge_record.id,
    }
    db.session.commit()
    return users, values


def _url(app, rule, values) -> str:
    with app.test_request_context():
        return rule.build({name: values[name] for name in rule.arguments}, append_unknown=False)[1]


def _snapshot(db) -> dict[str, list]:
    """Every row of every table, to prove that a refused request changed nothing."""
    db.session.rollback()  # end the test's read transaction, so the requests' writes show
    return {
        table.name: sorted(map(tuple, db.session.execute(select(table)).all()), key=repr)
        for table in db.metadata.sorted_tables
    }


def test_every_route_has_a_row(app):
    rules = {rule.rule for rule in app.url_map.iter_rules()}
    assert sorted(rules - EXPECTED.keys()) == [], "routes without a row in EXPECTED"
    assert sorted(EXPECTED.keys() - rules) == [], "rows in EXPECTED for routes that are gone"
    assert all(len(row) == len(USERS) for row in EXPECTED.values())


@pytest.mark.parametrize("who", USERS)
def test_who_reaches_which_route(app, client, auth, db, world, who):
    users, values = world
    if who != "anonymous":
        auth.login(db.session.get(User, users[who]).email)
    column = USERS.index(who)
    rules = sorted(app.url_map.iter_rules(), key=lambda r: (r.rule in LAST, r.rule))
    wrong = []
    for rule in rules:
        url = _url(app, rule, values)
        expected = EXPECTED[rule.rule][column]
        refused = expected in (LOGIN, 401, 403)
        before = _snapshot(db) if refused else None
        response = client.get(url) if "GET" in rule.methods else client.post(url, data={})
        response.close()  # a static file's response holds the file open
        got: int | str = response.status_code
        if got == 302 and response.headers["Location"].startswith("/login"):
            got = LOGIN
        if got != expected:
            wrong.append((rule.rule, f"expected {expected}, got {got}"))
        elif refused and _snapshot(db) != before:
            wrong.append((rule.rule, "refused, but the database changed"))
    assert wrong == []


def test_every_post_needs_a_csrf_token(app, client, auth, db, world):
    """With CSRF protection on, as in production, a POST without its token is refused (400)."""
    users, values = world
    auth.login(db.session.get(User, users["consultant"]).email)
    posts = [rule for rule in app.url_map.iter_rules() if "POST" in rule.methods]
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        answers = {rule.rule: client.post(_url(app, rule, values)).status_code for rule in posts}
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    assert answers == {rule.rule: CSRF_EXEMPT.get(rule.rule, 400) for rule in posts}
