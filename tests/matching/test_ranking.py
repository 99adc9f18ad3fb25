"""The vectorised pool: same numbers as score(), ties by id, top-K, excluded lists."""

import pytest

from crm.matching import (
    Availability,
    Candidate,
    CandidatePool,
    Language,
    LanguageRequirement,
    NeedSpec,
    Skill,
    SkillRequirement,
    rank_needs_for,
    score,
)


def test_vectorised_scores_equal_the_reference_for_every_pair(make_candidate, make_need):
    candidates = [make_candidate(f"v{i:03d}") for i in range(300)]
    needs = [make_need(f"n{i:02d}") for i in range(80)]
    pool = CandidatePool.from_candidates(candidates)
    for need in needs:
        scores, excluded = pool.scores(need)
        for i, candidate in enumerate(pool.candidates):
            expected = score(candidate, need)
            assert scores[i] == expected.score, (candidate, need)
            assert bool(excluded[i]) == expected.excluded, (candidate, need)


def test_a_required_language_below_its_level_scores_the_same_in_both_paths():
    wanted = NeedSpec(
        "n1",
        skills=(SkillRequirement("local-democracy", 2, 1.0),),
        languages=(LanguageRequirement("en", "B2", required=True),),
    )
    levels = ("A1", "A2", "B1", "B2", "C1", None)
    candidates = [
        Candidate(f"v{i}", (Skill("local-democracy", 3),), (Language("en", level),))
        for i, level in enumerate(levels)
    ]
    pool = CandidatePool.from_candidates(candidates)
    scores, excluded = pool.scores(wanted)
    reference = [score(c, wanted) for c in pool.candidates]
    assert scores.tolist() == [r.score for r in reference]
    assert excluded.tolist() == [True, True, True, False, False, False]
    assert len(set(scores[:3].tolist())) == 1  # A1, A2 and B1 all earn nothing for English


def test_full_ranking_orders_by_score_then_id_and_agrees_with_score(make_candidate, make_need):
    candidates = [make_candidate(f"v{i:03d}") for i in range(200)]
    pool = CandidatePool.from_candidates(candidates)
    for n in range(20):
        need = make_need(f"n{n}")
        ranking = pool.rank(need)
        keys = [(-r.score, r.candidate_id) for r in ranking.candidates]
        assert keys == sorted(keys)
        assert len(ranking.candidates) + ranking.excluded_count == len(candidates)
        assert all(not r.excluded for r in ranking.candidates)
        assert all(r.excluded for r in ranking.excluded)
        by_id = {c.id: c for c in candidates}
        assert all(r == score(by_id[r.candidate_id], need) for r in ranking.candidates[:10])


def test_ties_are_broken_by_id():
    same = (Skill("sdgs", 3),)
    pool = CandidatePool.from_candidates(
        [Candidate("v3", same), Candidate("v1", same), Candidate("v2", same)]
    )
    ranking = pool.rank(NeedSpec("n", skills=(SkillRequirement("sdgs", 2),)))
    assert [r.candidate_id for r in ranking.candidates] == ["v1", "v2", "v3"]


def test_top_k_is_the_head_of_the_full_ranking(make_candidate, make_need):
    pool = CandidatePool.from_candidates(make_candidate(f"v{i}") for i in range(150))
    need = make_need("n")
    full = pool.rank(need)
    for k in (0, 1, 7, 500):
        assert pool.rank(need, top=k).candidates == full.candidates[:k]


def test_excluded_are_counted_listed_with_reasons_and_can_be_limited():
    english = LanguageRequirement("en", "B2", required=True)
    candidates = [Candidate(f"v{i}", languages=(Language("en", "A2"),)) for i in range(5)]
    candidates.append(Candidate("ok", languages=(Language("en", "C1"),)))
    pool = CandidatePool.from_candidates(candidates)
    ranking = pool.rank(NeedSpec("n", languages=(english,)), max_excluded=2)
    assert [r.candidate_id for r in ranking.candidates] == ["ok"]
    assert ranking.excluded_count == 5 and len(ranking.excluded) == 2
    assert ranking.excluded[0].exclusions[0].kind == "language"


def test_rank_all_ranks_each_need(make_candidate, make_need):
    pool = CandidatePool.from_candidates(make_candidate(f"v{i}") for i in range(40))
    needs = [make_need(f"n{i}") for i in range(5)]
    assert pool.rank_all(needs, top=3) == [pool.rank(n, top=3) for n in needs]


def test_needs_for_a_candidate_best_first_without_excluding_needs():
    candidate = Candidate("v", (Skill("sdgs", 4),), availability=Availability(travel="remote"))
    needs = [
        NeedSpec("b", skills=(SkillRequirement("sdgs", 1),)),
        NeedSpec("a", skills=(SkillRequirement("sdgs", 1),)),
        NeedSpec("c", skills=(SkillRequirement("sdgs", 1), SkillRequirement("campaigning", 1))),
        NeedSpec("far", skills=(SkillRequirement("sdgs", 1),), travel="long"),
    ]
    ranked = rank_needs_for(candidate, needs)
    assert [need_id for need_id, _ in ranked] == ["a", "b", "c"]
    assert rank_needs_for(candidate, needs, top=1)[0][0] == "a"


def test_an_empty_pool_and_unknown_areas_and_languages_are_fine():
    empty = CandidatePool.from_candidates([])
    need = NeedSpec(
        "n",
        skills=(SkillRequirement("sdgs", 1),),
        languages=(LanguageRequirement("fr", "B1", required=True),),
    )
    assert empty.rank(need).candidates == []
    pool = CandidatePool.from_candidates([Candidate("v", languages=(Language("en", "C1"),))])
    assert pool.rank(need).excluded_count == 1


def test_candidate_ids_must_be_unique():
    with pytest.raises(ValueError, match="unique"):
        CandidatePool.from_candidates([Candidate("v"), Candidate("v")])


def test_ranking_leaves_the_garbage_collector_as_it_found_it():
    import gc

    pool = CandidatePool.from_candidates([])
    need = NeedSpec(id="n1")
    assert gc.isenabled()
    pool.rank(need, top=5)
    pool.rank_all([need], top=5)
    assert gc.isenabled()
    gc.disable()
    try:
        pool.rank(need, top=5)
        assert not gc.isenabled()
    finally:
        gc.enable()
