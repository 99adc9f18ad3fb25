"""Free text (Danish or English) → taxonomy areas with a confidence, level and years."""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA

from .depth import DepthReader
from .model import Skill
from .taxonomy import Taxonomy, load_taxonomy
from .words import Clause, fold, tokenise

# Chosen by measurement on tests/data/normalise_eval.tsv (see docs/matching.md and
# `python -m crm.matching.evaluation`).
THRESHOLD = 0.86
REMEMBERED_TEXTS = 4096
"""normalise() remembers the answers for this many distinct texts (one Normaliser each)."""
"""Lowest confidence reported; a fuzzy match scores 1 - edits / length."""
TWO_EDITS_FROM = 13
"""Word groups this long may differ from a known phrase by two typos; shorter ones by one."""
INFLECTION_CONFIDENCE = 0.92
"""A known word followed by a short ending: "byrådet", "kampagnerne", "campaigning"."""
COMPOUND_CONFIDENCE = 0.88
"""A known word as the first or last part of a compound: "byrådsmedlem", "folketingsvalgkamp"."""

FUZZY_MIN_LENGTH = 5  # shorter words must match exactly
MAX_EDITS = 2  # typos (insertions, deletions, substitutions, transpositions) ever allowed
MAX_ENDING = 4  # longest ending still counted as an inflection ("-erne", "-ing")
MIN_AFFIX = 5  # shortest known word looked for inside a compound
MIN_MODIFIER = 3  # shortest first part of a compound whose last part is a known word


@dataclass(frozen=True)
class AreaMatch:
    """One taxonomy area found in a text: confidence 0–1, level 1–4, years where stated."""

    area: str
    confidence: float
    level: int = 1
    years: int | None = None


@dataclass(frozen=True)
class _Hit:
    area: int
    confidence: float
    start: int
    end: int
    at: int  # the first word of the mention, for reading its depth


@dataclass(frozen=True)
class _Text:
    words: list[str]
    clauses: list[Clause]


class Normaliser:
    """Maps free text to taxonomy areas; build it once and reuse it."""

    def __init__(
        self,
        taxonomy: Taxonomy,
        threshold: float = THRESHOLD,
        inflection_confidence: float = INFLECTION_CONFIDENCE,
        compound_confidence: float = COMPOUND_CONFIDENCE,
        two_edits_from: int = TWO_EDITS_FROM,
        workers: int = -1,
        reference_year: int | None = None,
    ) -> None:
        """reference_year: the year "siden 2017" counts to (default: the current year)."""
        self.taxonomy = taxonomy
        self.reference_year = reference_year
        self._depth = DepthReader()
        self.threshold = threshold
        self.inflection_confidence = inflection_confidence
        self.compound_confidence = compound_confidence
        self.two_edits_from = two_edits_from
        self.workers = workers
        self._slugs = taxonomy.slugs
        self._exact: dict[str, int] = {}
        self._abbreviations: dict[str, int] = {}
        for index, area in enumerate(taxonomy.areas):
            phrases = (*area.synonyms, area.label_da, area.label_en, area.slug.replace("-", " "))
            for phrase in phrases:
                self._exact.setdefault(fold(phrase), index)
            for abbreviation in area.abbreviations:
                self._abbreviations[abbreviation] = index
        self._exact.pop("", None)
        names = "|".join(sorted(map(re.escape, self._abbreviations), key=len, reverse=True))
        # an abbreviation is a whole word of letters, digits, & and +, with its case: "SoMe", "3F"
        self._abbreviation = re.compile(rf"(?<![\w&+])(?:{names})(?![\w&+])" if names else "(?!)")
        by_length: dict[int, list[str]] = {}
        for phrase in self._exact:
            by_length.setdefault(phrase.count(" ") + 1, []).append(phrase)
        self._phrases = {n: sorted(phrases) for n, phrases in by_length.items()}
        self._longest = max(self._phrases)
        self._remembered = lru_cache(maxsize=REMEMBERED_TEXTS)(self._normalise_in)

    def normalise(self, text: str) -> list[AreaMatch]:
        """The areas found in `text`, best first; empty when nothing fits.

        The same texts are read again and again (every save of a profile, every showing of its
        experience step), so the answers for the last REMEMBERED_TEXTS texts are kept: the
        answer depends only on the text and the year that "since 2017" counts to.
        """
        return list(self._remembered(text, self.reference_year or date.today().year))

    def _normalise_in(self, text: str, year: int) -> tuple[AreaMatch, ...]:
        return tuple(self.normalise_many([text], year)[0])

    def normalise_many(
        self, texts: Iterable[str], year: int | None = None
    ) -> list[list[AreaMatch]]:
        """normalise() for many texts at once, matching each distinct word group only once;
        `year` is the one "since 2017" counts to (default: reference_year, else this year)."""
        texts = list(texts)
        tokenised = {text: _Text(*tokenise(text)) for text in texts}
        grams: dict[int, set[str]] = {n: set() for n in self._phrases}
        joined: set[str] = set()
        for tokens in (t.words for t in tokenised.values()):
            for n in grams:
                grams[n].update(" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1))
            joined.update(a + b for a, b in zip(tokens, tokens[1:], strict=False))
        scores = {n: self._score_grams(n, sorted(found)) for n, found in grams.items() if found}
        pairs = self._score_grams(1, sorted(joined), affixes=False) if joined else {}
        firsts = {n: {g.split(" ", 1)[0] for g in scored} for n, scored in scores.items()}
        year = year or self.reference_year or date.today().year
        found = {
            text: self._match(text, t, scores, firsts, pairs, year) for text, t in tokenised.items()
        }
        return [found[text] for text in texts]

    def skills(self, text: str, level: int | None = None) -> tuple[Skill, ...]:
        """Free-text experience as text skills, one per area found.

        Each skill has the level read from the text, unless the person gave one (`level`).
        """
        return tuple(
            Skill(m.area, level or m.level, confidence=m.confidence, source="text", text=text)
            for m in self.normalise(text)
        )

    def _score_grams(
        self, n: int, grams: list[str], affixes: bool = True
    ) -> dict[str, tuple[int, float]]:
        """Best (area, confidence) for each word group of n words that reaches the threshold.

        Single words may also be a known word with an ending or in a compound (`affixes`);
        two neighbouring words written together ("kandidat skole") may not, or "kommunens
        energiomstilling" would be one compound of "kommune" and hide the energy transition.
        """
        best: dict[str, tuple[int, float]] = {}
        unknown = []
        for gram in grams:
            if gram in self._exact:
                best[gram] = (self._exact[gram], 1.0)
            else:
                unknown.append(gram)
                if n == 1 and affixes and (hit := self._affix(gram)):
                    best[gram] = hit
        if not unknown:
            return best
        phrases = self._phrases[n]
        distances = process.cdist(
            unknown,
            phrases,
            scorer=OSA.distance,
            score_cutoff=MAX_EDITS,
            dtype=np.int8,
            workers=self.workers,
        )
        lengths = np.maximum.outer([len(g) for g in unknown], [len(p) for p in phrases])
        allowed = np.select([lengths >= self.two_edits_from, lengths >= FUZZY_MIN_LENGTH], [2, 1])
        rows, columns = np.nonzero(distances <= allowed)
        confidences = 1.0 - distances[rows, columns] / lengths[rows, columns]
        for row, column, confidence in zip(rows, columns, confidences.tolist(), strict=True):
            gram = unknown[row]
            if confidence >= self.threshold and confidence > best.get(gram, (0, 0.0))[1]:
                best[gram] = (self._exact[phrases[column]], confidence)
        return best

    def _affix(self, token: str) -> tuple[int, float] | None:
        """A known word that starts or ends `token`, as (area, confidence), or None."""
        for cut in range(len(token) - 1, MIN_AFFIX - 1, -1):
            area = self._exact.get(token[:cut])
            if area is not None:
                ending = len(token) - cut <= MAX_ENDING
                return area, self.inflection_confidence if ending else self.compound_confidence
        for cut in range(MIN_MODIFIER, len(token) - MIN_AFFIX + 1):
            area = self._exact.get(token[cut:])
            if area is not None:
                return area, self.compound_confidence
        return None

    def _match(
        self,
        text: str,
        found: _Text,
        scores: dict[int, dict[str, tuple[int, float]]],
        firsts: dict[int, set[str]],
        pairs: dict[str, tuple[int, float]],
        reference_year: int,
    ) -> list[AreaMatch]:
        tokens = found.words
        hits = [  # abbreviations stand apart: each gets a position of its own, before the text
            _Hit(self._abbreviations[m[0]], 1.0, -1 - i, -1 - i, _word_at(text, m.start()))
            for i, m in enumerate(self._abbreviation.finditer(text))
        ]
        # A phrase does not run on into the next sentence, and two words joined as one
        # ("kandidat skole") never span a comma or an "og": "kvindenetværk og" is no word.
        sentence = [0] * len(tokens)
        for clause in found.clauses:
            sentence[clause.start : clause.end] = [clause.sentence] * (clause.end - clause.start)
        cuts = {c.start for c in found.clauses}
        for n, scored in scores.items():
            heads = firsts[n]  # only a group whose first word starts a known hit can be one
            for i in range(len(tokens) - n + 1):
                if (
                    tokens[i] in heads
                    and (hit := scored.get(" ".join(tokens[i : i + n])))
                    and sentence[i] == sentence[i + n - 1]
                ):
                    hits.append(_Hit(hit[0], hit[1], i, i + n, i))
        for i in range(len(tokens) - 1):
            if i + 1 not in cuts and (hit := pairs.get(tokens[i] + tokens[i + 1])):
                hits.append(_Hit(hit[0], hit[1], i, i + 2, i))
        kept = _resolve(hits)
        mentions = [(h.at, max(h.end, h.at + 1), h.area) for h in kept]
        literal = frozenset(h.at for h in hits if h.start < 0)
        depths = self._depth.read(tokens, found.clauses, mentions, reference_year, literal)
        best: dict[int, list] = {}  # area → [confidence, level, years] over its mentions
        for hit, depth in zip(kept, depths, strict=True):
            if depth.negated:
                continue
            if (held := best.get(hit.area)) is None:
                best[hit.area] = [hit.confidence, depth.level, depth.years]
                continue
            held[0] = max(held[0], hit.confidence)
            held[1] = max(held[1], depth.level)
            if depth.years is not None and (held[2] is None or depth.years > held[2]):
                held[2] = depth.years
        ranked = sorted(best.items(), key=lambda item: (-item[1][0], item[0]))
        return [AreaMatch(self._slugs[area], *found) for area, found in ranked]


def _word_at(text: str, offset: int) -> int:
    """The index in fold(text).split() of the word that starts at character `offset`."""
    return len(fold(text[:offset]).split())


def _resolve(hits: list[_Hit]) -> list[_Hit]:
    """Longest word groups claim their words first; a shorter hit inside them is dropped.

    A hit of two words or more for another area stays ("trænet kvindelige kandidater" is
    candidate training, and "kvindelige kandidater" inside it still women in politics), but
    a single word does not ("candidate training" is not also "training").
    """
    hits.sort(key=lambda h: (h.start - h.end, -h.confidence))
    kept: list[_Hit] = []
    claimed: dict[int, set[int]] = {}  # word → the areas of the kept hits that cover it
    for hit in hits:
        if hit.end - hit.start == 1 and not claimed.get(hit.start, {hit.area}) <= {hit.area}:
            continue
        kept.append(hit)
        for word in range(hit.start, hit.end):
            claimed.setdefault(word, set()).add(hit.area)
    return kept


@cache
def load_normaliser() -> Normaliser:
    """A Normaliser for the shipped taxonomy (built once, then cached)."""
    return Normaliser(load_taxonomy())


def normalise(text: str) -> list[AreaMatch]:
    """The areas found in `text` with the shipped taxonomy, best first."""
    return load_normaliser().normalise(text)
