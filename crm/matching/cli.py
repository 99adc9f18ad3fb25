"""The crm-match console script: `rank INPUT.json [--top K] [--explain]`, `normalise [TEXT]`."""

import argparse
import json
import sys
from collections.abc import Iterable

from .jsonfile import InputError, read_input
from .model import Ranking, Result
from .normalise import AreaMatch, load_normaliser
from .ranking import CandidatePool


def main(argv: list[str] | None = None) -> int:
    """Run crm-match; returns the exit code (2 for malformed input or usage)."""
    parser = argparse.ArgumentParser(prog="crm-match", description="Frivillig CRM matching engine.")
    commands = parser.add_subparsers(dest="command", required=True)
    rank = commands.add_parser("rank", help="rank volunteers for each need in INPUT.json")
    rank.add_argument("input", metavar="INPUT.json", help='the file to read ("-" for stdin)')
    rank.add_argument("--top", type=_count, metavar="K", help="only the K best candidates a need")
    rank.add_argument("--explain", action="store_true", help="add each score's explanation")
    normalise = commands.add_parser("normalise", help="map free text to taxonomy areas")
    normalise.add_argument(
        "texts", nargs="*", metavar="TEXT", help="texts to map (default: one a line from stdin)"
    )
    args = parser.parse_args(argv)
    try:
        if args.command == "rank":
            _rank(args.input, args.top, args.explain)
        else:
            _normalise(args.texts or (line.strip() for line in sys.stdin if line.strip()))
    except InputError as error:
        print(f"crm-match: {error}", file=sys.stderr)
        return 2
    return 0


def _count(value: str) -> int:
    if not value.isdigit():
        raise argparse.ArgumentTypeError(f"expected a whole number of 0 or more, got {value!r}")
    return int(value)


def _rank(path: str, top: int | None, explain: bool) -> None:
    try:
        if path == "-":
            data = json.load(sys.stdin)
        else:
            with open(path, encoding="utf-8") as file:
                data = json.load(file)
    except OSError as error:
        raise InputError(f"{path}: cannot read the file ({error.strerror})") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: not valid JSON ({error})") from None
    candidates, needs = read_input(data, load_normaliser())
    pool = CandidatePool.from_candidates(candidates)
    rankings = [_ranking_json(r, explain) for r in pool.rank_all(needs, top)]
    json.dump({"rankings": rankings}, sys.stdout, ensure_ascii=False, indent=2)
    print()


def _ranking_json(ranking: Ranking, explain: bool) -> dict:
    return {
        "need": ranking.need_id,
        "candidates": [_result_json(r, explain) for r in ranking.candidates],
        "excluded": [
            {**_result_json(r, explain), "reasons": [e.to_dict() for e in r.exclusions]}
            for r in ranking.excluded
        ],
        "excluded_count": ranking.excluded_count,
    }


def _result_json(result: Result, explain: bool) -> dict:
    entry: dict[str, object] = {"volunteer": result.candidate_id, "score": result.score}
    if explain:
        entry["explanation"] = [f.to_dict() for f in result.factors]
    return entry


def _normalise(texts: Iterable[str]) -> None:
    texts = list(texts)
    for text, matches in zip(texts, load_normaliser().normalise_many(texts), strict=True):
        areas = [_area_json(m) for m in matches]
        print(json.dumps({"text": text, "areas": areas}, ensure_ascii=False))


def _area_json(match: AreaMatch) -> dict[str, object]:
    """PRODUCT.md's shape: area, confidence, level, and years only where the text states them."""
    entry: dict[str, object] = {
        "area": match.area,
        "confidence": round(match.confidence, 3),
        "level": match.level,
    }
    if match.years is not None:
        entry["years"] = match.years
    return entry


if __name__ == "__main__":
    raise SystemExit(main())
