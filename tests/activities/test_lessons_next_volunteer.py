"""Earlier volunteers' debriefs on the next volunteer's page: only with consent, without names,
only for the needs they are being considered for, never for other volunteers or branches."""

import pytest

from crm.auth.models import Role
from crm.extensions import db as _db
from crm.models import Volunteer
from tests.activities.debrief_factories import add_debrief, completed
from tests.consultant.factories import add_match

SHARED = "Partnerne satte stor pris på konkrete eksempler"
PRIVATE = "Jeg kom på kant med projektlederen"


@pytest.fixture()
def need_with_history(make_volunteer, make_need):
    """A need with two earlier volunteers: one shared their debrief, one did not."""
    need = make_need(title="Kommunalrådgiver i Kenya")
    earlier = make_volunteer(
        first_name="Ellen", last_name="Tidligere", email="ellen@example.org", phone="+45 12 34"
    )
    add_debrief(completed(need, earlier), share=True, what_worked=SHARED, advice="Medbring kort")
    private = make_volunteer(first_name="Palle", last_name="Privat")
    add_debrief(completed(need, private), share=False, what_worked=PRIVATE)
    return need, earlier


def _my_page(client, auth, volunteer) -> str:
    auth.login(volunteer.email)
    html = client.get("/me/needs/").get_data(as_text=True)
    auth.logout()
    return html


@pytest.mark.parametrize("state", ["shortlisted", "contacted", "interested", "placed"])
def test_the_next_volunteer_sees_shared_debriefs_without_the_authors_name(
    client, auth, make_volunteer, need_with_history, state
):
    need, _earlier = need_with_history
    nxt = make_volunteer()
    add_match(need, nxt, state=state)
    html = _my_page(client, auth, nxt)
    assert "Råd fra tidligere frivillige" in html and "Kommunalrådgiver i Kenya" in html
    assert SHARED in html and "Medbring kort" in html
    assert PRIVATE not in html  # no consent to share
    for detail in ("Ellen", "Tidligere", "ellen@example.org", "+45 12 34", "Palle"):
        assert detail not in html


@pytest.mark.parametrize("state", ["suggested", "declined", "not_suitable", "withdrawn"])
def test_not_shown_to_a_volunteer_who_is_not_being_considered(
    client, auth, make_volunteer, need_with_history, state
):
    need, _earlier = need_with_history
    other = make_volunteer()
    add_match(need, other, state=state)
    html = _my_page(client, auth, other)
    assert SHARED not in html and "Råd fra tidligere frivillige" not in html


def test_not_shown_to_volunteers_on_other_needs(
    client, auth, make_volunteer, make_need, need_with_history
):
    elsewhere = make_volunteer()
    add_match(make_need(title="En anden opgave"), elsewhere, state="placed")
    assert SHARED not in _my_page(client, auth, elsewhere)
    assert SHARED not in _my_page(client, auth, make_volunteer())  # no match at all


def test_the_author_sees_their_own_debrief_but_not_as_advice_from_others(
    client, auth, need_with_history
):
    _need, earlier = need_with_history
    html = _my_page(client, auth, earlier)
    assert "Råd fra tidligere frivillige" not in html
    assert "vises for den næste frivillige, uden dit navn" in html


def test_a_withdrawn_consent_hides_the_shared_debrief(
    client, auth, make_volunteer, need_with_history
):
    need, earlier = need_with_history
    nxt = make_volunteer()
    add_match(need, nxt, state="placed")
    assert SHARED in _my_page(client, auth, nxt)  # the test can fail
    auth.login(earlier.email)
    assert client.post("/me/consent/withdraw", data={"confirm": "y"}).status_code == 302
    own = client.get("/me/needs/").get_data(as_text=True)
    assert "vises ikke for andre frivillige" in own  # the author is told it is hidden now
    auth.logout()
    _db.session.expire_all()
    assert _db.session.get(Volunteer, earlier.id).consent_withdrawn_at is not None
    assert SHARED not in _my_page(client, auth, nxt)


def test_branches_never_see_debriefs(
    client, auth, make_user, make_branch, make_volunteer, make_need
):
    branch = make_branch()
    member = make_volunteer(branch_id=branch.id, share_with_branch=True)
    add_debrief(completed(make_need(), member), share=True, what_worked=SHARED)
    auth.login(make_user(Role.BRANCH_CONTACT, branch_id=branch.id).email)
    for url in ("/branch/", "/branch/members", "/branch/report"):
        page = client.get(url)
        assert page.status_code == 200 and SHARED not in page.get_data(as_text=True), url
    assert client.get("/me/needs/").status_code == 403
