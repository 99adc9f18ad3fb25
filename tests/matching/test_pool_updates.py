"""A pool kept current by replaced() ranks exactly like a pool built from the same candidates."""

import pytest

from crm.matching import (
    Candidate,
    CandidatePool,
    Language,
    NeedSpec,
    Skill,
    SkillRequirement,
    load_taxonomy,
)

AREAS = load_taxonomy().slugs[:2]


def assert_same_rankings(pool: CandidatePool, fresh: CandidatePool, needs: list[NeedSpec]) -> None:
    """Every observable answer of the two pools is the same."""
    assert len(pool) == len(fresh)
    assert pool.candidates == fresh.candidates
    for need in needs:
        for top, max_excluded in ((None, None), (5, 3), (0, 0)):
            assert pool.rank(need, top, max_excluded) == fresh.rank(need, top, max_excluded)
        scores, excluded = pool.scores(need)
        expected_scores, expected_excluded = fresh.scores(need)
        assert scores.tolist() == expected_scores.tolist()
        assert excluded.tolist() == expected_excluded.tolist()
    assert pool.rank_all(needs, top=10, workers=2) == fresh.rank_all(needs, top=10, workers=2)


def test_many_rounds_of_changes_rank_like_a_pool_built_afresh(rng, make_candidate, make_need):
    people = {f"v{i:04d}": make_candidate(f"v{i:04d}") for i in range(0, 600, 2)}
    needs = [make_need(f"n{i}") for i in range(12)]
    pool = CandidatePool.from_candidates(people.values())
    for round_ in range(25):
        changed = [make_candidate(rng.choice(sorted(people))) for _ in range(3)]
        added = [make_candidate(f"v{rng.randrange(1, 600, 2):04d}") for _ in range(2)]
        changed_ids = {c.id for c in changed + added}
        removed = rng.sample(sorted(set(people) - changed_ids), 2) + ["v9999"]  # one unknown
        pool = pool.replaced({c.id: c for c in changed + added}.values(), removed)
        people.update({c.id: c for c in changed + added})
        for gone in removed:
            people.pop(gone, None)
        if round_ % 5 == 4:
            assert_same_rankings(pool, CandidatePool.from_candidates(people.values()), needs)
    assert len(pool.overlay) > 0  # the test exercised the layered pool, not only rebuilds


def test_a_changed_candidate_moves_to_its_new_place_and_ties_still_go_by_id():
    need = NeedSpec("n1", skills=(SkillRequirement(AREAS[0], 1, 1.0),))
    people = [Candidate(f"v{i}", (Skill(AREAS[0], 2),)) for i in range(1, 6)]
    pool = CandidatePool.from_candidates(people)
    better = Candidate("v4", (Skill(AREAS[0], 4),))
    worse = Candidate("v2", (Skill(AREAS[1], 4),))
    newcomer = Candidate("v0", (Skill(AREAS[0], 2),))
    updated = pool.replaced([better, worse, newcomer], ["v5"])
    ranking = updated.rank(need)
    assert [r.candidate_id for r in ranking.candidates] == ["v4", "v0", "v1", "v3", "v2"]
    assert ranking == CandidatePool.from_candidates(
        [people[0], worse, people[2], better, newcomer]
    ).rank(need)
    assert pool.rank(need).candidates[0].candidate_id == "v1"  # the old pool is unchanged


def test_find_sees_changes_and_removals():
    pool = CandidatePool.from_candidates([Candidate("v1"), Candidate("v2")])
    spoken = Candidate("v2", languages=(Language("da", "C1"),))
    updated = pool.replaced([spoken, Candidate("v3")], ["v1"])
    assert updated.find("v1") is None
    assert updated.find("v2") == spoken
    assert updated.find("v3") == Candidate("v3")
    assert updated.find("v4") is None
    assert pool.find("v2") == Candidate("v2")


def test_a_candidate_both_changed_and_removed_is_refused():
    pool = CandidatePool.from_candidates([Candidate("v1")])
    with pytest.raises(ValueError):
        pool.replaced([Candidate("v1")], ["v1"])


def test_a_large_overlay_is_folded_into_a_fresh_build(make_candidate, make_need):
    people = [make_candidate(f"v{i:04d}") for i in range(400)]
    needs = [make_need(f"n{i}") for i in range(5)]
    pool = CandidatePool.from_candidates(people)
    changed = [make_candidate(f"v{i:04d}") for i in range(300)]
    step = pool.replaced(changed[:150])
    assert len(step.overlay) == 150
    folded = step.replaced(changed[150:])
    assert len(folded.overlay) == 0 and not folded.hidden.any()
    assert_same_rankings(folded, CandidatePool.from_candidates(changed + people[300:]), needs)


def test_emptying_a_pool_and_filling_it_again():
    pool = CandidatePool.from_candidates([Candidate("v1"), Candidate("v2")])
    need = NeedSpec("n1", skills=(SkillRequirement(AREAS[0], 1, 1.0),))
    empty = pool.replaced((), ["v1", "v2"])
    assert len(empty) == 0 and empty.rank(need).candidates == []
    again = empty.replaced([Candidate("v2", (Skill(AREAS[0], 3),))])
    assert [r.candidate_id for r in again.rank(need).candidates] == ["v2"]
