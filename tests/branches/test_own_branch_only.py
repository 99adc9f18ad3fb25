"""A contact sees only their own branch: no id in a URL to swap, swapped form ids do nothing."""

from sqlalchemy import select

from crm.extensions import db as _db
from crm.matches.offers import offer_help
from crm.models import BranchExperience, Match, OfferMember


def test_another_branchs_offers_and_members_never_show(
    client, auth, db, contact, make_need, make_member
):
    ours, contact_a = contact(name="Afdeling A")
    theirs, contact_b = contact(name="Afdeling B")
    their_member = make_member(theirs, first_name="Bente", last_name="Fremmed")
    need = make_need(title="Kandidatskole")
    offer_help(theirs, need, contact_b, "B's hemmelige besked", [their_member.id])
    _db.session.commit()

    auth.login(contact_a.email)
    pages = [client.get(url).get_data(as_text=True) for url in ("/branch/", "/branch/offers")]
    pages.append(client.get(f"/branch/needs/{need.id}/offer").get_data(as_text=True))
    for html in pages:
        assert "Bente" not in html and "hemmelige besked" not in html and "Afdeling B" not in html
    assert "Jeres tilbud" not in pages[0]  # B's offer is not A's state

    # naming another branch's member (an id swapped into the form) is refused, nothing saved
    answer = client.post(
        f"/branch/needs/{need.id}/offer",
        data={"message": "Vi hjælper", "members": [str(their_member.id)]},
    )
    assert answer.status_code == 400
    assert _db.session.scalars(select(Match.branch_id)).all() == [theirs.id]
    assert _db.session.scalars(select(OfferMember.match_id)).all() != []


def test_swapped_ids_in_the_experience_form_touch_only_our_branch(client, auth, db, contact):
    ours, contact_a = contact()
    theirs, _contact_b = contact()
    theirs.experience = [BranchExperience(description="B's egen erfaring")]
    db.session.commit()
    their_entry = theirs.experience[0].id

    auth.login(contact_a.email)
    client.post(
        "/branch/experience",
        data={
            "version": str(ours.version),
            "entries-0-id": str(their_entry),
            "entries-0-description": "Overskrevet?",
        },
    )
    _db.session.expire_all()
    assert [e.description for e in _db.session.get(type(theirs), theirs.id).experience] == [
        "B's egen erfaring"
    ]
    assert [e.description for e in _db.session.get(type(ours), ours.id).experience] == [
        "Overskrevet?"
    ]


def test_a_contact_without_a_branch_is_refused(client, auth, db, make_user):
    from crm.auth.models import Role

    user = make_user(Role.BRANCH_CONTACT)
    auth.login(user.email)
    assert client.get("/branch/").status_code == 403
