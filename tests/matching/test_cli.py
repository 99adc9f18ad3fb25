"""The crm-match file interface as PRODUCT.md fixes it, and its errors."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from crm.matching.cli import main

ROOT = Path(__file__).resolve().parents[2]

EXAMPLE = {
    "volunteers": [
        {
            "id": "v1",
            "experience": [
                {"area": "local-democracy", "level": 3},
                {"text": "har trænet kvindelige kandidater til kommunalvalg", "level": 2},
            ],
            "languages": [{"code": "en", "level": "C1"}, {"code": "da", "level": "native"}],
            "countries": ["KE"],
            "availability": {
                "from": "2027-01-01",
                "to": "2027-12-31",
                "hours_per_month": 10,
                "travel": "short",
            },
        },
        {"id": "v2", "experience": [{"text": "byrådsmedlem", "level": 2}], "countries": ["UG"]},
        {"id": "v3"},
        {"id": "v9", "languages": [{"code": "en", "level": "A2"}]},
    ],
    "needs": [
        {
            "id": "n1",
            "skills": [
                {"area": "local-democracy", "min_level": 2, "weight": 3},
                {"area": "public-dialogue", "min_level": 1, "weight": 1},
            ],
            "languages": [{"code": "en", "min_level": "B2", "required": True}],
            "countries": ["KE"],
            "period": {"from": "2027-03-01", "to": "2027-06-30"},
            "hours_per_month": 8,
            "travel": "short",
        }
    ],
}


def run(tmp_path, capsys, data, *options):
    path = tmp_path / "input.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    code = main(["rank", str(path), *options])
    out, err = capsys.readouterr()
    return code, out, err


def test_rank_prints_ranked_candidates_and_excluded_with_reasons(tmp_path, capsys):
    code, out, err = run(tmp_path, capsys, EXAMPLE)
    assert code == 0 and err == ""
    (ranking,) = json.loads(out)["rankings"]
    assert ranking["need"] == "n1"
    ranked = ranking["candidates"]
    assert [c["volunteer"] for c in ranked] == ["v1", "v2", "v3"]
    assert ranked[0]["score"] > ranked[1]["score"] > ranked[2]["score"] >= 0
    assert all(set(c) == {"volunteer", "score"} for c in ranked)
    (excluded,) = ranking["excluded"]
    assert excluded["volunteer"] == "v9"
    (reason,) = excluded["reasons"]
    assert reason["reason"] == "language" and reason["subject"] == "en" and reason["text"]


def test_explain_adds_factors_with_points_and_text(tmp_path, capsys):
    code, out, _ = run(tmp_path, capsys, EXAMPLE, "--explain")
    best = json.loads(out)["rankings"][0]["candidates"][0]
    factors = {item["factor"]: item for item in best["explanation"]}
    assert {"skill", "language", "country", "hours", "period", "travel"} <= set(factors)
    assert all({"points", "text", "max_points"} <= set(item) for item in best["explanation"])
    assert factors["skill"]["subject"] == "local-democracy"
    assert sum(item["points"] for item in best["explanation"]) == pytest.approx(
        best["score"], abs=1
    )


def test_free_text_experience_is_normalised(tmp_path, capsys):
    _, out, _ = run(tmp_path, capsys, EXAMPLE, "--explain")
    v2 = json.loads(out)["rankings"][0]["candidates"][1]
    (skill,) = [f for f in v2["explanation"] if f["factor"] == "text_skill"]
    assert skill["subject"] == "local-democracy" and 0 < skill["confidence"] <= 1


def test_top_limits_the_candidates(tmp_path, capsys):
    _, out, _ = run(tmp_path, capsys, EXAMPLE, "--top", "1")
    ranking = json.loads(out)["rankings"][0]
    assert [c["volunteer"] for c in ranking["candidates"]] == ["v1"]
    assert [e["volunteer"] for e in ranking["excluded"]] == ["v9"]


def test_every_field_but_id_is_optional(tmp_path, capsys):
    code, out, _ = run(tmp_path, capsys, {"volunteers": [{"id": "a"}], "needs": [{"id": "n"}]})
    assert code == 0
    assert json.loads(out)["rankings"][0]["candidates"] == [{"volunteer": "a", "score": 0.0}]


@pytest.mark.parametrize(
    ("change", "named"),
    [
        (lambda d: d["volunteers"][0]["experience"][0].update(level=7), 'volunteer "v1"'),
        (lambda d: d["volunteers"][0]["experience"][0].update(area="knitting"), "area"),
        (lambda d: d["volunteers"][0]["availability"].update({"from": "2027-13-01"}), "from"),
        (lambda d: d["volunteers"][0]["availability"].update(travel="by boat"), "travel"),
        (lambda d: d["volunteers"][0]["languages"][0].update(level="B3"), "languages[0]"),
        (lambda d: d["volunteers"][0]["languages"][0].update(code="english"), "code"),
        (lambda d: d["volunteers"][0].update(countries=["Kenya"]), "countries[0]"),
        (lambda d: d["volunteers"][0].update(countries="KE"), "countries"),
        (lambda d: d["volunteers"][1].pop("id"), "volunteer #2"),
        (lambda d: d["needs"][0].update(hours_per_month="lots"), 'need "n1"'),
        (lambda d: d["needs"][0]["skills"][0].update(weight=-1), "weight"),
        (lambda d: d["needs"][0]["languages"][0].update(required="yes"), "required"),
        (
            lambda d: d["needs"][0].update(period={"from": "2027-06-01", "to": "2027-01-01"}),
            "period",
        ),
        (lambda d: d["needs"].append({"id": "n1"}), 'need "n1"'),
    ],
)
def test_malformed_input_names_the_record_and_field(tmp_path, capsys, change, named):
    data = json.loads(json.dumps(EXAMPLE))
    change(data)
    code, out, err = run(tmp_path, capsys, data)
    assert code == 2 and out == ""
    assert named in err and err.count("\n") == 1 and "Traceback" not in err


@pytest.mark.parametrize("text", ["{not json", "[1, 2]", '{"volunteers": {}}'])
def test_bad_json_is_a_clear_error(tmp_path, capsys, text):
    code, _, err = run(tmp_path, capsys, text)
    assert code == 2 and err.startswith("crm-match: ") and err.count("\n") == 1


def test_a_missing_file_is_a_clear_error(tmp_path, capsys):
    assert main(["rank", str(tmp_path / "nope.json")]) == 2
    assert "nope.json" in capsys.readouterr().err


def test_normalise_prints_one_json_object_per_text(capsys):
    assert main(["normalise", "kandidatskole", "strikning"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert lines[0]["text"] == "kandidatskole"
    assert lines[0]["areas"][0]["area"] == "candidate-training"
    assert 0 < lines[0]["areas"][0]["confidence"] <= 1
    assert lines[1] == {"text": "strikning", "areas": []}


def test_normalise_gives_each_area_a_level_and_years_only_where_stated(capsys):
    assert main(["normalise", "formand for DSU i 5 år og interesseret i klima"]) == 0
    (line,) = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert set(line) == {"text", "areas"}
    youth, climate = line["areas"]
    assert youth == {"area": "youth-networks", "confidence": 1.0, "level": 4, "years": 5}
    assert set(climate) == {"area", "confidence", "level"} and climate["level"] == 1


def test_a_level_the_person_gave_wins_over_the_level_read_from_text(tmp_path, capsys):
    text = "Formand for kvindenetværket i 12 år"
    data = {
        "volunteers": [
            {"id": "given", "experience": [{"text": text, "level": 1}]},
            {"id": "read", "experience": [{"text": text}]},
        ],
        "needs": [{"id": "n", "skills": [{"area": "women-in-politics", "min_level": 3}]}],
    }
    _, out, _ = run(tmp_path, capsys, data, "--explain")
    ranked = json.loads(out)["rankings"][0]["candidates"]
    levels = {
        c["volunteer"]: [f["value"] for f in c["explanation"] if f["factor"] == "text_skill"]
        for c in ranked
    }
    assert levels == {"read": [4], "given": [1]}
    assert [c["volunteer"] for c in ranked] == ["read", "given"]


def test_normalise_reads_stdin_one_text_a_line(capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO("DSU\n\nknitting\n"))
    assert main(["normalise"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["text"] for line in lines] == ["DSU", "knitting"]
    assert lines[0]["areas"][0]["area"] == "youth-networks" and lines[1]["areas"] == []


def test_runs_as_a_module(tmp_path):
    path = tmp_path / "input.json"
    path.write_text(json.dumps(EXAMPLE), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "crm.matching.cli", "rank", str(path), "--top", "2"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert [c["volunteer"] for c in json.loads(done.stdout)["rankings"][0]["candidates"]] == [
        "v1",
        "v2",
    ]
    broken = subprocess.run(
        [sys.executable, "-m", "crm.matching.cli", "rank", str(tmp_path / "missing.json")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert broken.returncode == 2 and "Traceback" not in broken.stderr
