"""The taxonomy data file, the shared scales and the region map."""

import ast
from pathlib import Path

import pytest

from crm.matching import (
    COUNTRY_REGION,
    LANGUAGE_LEVELS,
    TRAVEL_MODES,
    accepts_travel,
    language_rank,
    load_taxonomy,
    region_of,
)
from crm.matching.normalise import fold

CORE_SLUGS = (
    "local-democracy",
    "branch-development",
    "youth-networks",
    "women-in-politics",
    "candidate-training",
    "energy-transition",
    "climate-environment",
    "welfare-policy",
    "sdgs",
    "policy-development",
    "campaigning",
    "membership-engagement",
    "training-facilitation",
    "communication",
    "public-dialogue",
    "human-rights",
    "labour-movement",
    "inclusion-equality",
    "multiparty-cooperation",
    "research-analysis",
    "project-management",
    "grants-fundraising",
)


def test_every_core_slug_has_labels_and_synonyms_in_both_languages():
    taxonomy = load_taxonomy()
    assert set(CORE_SLUGS) <= set(taxonomy.slugs)
    for slug in CORE_SLUGS:
        area = taxonomy.get(slug)
        assert area.label_da and area.label_en
        assert len(area.synonyms) >= 15


def test_labels_fall_back_to_english_then_to_the_slug():
    taxonomy = load_taxonomy()
    assert taxonomy.label("local-democracy", "da") == "Lokaldemokrati og kommunalpolitik"
    assert taxonomy.label("local-democracy", "en") == "Local democracy and local government"
    assert taxonomy.label("local-democracy", "de") == "Local democracy and local government"
    assert taxonomy.label("no-such-area", "da") == "no-such-area"


def test_choices_are_sorted_by_label():
    choices = load_taxonomy().choices("da")
    labels = [label.lower() for _, label in choices]
    assert labels == sorted(labels)
    assert {slug for slug, _ in choices} == set(load_taxonomy().slugs)


def test_no_synonym_points_at_two_areas():
    owners: dict[str, str] = {}
    for area in load_taxonomy().areas:
        for phrase in area.synonyms:
            assert owners.setdefault(fold(phrase), area.slug) == area.slug, phrase


def test_language_levels_and_travel_modes_are_ordered():
    ranks = [language_rank(level) for level in LANGUAGE_LEVELS]
    assert ranks == sorted(ranks) and language_rank("native") > language_rank("C2")
    with pytest.raises(ValueError):
        language_rank("B3")
    assert accepts_travel("long", "short") and accepts_travel("short", "short")
    assert not accepts_travel("short", "long") and not accepts_travel("remote", "short")
    assert all(accepts_travel(mode, "remote") for mode in TRAVEL_MODES)


def test_the_partys_countries_have_regions_shared_with_neighbours():
    for code in ("KE", "MK", "BA", "TH", "MY", "PH", "NP", "MN", "MM"):
        assert region_of(code)
    assert region_of("KE") == region_of("TZ") == region_of("UG")
    assert region_of("MK") == region_of("BA") == region_of("RS")
    assert region_of("TH") == region_of("MY") == region_of("PH") == region_of("MM")
    assert region_of("NP") == region_of("IN")
    assert region_of("MN") == region_of("CN")
    assert region_of("KE") != region_of("MK")
    assert len(COUNTRY_REGION) >= 249


def test_the_engine_imports_nothing_from_the_app():
    for path in (Path(__file__).parents[2] / "crm" / "matching").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            else:
                continue
            for name in names:
                root = name.split(".")[0]
                assert root not in ("flask", "flask_sqlalchemy", "sqlalchemy", "crm"), (path, name)
                assert not root.startswith("flask_"), (path, name)


def test_importing_the_engine_loads_no_flask_or_database_layer():
    import subprocess
    import sys

    code = (
        "import sys, crm.matching, crm.matching.cli; "
        "layers = ('flask', 'sqlalchemy', 'flask_babel'); "
        "bad = [m for m in sys.modules if m.split('.')[0] in layers]; "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
