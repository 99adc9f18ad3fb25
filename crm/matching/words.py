"""Text folded to plain words (æ→ae, no accents), cut into sentences and clauses."""

import re
import unicodedata
from dataclasses import dataclass

_FOLD = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "ß": "ss"})
_COMBINING = re.compile(r"[\u0300-\u036f]+")
_NOT_WORD = re.compile(r"[^a-z0-9]+")
_PIECE = re.compile(r"[a-z0-9]+|[.!?]+(?=\s|$)|[;\n]|[,:()\[\]]|(?<=\s)[-\u2013\u2014](?=\s)")

SENTENCE_ENDS = frozenset(".!?;\n")
"""Marks that end a sentence ("." only before a space or the end, and not after an abbreviation)."""
CLAUSE_MARKS = frozenset(",:()[]-\u2013\u2014")
"""Marks that start a new clause in the same sentence (dashes only with spaces around them)."""
AND = frozenset({"og", "samt", "and", "plus"})
"""Conjunctions that join clauses or list items: what follows may share what came before."""
BUT = frozenset({"men", "but", "mens", "while", "whereas", "however", "dog"})
"""Conjunctions that turn: nothing said before them carries over, and nothing after them back."""
ABBREVIATIONS = frozenset({"bl", "ca", "f", "eks", "fx", "evt", "inkl", "nr", "mr", "dr", "etc"})
"""Words whose full stop does not end the sentence ("ca. 10 år", "f.eks. SoMe")."""


def _prepare(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower().translate(_FOLD))
    return _COMBINING.sub("", text)


def fold(text: str) -> str:
    """Lower-case, spell æøå as ae/oe/aa, drop accents and punctuation, single spaces."""
    return _NOT_WORD.sub(" ", _prepare(text)).strip()


@dataclass(frozen=True)
class Clause:
    """Words [start, end) of a text that a cue such as "formand" or "i 5 år" applies to.

    joined says how the clause follows the one before it in its sentence: "start" (first of
    the sentence), "mark" (a comma, colon, bracket or dash), "and" (og/and) or "but" (men/but).
    """

    start: int
    end: int
    sentence: int
    joined: str


def tokenise(text: str) -> tuple[list[str], list[Clause]]:
    """The words of fold(text) and the clauses they fall into, in order."""
    words: list[str] = []
    clauses: list[Clause] = []
    sentence, start, joined = 0, 0, "start"

    def cut(next_joined: str) -> None:
        nonlocal start, joined
        if len(words) > start:
            clauses.append(Clause(start, len(words), sentence, joined))
            start, joined = len(words), next_joined
        elif joined != "start":
            joined = max(joined, next_joined, key=_STRENGTH.index)

    for piece in _PIECE.findall(_prepare(text)):
        if piece[0] not in _MARKS:
            if piece in _CONJUNCTIONS:
                cut(_CONJUNCTIONS[piece])
            words.append(piece)
        elif piece[0] in SENTENCE_ENDS and not (
            piece[0] == "." and words and (words[-1] in ABBREVIATIONS or len(words[-1]) == 1)
        ):
            if len(words) > start:
                clauses.append(Clause(start, len(words), sentence, joined))
            if clauses and clauses[-1].sentence == sentence:
                sentence += 1
            start, joined = len(words), "start"
        elif piece[0] in CLAUSE_MARKS:
            cut("mark")
    if len(words) > start:
        clauses.append(Clause(start, len(words), sentence, joined))
    return words, clauses


_STRENGTH = ("start", "mark", "and", "but")
_CONJUNCTIONS = dict.fromkeys(AND, "and") | dict.fromkeys(BUT, "but")
_MARKS = SENTENCE_ENDS | CLAUSE_MARKS
