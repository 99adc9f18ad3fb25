"""Measure the normaliser on a labelled set: `python -m crm.matching.evaluation [--sweep]`."""

import argparse
from dataclasses import dataclass
from pathlib import Path

from .normalise import Normaliser
from .taxonomy import load_taxonomy

DEFAULT_SET = Path(__file__).resolve().parents[2] / "tests" / "data" / "normalise_eval.tsv"


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
    args = parser.parse_args(argv)
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


if __name__ == "__main__":
    raise SystemExit(main())
