"""The fuzzy name index: kept on disk for fresh processes, current with renames and erasures."""

import itertools

import numpy as np
import pytest
from rapidfuzz import fuzz, utils

from crm.consultant import name_index as module
from crm.consultant.name_index import FUZZY_CUTOFF, NameIndex, fold, fold_short
from crm.models import Volunteer
from crm.rights import erasure
from crm.volunteers import services

FIRST = ("Mette", "Søren", "Ærø", "Mads", "Anne", "Åse", "Jørgen", "Mete", "Søs", "Frederik")
LAST = ("Hansen", "Østergård", "Jensen", "Nielsen", "Hansén", "Ærøe", "Møller", "Frederiksen")
QUERIES = ("Mete", "Hansn", "soren", "Mette Hansn", "oestergaard", "jorgen moler", "Aase", "ero")


def reference(people: dict[int, tuple[str, str]], q: str, limit: int = 200) -> list:
    """Today's answer, by brute force: every volunteer's best score over both folds."""
    texts = {utils.default_process(fold(q)), utils.default_process(fold_short(q))}
    several = len(next(iter(texts)).split()) > 1
    best: dict[int, float] = {}
    for vid, (first, last) in people.items():
        for folding, text in itertools.product((fold, fold_short), texts):
            f, la = utils.default_process(folding(first)), utils.default_process(folding(last))
            if several:
                scores = [fuzz.token_sort_ratio(text, f"{f} {la}")]
            else:
                scores = [fuzz.ratio(text, f), fuzz.ratio(text, la)]
            for s in scores:
                if s >= FUZZY_CUTOFF:
                    best[vid] = max(s, best.get(vid, 0))
    return sorted(best.items(), key=lambda h: (-h[1], h[0]))[:limit]


@pytest.fixture()
def people(db, make_volunteer) -> dict[int, tuple[str, str]]:
    """Thirty volunteers with Danish names, several sharing one."""
    found = {}
    for first, last in itertools.islice(itertools.product(FIRST, LAST), 0, 80, 3):
        v = make_volunteer(first_name=first, last_name=last)
        found[v.id] = (first, last)
    return found


def rename(db, volunteer_id: int, first: str, last: str) -> None:
    volunteer = db.session.get(Volunteer, volunteer_id)
    services.update_contact(
        volunteer,
        first_name=first,
        last_name=last,
        phone="",
        postcode="",
        city="",
        branch_id=None,
        share_with_branch=False,
    )
    db.session.commit()


def test_answers_equal_a_brute_force_search_also_after_changes(db, people, make_volunteer):
    index = NameIndex()
    for q in QUERIES:
        assert index.search(q) == reference(people, q), q
    some = sorted(people)
    rename(db, some[0], "Mettte", "Hansen")
    rename(db, some[1], "Jørgen", "Møller")
    extra = make_volunteer(first_name="Søren", last_name="Hansen")
    people.update({some[0]: ("Mettte", "Hansen"), some[1]: ("Jørgen", "Møller")})
    people[extra.id] = ("Søren", "Hansen")
    for q in QUERIES:
        assert index.search(q) == reference(people, q), q
    assert index.search("Hansn", limit=3) == reference(people, "Hansn", limit=3)


def test_a_fresh_process_loads_the_file_and_reads_only_what_changed(app, db, people, monkeypatch):
    first = NameIndex()
    first.search("Mete")  # reads everyone and writes the file
    some = sorted(people)
    rename(db, some[2], "Gertrud", "Hansen")  # changed after the file was written
    reads = []
    real_read = module._read
    monkeypatch.setattr(module, "_read", lambda ids=None: reads.append(ids) or real_read(ids))
    fresh = NameIndex()  # another process: nothing in memory
    assert [vid for vid, _ in fresh.search("Gertrut")] == [some[2]]
    assert reads == [[some[2]]]  # the file gave every other name
    people[some[2]] = ("Gertrud", "Hansen")
    for q in QUERIES:
        assert fresh.search(q) == reference(people, q), q


def test_a_rename_shows_in_the_next_search_of_every_process(db, people):
    one, other = NameIndex(), NameIndex()
    target = sorted(people)[0]
    old_first = people[target][0]
    assert target in dict(one.search(old_first)) and target in dict(other.search(old_first))
    rename(db, target, "Bodil", "Kjærsgaard")
    for index in (one, other):
        assert target in dict(index.search("Bodil Kjaersgard"))
        assert target not in dict(index.search(old_first))


def test_an_erased_persons_name_leaves_every_index_and_the_file(app, db, people):
    one, other = NameIndex(), NameIndex()
    target = next(vid for vid, (first, _last) in people.items() if first == "Frederik")
    assert target in dict(one.search("Frederik")) and target in dict(other.search("Frederik"))
    erasure.erase(db.session.get(Volunteer, target))
    db.session.commit()
    assert target not in dict(one.search("Frederik"))
    assert target not in dict(other.search("Frederik"))
    with np.load(app.config["NAME_INDEX_FILE"], allow_pickle=False) as data:
        assert target not in data["full_ids"].tolist() + data["first_ids"].tolist()


def test_a_file_of_another_database_is_not_used(app, db, people):
    NameIndex().search("Mete")
    with np.load(app.config["NAME_INDEX_FILE"], allow_pickle=False) as data:
        arrays = dict(data)
    arrays["database"] = np.array("sqlite:///somewhere-else|1|2026-01-01T00:00:00+00:00")
    arrays["first_names"] = np.array(["zzz"] * len(arrays["first_names"]))
    np.savez(app.config["NAME_INDEX_FILE"], **arrays)
    assert NameIndex().search("Mete") == reference(people, "Mete")
