"""The privacy rule through every route: a branch learns about a member only what they shared.

Two branches, members who share and who do not (or whose consent is outdated, or who stopped
sharing after being named in an offer), and members of the other branch. A contact of each
branch walks every rule in app.url_map (GET, or an empty POST where a rule takes only POST), with
its path variables pointing at the people they must not see. No answer may hold such a member's
name, e-mail or phone number, nor a consultant's note; and every count of members who do not
share reads "under 3", "not shown" or a number of at least 3.
"""

import re

import pytest

from crm.auth.models import User
from crm.branches.figures import MIN_GROUP
from crm.contacts.models import ContactLogEntry
from crm.matches.offers import offer_help
from crm.models import Match, Volunteer
from tests.branches.conftest import identifying
from tests.conftest import PASSWORD

SECRETS = ("Fortrolig",)
"""Words only in consultants' notes and the contact log of the world below."""

LAST = ("/logout",)


@pytest.fixture()
def world(db, branches, add_member):
    """The branches fixture, plus a member named in an offer who stopped sharing afterwards,
    and a contact-log entry about a member who does not share."""
    trine = add_member(branches.a, "Trine", "Trukketsen", share=True)
    contact = db.session.get(User, branches.contact_a.id)
    offer_help(branches.a, branches.needs[0], contact, "Vi kan hjælpe", [trine.id])
    db.session.get(Volunteer, trine.id).share_with_branch = False
    hidden = branches.hidden[0]
    db.session.add(
        ContactLogEntry(
            volunteer_id=hidden.id, channel="phone", summary="Fortrolig samtale", outcome=""
        )
    )
    db.session.commit()
    branches.hidden.append(trine)
    return branches


def _values(target: Volunteer, need, db) -> dict:
    """Path variables pointing at `target` and things about them."""
    match = db.session.query(Match).filter_by(volunteer_id=target.id).first()
    return {
        "volunteer_id": target.id,
        "need_id": need.id,
        "project_id": need.project_id,
        "match_id": match.id if match else 1,
        "branch_id": target.branch_id,
        "id": target.branch_id,
        "user_id": target.user_id,
        "filename": "css/app.css",
    }


def _walk(app, client, values) -> dict[str, str]:
    """rule → the answer's text, for every rule, requested as the logged-in user."""
    answers = {}
    rules = sorted(app.url_map.iter_rules(), key=lambda r: (r.rule in LAST, r.rule))
    for rule in rules:
        with app.test_request_context():
            args = {name: values.get(name, target_default(values)) for name in rule.arguments}
            url = rule.build(args, append_unknown=False)[1]
        response = client.get(url) if "GET" in rule.methods else client.post(url, data={})
        static = rule.rule.startswith("/static")
        answers[rule.rule] = "" if static else response.get_data(as_text=True)
        response.close()
        assert response.status_code < 500, (rule.rule, response.status_code)
    return answers


def target_default(values) -> int:
    """Any other path variable (a token, a key, an id we do not know) gets the target's id."""
    return values["volunteer_id"]


def _leaks(answers: dict[str, str], forbidden: list[str]) -> list[tuple[str, str]]:
    return [(rule, word) for rule, text in answers.items() for word in forbidden if word in text]


OTHERS = re.compile(r"(?:Øvrige medlemmer|Other members)\W{0,3}(\d+)")
"""A count printed after the words for "other members", in the page's text (tags removed)."""


def _small_figures(answers: dict[str, str]) -> list[tuple[str, str]]:
    """Counts of members who do not share that are neither guarded nor at least MIN_GROUP:
    each figure the page marks, and any number printed right after "other members"."""
    wrong = []
    for rule, text in answers.items():
        marked = re.findall(r'data-others="([^"]+)"', text)
        words = OTHERS.findall(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text)))
        for value in marked + words:
            if value not in ("under", "withheld") and int(value) < MIN_GROUP:
                wrong.append((rule, value))
    return wrong


def test_a_contact_never_sees_members_who_do_not_share_nor_other_branches(app, client, db, world):
    client.post("/login", data={"email": world.contact_a.email, "password": PASSWORD})
    forbidden = identifying(world.hidden + world.other_branch) + list(SECRETS)
    for target in (world.hidden[0], world.hidden[-1], world.other_branch[0]):
        answers = _walk(app, client, _values(target, world.needs[0], db))
        client.post("/login", data={"email": world.contact_a.email, "password": PASSWORD})
        assert _leaks(answers, forbidden) == []
        assert _small_figures(answers) == []
    # the walk did reach the branch's own pages, and they show what the members shared
    assert "Sofie Delersen" in answers["/branch/members"]
    assert "færre end 3" in answers["/branch/members"]
    assert "Søren Delbæk" in answers["/branch/report"]


def test_a_contact_of_another_branch_gets_nothing_of_this_one(app, client, db, world):
    client.post("/login", data={"email": world.contact_b.email, "password": PASSWORD})
    ours = world.sharing + world.hidden
    forbidden = identifying(ours) + list(SECRETS)
    for target in (world.sharing[0], world.hidden[0]):
        answers = _walk(app, client, _values(target, world.needs[0], db))
        client.post("/login", data={"email": world.contact_b.email, "password": PASSWORD})
        assert _leaks(answers, forbidden) == []
        assert _small_figures(answers) == []
    assert "Fremmed Fjernholm" in answers["/branch/members"]  # B's own member who shares


def test_the_walk_would_catch_a_leak(app, client, db, world):
    """The checks themselves: a member who shares is found on the members page (so a page that
    printed a hidden member would be found the same way), and so is a small unmarked count."""
    client.post("/login", data={"email": world.contact_a.email, "password": PASSWORD})
    answers = _walk(app, client, _values(world.hidden[0], world.needs[0], db))
    assert ("/branch/members", "Sofie Delersen") in _leaks(answers, identifying(world.sharing))
    assert _small_figures({"page": "<dt>Øvrige medlemmer:</dt> <dd>2</dd>"}) == [("page", "2")]
    assert _small_figures({"page": 'Other members: <b data-others="1">1</b>'}) == [
        ("page", "1"),
        ("page", "1"),
    ]
