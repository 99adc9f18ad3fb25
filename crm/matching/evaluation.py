"""Measure the normaliser on labelled sets: `python -m crm.matching.evaluation [--sweep]`.

Two sets: short texts with their areas (normalise_eval.tsv), and profile paragraphs with every
area's level and years (normalise_paragraphs.tsv, `--paragraphs`), tuning and held-out apart.
"""

import argparse
from dataclasses import dataclass
from pathlib import Path

from .normalise import Normaliser
from .taxonomy import load_taxonomy

DATA = Path(__file__).resolve().parents[2] / "tests" / "data"
DEFAULT_SET = DATA / "normalise_eval.tsv"
PARAGRAPHS = DATA / "normalise_paragraphs.tsv"
PARAGRAPHS_YEAR = 2026
"""The reference year the paragraphs were labelled with ("siden 2019" = 7 years)."""


@dataclass(frozen=True)
class Example:
    """A labelled text: the areas it should map to (none for text that fits nothing)."""

    text: str
    expected: frozenset[str]


@dataclass(frozen=True)
class Report:
    """How well the normaliser did on a labelled set.

    accuracy: share of texts whose top area is among the expected ones, or that got no area when
    none was expected. precision and recall count every (text, area) pair returned or expected.
    """

    total: int
    accuracy: float
    precision: float
    recall: float
    failures: tuple[tuple[str, frozenset[str], tuple[str, ...]], ...]


def load_examples(path: Path = DEFAULT_SET) -> list[Example]:
    """Read a TSV of `text<TAB>slug,slug` lines ("-" = no area; "#" starts a comment)."""
    examples = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        text, slugs = line.split("\t")
        expected = frozenset() if slugs.strip() == "-" else frozenset(slugs.strip().split(","))
        examples.append(Example(text, expected))
    return examples


def evaluate(normaliser: Normaliser, examples: list[Example]) -> Report:
    """Run the normaliser over the examples and score it."""
    found = normaliser.normalise_many(e.text for e in examples)
    correct = returned = relevant = expected = 0
    failures = []
    for example, matches in zip(examples, found, strict=True):
        areas = tuple(m.area for m in matches)
        if areas[0] in example.expected if areas else not example.expected:
            correct += 1
        else:
            failures.append((example.text, example.expected, areas))
        returned += len(areas)
        relevant += len(example.expected.intersection(areas))
        expected += len(example.expected)
    return Report(
        total=len(examples),
        accuracy=correct / len(examples),
        precision=relevant / returned if returned else 1.0,
        recall=relevant / expected if expected else 1.0,
        failures=tuple(failures),
    )


@dataclass(frozen=True)
class Paragraph:
    """A labelled profile paragraph: area → (level, years or None); part "tune" or "held-out"."""

    part: str
    text: str
    expected: dict[str, tuple[int, int | None]]


@dataclass(frozen=True)
class ParagraphReport:
    """How well the normaliser read whole paragraphs.

    precision and recall count (paragraph, area) pairs; exact_sets is the share of paragraphs
    whose set of areas is exactly the labelled one; the level and years figures are over the
    areas both labelled and found (years: equal, "not stated" included).
    """

    total: int
    precision: float
    recall: float
    exact_sets: float
    level_exact: float
    level_within_one: float
    years: float
    failures: tuple[tuple[str, str], ...]


def load_paragraphs(path: Path = PARAGRAPHS) -> list[Paragraph]:
    """Read a TSV of `part<TAB>text<TAB>slug:level[:years],...` lines ("-" = no area)."""
    paragraphs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        part, text, labels = line.split("\t")
        expected: dict[str, tuple[int, int | None]] = {}
        for label in [] if labels.strip() == "-" else labels.strip().split(","):
            slug, level, *years = label.split(":")
            expected[slug] = (int(level), int(years[0]) if years else None)
        paragraphs.append(Paragraph(part, text, expected))
    return paragraphs


def evaluate_paragraphs(normaliser: Normaliser, paragraphs: list[Paragraph]) -> ParagraphReport:
    """Run the normaliser over the paragraphs and score areas, levels and years."""
    found = normaliser.normalise_many(p.text for p in paragraphs)
    returned = relevant = expected = exact = matched = level = near = years = 0
    failures = []
    for paragraph, matches in zip(paragraphs, found, strict=True):
        got = {m.area: (m.level, m.years) for m in matches}
        wanted = paragraph.expected
        returned, expected = returned + len(got), expected + len(wanted)
        both = got.keys() & wanted.keys()
        relevant += len(both)
        exact += got.keys() == wanted.keys()
        for area in both:
            matched += 1
            level += got[area][0] == wanted[area][0]
            near += abs(got[area][0] - wanted[area][0]) <= 1
            years += got[area][1] == wanted[area][1]
        if got != wanted:
            failures.append((paragraph.text, _difference(got, wanted)))
    return ParagraphReport(
        total=len(paragraphs),
        precision=relevant / returned if returned else 1.0,
        recall=relevant / expected if expected else 1.0,
        exact_sets=exact / len(paragraphs),
        level_exact=level / matched if matched else 1.0,
        level_within_one=near / matched if matched else 1.0,
        years=years / matched if matched else 1.0,
        failures=tuple(failures),
    )


def _difference(got: dict, wanted: dict) -> str:
    def show(area: str, depth: tuple[int, int | None]) -> str:
        return f"{area}:{depth[0]}" + (f":{depth[1]}" if depth[1] is not None else "")

    missed = [show(a, d) for a, d in wanted.items() if a not in got]
    extra = [show(a, d) for a, d in got.items() if a not in wanted]
    wrong = [
        f"{show(a, got[a])} (want {show(a, d)})"
        for a, d in wanted.items()
        if a in got and got[a] != d
    ]
    return "; ".join(
        part
        for part in (
            "missed " + ", ".join(missed) if missed else "",
            "extra " + ", ".join(extra) if extra else "",
            "depth " + ", ".join(wrong) if wrong else "",
        )
        if part
    )


PARAMETERS = {
    "threshold": (0.75, 0.80, 0.84, 0.86, 0.88, 0.90, 0.92, 0.95),
    "inflection_confidence": (0.80, 0.86, 0.90, 0.92, 0.95),
    "compound_confidence": (0.0, 0.80, 0.86, 0.88, 0.90, 0.95),
    "two_edits_from": (9, 11, 13, 15, 99),
}


def sweep(examples: list[Example]) -> list[tuple[str, float, Report]]:
    """Vary one Normaliser parameter at a time (the others at their defaults) and evaluate."""
    taxonomy = load_taxonomy()
    return [
        (name, value, evaluate(Normaliser(taxonomy, **{name: value}), examples))
        for name, values in PARAMETERS.items()
        for value in values
    ]


def main(argv: list[str] | None = None) -> int:
    """Print the accuracy on a labelled set, its failures and, with --sweep, a parameter grid."""
    parser = argparse.ArgumentParser(prog="python -m crm.matching.evaluation")
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT_SET)
    parser.add_argument("--sweep", action="store_true", help="try a grid of thresholds")
    parser.add_argument(
        "--paragraphs", action="store_true", help=f"score {PARAGRAPHS.name} instead, by part"
    )
    parser.add_argument("--part", help='only this part of the paragraphs ("tune", "held-out")')
    args = parser.parse_args(argv)
    if args.paragraphs:
        paragraphs = load_paragraphs(args.path if args.path != DEFAULT_SET else PARAGRAPHS)
        _print_paragraphs([p for p in paragraphs if args.part in (None, p.part)])
        return 0
    examples = load_examples(args.path)
    report = evaluate(Normaliser(load_taxonomy()), examples)
    print(
        f"{report.total} texts: accuracy {report.accuracy:.1%}, "
        f"precision {report.precision:.1%}, recall {report.recall:.1%}"
    )
    for text, wanted, got in report.failures:
        print(f"  {text!r}: expected {sorted(wanted) or '-'}, got {list(got) or '-'}")
    if args.sweep:
        print("parameter              value  accuracy precision recall")
        for name, value, r in sweep(examples):
            print(f"{name:22} {value:5g}  {r.accuracy:8.1%} {r.precision:9.1%} {r.recall:6.1%}")
    return 0


def _print_paragraphs(paragraphs: list[Paragraph]) -> None:
    normaliser = Normaliser(load_taxonomy(), reference_year=PARAGRAPHS_YEAR)
    for part in sorted({p.part for p in paragraphs}, reverse=True):
        r = evaluate_paragraphs(normaliser, [p for p in paragraphs if p.part == part])
        print(
            f"{part}: {r.total} paragraphs: precision {r.precision:.1%}, recall {r.recall:.1%}, "
            f"exact sets {r.exact_sets:.1%}, level exact {r.level_exact:.1%}, "
            f"within one {r.level_within_one:.1%}, years {r.years:.1%}"
        )
        for text, difference in r.failures:
            print(f"  {text[:70]!r}: {difference}")


if __name__ == "__main__":
    raise SystemExit(main())
