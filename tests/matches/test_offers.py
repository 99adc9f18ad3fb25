"""A branch's offer is a match of the branch: one per need, only sharing members named, kept by
every re-ranking and moved by the same pipeline."""

import pytest
from sqlalchemy import select

from crm.auth.models import Role
from crm.matches import offers, pool_cache, queries, refresh, services
from crm.models import Match, MatchTransition, OfferMember


@pytest.fixture()
def branch(make_branch):
    return make_branch(name="Aarhus Øst")


@pytest.fixture()
def contact(make_user, branch):
    return make_user(Role.BRANCH_CONTACT, email="kontakt@example.org", branch_id=branch.id)


def test_an_offer_is_a_branch_match_naming_only_sharing_members(
    db, branch, contact, make_need, make_fitting_volunteer
):
    need = make_need()
    sharing = make_fitting_volunteer("Sara", branch_id=branch.id, share_with_branch=True)
    private = make_fitting_volunteer("Per", branch_id=branch.id, share_with_branch=False)
    with pytest.raises(offers.OfferRefused):
        offers.offer_help(branch, need, contact, "Vi kan", [private.id])
    match = offers.offer_help(branch, need, contact, "  Vi har et ungenetværk.  ", [sharing.id])
    db.session.commit()
    assert (match.branch_id, match.volunteer_id, match.state) == (branch.id, None, "suggested")
    assert match.offer_message == "Vi har et ungenetværk." and match.offered_by == contact.id
    assert [v.id for v in offers.named_members(match.id)] == [sharing.id]
    with pytest.raises(offers.OfferRefused):  # one offer in the pipeline at a time
        offers.offer_help(branch, need, contact, "Igen")
    assert offers.new_offers()[0] == 1


def test_an_ended_offer_can_be_made_again_and_a_closed_need_refuses(
    db, branch, contact, make_need, consultant
):
    need = make_need()
    match = offers.offer_help(branch, need, contact, "Første gang")
    services.transition(match, "not_suitable", consultant, reason="Ikke nu", reason_code="other")
    db.session.commit()
    again = offers.offer_help(branch, need, contact, "Anden gang")
    db.session.commit()
    assert again.id == match.id and again.state == "shortlisted"
    steps = db.session.scalars(select(MatchTransition.to_state).order_by(MatchTransition.id))
    assert list(steps) == ["not_suitable", "shortlisted"]
    need.status = "closed"
    db.session.commit()
    with pytest.raises(offers.OfferRefused):
        offers.offer_help(branch, make_need(status="filled"), contact, "Nej")


def test_rankings_keep_the_offer_and_count_only_volunteers(
    db, branch, contact, make_need, make_fitting_volunteer
):
    need = make_need()
    volunteer = make_fitting_volunteer("Mette")
    match = offers.offer_help(branch, need, contact, "Vi kan hjælpe")
    db.session.commit()
    pool_cache.forget_pool()
    refresh.refresh_need(need)
    refresh.refresh_volunteer(volunteer)
    refresh.rematch_all()
    db.session.commit()
    assert db.session.get(Match, match.id).branch_id == branch.id  # never deleted as unpinned
    counts = queries.state_counts(need.id)
    assert counts["suggested"] == 1  # Mette; the branch's offer is listed apart
    assert db.session.scalar(select(OfferMember)) is None


def test_a_renewed_offer_is_new_again_until_the_consultant_acts(
    db, branch, contact, make_need, consultant
):
    need = make_need()
    match = offers.offer_help(branch, need, contact, "Første gang")
    db.session.commit()
    assert [m.id for m, _b, _n in offers.new_offers()[1]] == [match.id]
    services.transition(match, "not_suitable", consultant, reason="Ikke nu", reason_code="other")
    db.session.commit()
    assert offers.new_offers()[0] == 0
    offers.offer_help(branch, need, contact, "Anden gang")
    db.session.commit()
    assert offers.new_offers()[0] == 1 and queries.offer_cards(need.id)[0].new
    services.transition(db.session.get(Match, match.id), "contacted", consultant)
    db.session.commit()
    assert offers.new_offers()[0] == 0 and not queries.offer_cards(need.id)[0].new
