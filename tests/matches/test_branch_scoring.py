"""A branch's collective experience is scored against a need like a volunteer's."""

from crm.matches.adapter import branch_candidate, need_spec_for
from crm.matching import score
from crm.models import BranchExperience


def test_branch_with_fitting_experience_scores_higher(db, make_branch, make_need):
    need = make_need(skills=(("youth-networks", 2, 3),), languages=())
    youth = make_branch(name="Ungdomsaktive")
    youth.experience = [
        BranchExperience(description="Vi har bygget et stort ungdomsnetværk med DSU", level=3)
    ]
    knitters = make_branch(name="Strikkeklubben")
    knitters.experience = [BranchExperience(description="Vi strikker sammen", level=4)]
    db.session.commit()

    fitting = score(branch_candidate(youth), need_spec_for(need))
    other = score(branch_candidate(knitters), need_spec_for(need))

    assert not fitting.excluded and fitting.score > other.score
    skill = next(f for f in fitting.factors if f.subject == "youth-networks")
    assert skill.points > 0 and skill.confidence <= 1.0


def test_declared_area_counts_at_its_level(db, make_branch, make_need):
    need = make_need(skills=(("candidate-training", 3, 1),), languages=())
    branch = make_branch()
    branch.experience = [BranchExperience(area="candidate-training", level=4, years=5)]
    db.session.commit()
    candidate = branch_candidate(branch)
    assert [(s.area, s.level, s.source) for s in candidate.skills] == [
        ("candidate-training", 4, "declared")
    ]
    assert score(candidate, need_spec_for(need)).score > 0
