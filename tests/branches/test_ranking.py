"""The open needs ranked for a branch: its experience, its sharing members, and nobody else."""

from datetime import date, timedelta

from crm.matches.branch_fit import NEAR_DEADLINE_DAYS, needs_for_branch
from crm.models import BranchExperience, BranchSkillCorrection, VolunteerSkill

YOUTH = "Vi har drevet et ungdomsnetværk i tre år"


def _order(branch) -> list[str]:
    return [fit.need.title for fit in needs_for_branch(branch).fits]


def _fit(branch, title):
    return next(fit for fit in needs_for_branch(branch).fits if fit.need.title == title)


def test_youth_experience_ranks_a_youth_need_above_an_energy_need(db, make_branch, make_need):
    make_need(title="Energi", skills=(("energy-transition", 2, 3),), languages=())
    make_need(title="Unge", skills=(("youth-networks", 2, 3),), languages=())
    branch = make_branch()
    branch.experience = [BranchExperience(description=YOUTH)]
    db.session.commit()

    assert _order(branch) == ["Unge", "Energi"]
    youth = _fit(branch, "Unge")
    [reason] = youth.gains
    assert (reason.subject, reason.level, reason.entries, reason.members) == (
        "youth-networks",
        4,
        (YOUTH,),
        0,
    )


def test_members_languages_count_only_when_they_share(db, make_branch, make_need, make_member):
    make_need(title="Engelsk", skills=(), languages=(("en", "B2", True),))
    make_need(title="Fransk", skills=(), languages=(("fr", "B2", True),))
    branch = make_branch()
    make_member(branch, share=False, languages=[("fr", "C1")])
    make_member(branch, share=False, languages=[("fr", "C1")])
    make_member(branch, share=False, languages=[("fr", "C1")])
    assert [f.score for f in needs_for_branch(branch).fits] == [0.0, 0.0]
    assert needs_for_branch(branch).members == 0

    make_member(branch, languages=[("en", "C1")])
    make_member(branch, languages=[("en", "B2")])
    make_member(branch, languages=[("en", "A2")])
    ranked = needs_for_branch(branch)
    assert [f.need.title for f in ranked.fits] == ["Engelsk", "Fransk"] and ranked.members == 3
    [reason] = _fit(branch, "Engelsk").gains
    assert (reason.kind, reason.subject, reason.members) == ("language", "en", 2)
    assert _fit(branch, "Fransk").gains == []


def test_a_member_of_another_branch_never_counts(db, make_branch, make_need, make_member):
    make_need(title="Unge", skills=(("youth-networks", 2, 3),), languages=(("sw", "B1", False),))
    ours, theirs = make_branch(), make_branch()
    other = make_member(theirs, languages=[("sw", "C1")])
    other.skills = [VolunteerSkill(area="youth-networks", level=4, source="declared")]
    db.session.commit()

    fit = _fit(ours, "Unge")
    assert fit.score == 0 and fit.gains == []
    assert all(reason.members == 0 for reason in fit.gaps)
    assert _fit(theirs, "Unge").score > 0


def test_a_correction_changes_the_ranking(db, make_branch, make_need):
    make_need(title="Unge", skills=(("youth-networks", 2, 3),), languages=())
    make_need(title="Kampagne", skills=(("campaigning", 2, 3),), languages=())
    branch = make_branch()
    branch.experience = [
        BranchExperience(description="Vi har drevet et ungdomsnetværk og kørt valgkamp", level=3)
    ]
    db.session.commit()
    before = {fit.need.title: fit.score for fit in needs_for_branch(branch).fits}
    assert before["Unge"] > 0 and before["Kampagne"] > 0

    branch.corrections = [BranchSkillCorrection(area="youth-networks", action="remove")]
    db.session.commit()
    assert _order(branch) == ["Kampagne", "Unge"]
    assert _fit(branch, "Unge").score == 0

    branch.corrections = [
        BranchSkillCorrection(area="youth-networks", action="change", level=4),
        BranchSkillCorrection(area="campaigning", action="change", level=1),
    ]
    db.session.commit()
    assert _order(branch) == ["Unge", "Kampagne"]


def test_a_near_deadline_is_marked(db, make_branch, make_need):
    today = date(2027, 1, 10)
    make_need(title="Snart", deadline=today + timedelta(days=5))
    make_need(title="Senere", deadline=today + timedelta(days=NEAR_DEADLINE_DAYS + 1))
    fits = {f.need.title: f for f in needs_for_branch(make_branch(), today).fits}
    assert fits["Snart"].deadline_near and fits["Snart"].days_left == 5
    assert not fits["Senere"].deadline_near


def test_only_open_public_needs_are_ranked(db, make_branch, make_need, make_project):
    make_need(title="Åben")
    make_need(title="Lukket", status="closed")
    make_need(title="I planlægning", project=make_project(status="planning"))
    assert _order(make_branch()) == ["Åben"]
