"""The unsubscribe link of every notification: GET asks, POST stops (also the mail client's
one-click POST without a CSRF token, RFC 8058); each link stops the kind it came in."""

import pytest

from crm.extensions import db as _db
from crm.models import Volunteer
from crm.notifications.tokens import MailKind, make_unsubscribe_token
from tests.consultant.factories import add_match

from .conftest import assert_unsubscribe_headers, to


def _choices(volunteer) -> tuple[str, bool]:
    _db.session.expire_all()
    fresh = _db.session.get(Volunteer, volunteer.id)
    return fresh.needs_email, fresh.status_emails


def _shortlist(client, auth, consultant, match):
    auth.login(consultant.email)
    url = f"/consultant/needs/{match.need_id}/matches/{match.id}"
    client.post(url, data={"to_state": "shortlisted", "version": match.version})
    auth.logout()


def test_the_link_in_a_status_email_asks_first_then_stops_only_status_emails(
    client, auth, consultant, make_fitting_volunteer, make_need, outbox
):
    mette = make_fitting_volunteer("Mette")
    need = make_need()
    _shortlist(client, auth, consultant, add_match(need, mette))
    link = assert_unsubscribe_headers(to(outbox, mette)[0])
    page = client.get(link)
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "Vil du stoppe e-mails om dine egne opgaver" in html
    assert html.count("<button") == 2  # the language switch's and ours
    assert "Ja, stop disse e-mails" in html
    assert _choices(mette) == ("weekly", True)  # a GET (a link scanner) changes nothing
    done = client.post(link).get_data(as_text=True)
    assert "Du får ikke flere af disse e-mails" in done
    assert _choices(mette) == ("weekly", False)
    other = add_match(make_need(title="Anden opgave"), mette)
    _shortlist(client, auth, consultant, other)
    assert len(to(outbox, mette)) == 1


def test_the_one_click_post_works_without_a_csrf_token(app, client, make_volunteer):
    mette = make_volunteer(email="mette@example.org")
    with app.test_request_context():
        token = make_unsubscribe_token(mette, MailKind.NEEDS)
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        response = client.post(
            f"/unsubscribe/{token}",
            data="List-Unsubscribe=One-Click",
            content_type="application/x-www-form-urlencoded",
        )
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    assert response.status_code == 200
    assert _choices(mette) == ("never", True)  # the digest stops; own-task e-mails go on


@pytest.mark.parametrize(
    "token",
    [
        "not-a-token",
        "WzEsInN0YXR1cyJd.forged-signature",
    ],
)
def test_a_wrong_link_changes_nothing(client, make_volunteer, token):
    mette = make_volunteer()
    assert client.get(f"/unsubscribe/{token}").status_code == 404
    assert client.post(f"/unsubscribe/{token}").status_code == 404
    assert _choices(mette) == ("weekly", True)


def test_a_token_for_another_kind_or_salt_is_refused(app, client, make_volunteer):
    """A token signed for another purpose with the same key (a password reset's salt) is not
    an unsubscribe token."""
    from itsdangerous import URLSafeSerializer

    mette = make_volunteer()
    forged = URLSafeSerializer("test-secret", salt="reset-password").dumps([mette.id, "status"])
    unknown = URLSafeSerializer("test-secret", salt="unsubscribe").dumps([mette.id, "all"])
    for token in (forged, unknown):
        assert client.post(f"/unsubscribe/{token}").status_code == 404
    assert _choices(mette) == ("weekly", True)


def test_the_unsubscribe_page_in_english(app, client, make_volunteer):
    mette = make_volunteer()
    with app.test_request_context():
        token = make_unsubscribe_token(mette, MailKind.NEEDS)
    client.post("/language", data={"locale": "en"})
    html = client.get(f"/unsubscribe/{token}").get_data(as_text=True)
    assert "Do you want to stop e-mails about new tasks that fit you?" in html
