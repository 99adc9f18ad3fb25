"""How deep a mention goes: the level (1–4) and years a text states, read from its clause.

A cue applies to the clause it stands in (words.py cuts sentences at commas, brackets, "og",
"and", "men", "but"): "formand for ungdomsafdelingen i 5 år og lidt erfaring med kampagner"
gives the youth wing level 4 and 5 years, the campaigns level 2. Within one sentence, a clause
with no area of its own after a comma or bracket, or after "og"/"and" without a new subject,
lends its duration and role to the clause before ("borgmester (2010-2021)"); a list item with
no cue of its own shares the cues of the item before it ("erfaring med kampagner og SoMe").
Nothing crosses a full stop or "men"/"but". Interest ("vil gerne lære") makes a mention level
1, whatever else its clause says; a denial ("ingen erfaring med") makes it not count.
"""

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from .cues import (
    BACK_REFERENCES,
    COUNTING,
    EARLIEST_YEAR,
    EXPERIENCED,
    INTEREST_CUES,
    LEVEL_CUES,
    LINK_WORDS,
    MAX_YEARS,
    NEGATION_CUES,
    NEW_SUBJECT,
    NOT_CUES,
    NOT_DURATION_AFTER,
    NOT_DURATION_BEFORE,
    NOW,
    NUMBERS,
    ROLE,
    ROLE_ENDINGS,
    SINCE,
    SOME,
    UNTIL,
    YEAR_UNITS,
)
from .words import AND, Clause


def level_for_years(years: int) -> int:
    """The level a stated duration implies on its own: 1–2 years → 2, 3–9 → 3, 10 or more → 4."""
    return SOME if years < 3 else EXPERIENCED if years < 10 else ROLE


@dataclass(frozen=True)
class Depth:
    """What a text says of one mention: level 1–4, years where stated, or that it is denied."""

    level: int = 1
    years: int | None = None
    negated: bool = False


@dataclass
class _Cues:
    levels: list[tuple[int, int, bool]] = field(default_factory=list)  # (position, level, compound)
    interest: bool = False
    negated: bool = False
    years: list[tuple[int, int]] = field(default_factory=list)  # (word position, years)

    @property
    def said(self) -> bool:
        return bool(self.levels or self.interest or self.negated or self.years)

    def lend(self, other: "_Cues", interest: bool) -> None:
        self.levels += other.levels
        self.years += other.years
        self.interest |= interest and other.interest

    def copy(self) -> "_Cues":
        return _Cues(list(self.levels), self.interest, self.negated, list(self.years))

    def depth(self, at: int, area: int, owners: dict[int, int]) -> Depth:
        """The depth for a mention of `area` at word `at`.

        A compound role word that names another area ("projektleder" is project management)
        says nothing of this one; a plain role word ("formand", "koordinator") speaks for all.
        """
        years = min(self.years, key=lambda y: abs(y[0] - at))[1] if self.years else None
        if self.negated:
            return Depth(1, years, negated=True)
        if self.interest:
            return Depth(1, years)
        level = max(
            (
                lvl
                for p, lvl, compound in self.levels
                if not compound or owners.get(p, area) == area
            ),
            default=1,
        )
        return Depth(max(level, level_for_years(years) if years else 1), years)


def _cue_table() -> dict[str, list[tuple[tuple[str, ...], str, int]]]:
    table: dict[str, list[tuple[tuple[str, ...], str, int]]] = {}
    entries = [(p, "level", level) for level, ps in LEVEL_CUES.items() for p in ps]
    entries += [(p, "interest", 1) for p in INTEREST_CUES]
    entries += [(p, "negation", 1) for p in NEGATION_CUES]
    entries += [(p, "none", 0) for p in NOT_CUES]
    for phrase, kind, value in entries:
        table.setdefault(phrase[0], []).append((phrase, kind, value))
    for options in table.values():
        options.sort(key=lambda option: -len(option[0]))
    return table


class DepthReader:
    """Reads each mention's depth from the clauses of a text; build once, reuse."""

    def __init__(self) -> None:
        self._table = _cue_table()
        self._endings: dict[str, int] = {}

    def read(
        self,
        words: Sequence[str],
        clauses: Sequence[Clause],
        mentions: Sequence[tuple[int, int, int]],
        reference_year: int,
        literal: frozenset[int] = frozenset(),
    ) -> list[Depth]:
        """The depth of each mention (first word, end, area) in the text's words and clauses.

        Words at the `literal` positions are names, never cues (the abbreviation "SoMe").
        """
        clauses = _merge(clauses, mentions)
        owners = {p: area for at, end, area in reversed(mentions) for p in range(at, end)}
        cues = [self._cues(words, clause, reference_year, literal) for clause in clauses]
        starts = [c.start for c in clauses]
        where = [max(bisect_right(starts, at) - 1, 0) for at, _end, _area in mentions]
        spoken = set(where)
        for i, clause in enumerate(clauses):
            if i in spoken or not cues[i].said:
                continue
            back = clause.joined == "mark" or (
                clause.joined == "and" and _adds_to_previous(words[clause.start : clause.end])
            )
            if back and i - 1 in spoken and _same(clauses, i - 1, i):
                cues[i - 1].lend(cues[i], interest=False)
            elif i + 1 in spoken and clauses[i + 1].joined == "mark" and _same(clauses, i, i + 1):
                cues[i + 1].lend(cues[i], interest=True)
        first: dict[int, int] = {}
        for (at, _end, _area), i in zip(mentions, where, strict=True):
            first[i] = min(at, first.get(i, at))
        for i, clause in enumerate(clauses):
            if (
                i in first
                and i > 0
                and not cues[i].said
                and clause.joined in ("and", "mark")
                and _same(clauses, i - 1, i)
                and all(w in LINK_WORDS or w in AND for w in words[clause.start : first[i]])
            ):
                cues[i] = cues[i - 1].copy()
        return [
            cues[c].depth(at, area, owners)
            for (at, _end, area), c in zip(mentions, where, strict=True)
        ]

    def _cues(
        self, words: Sequence[str], clause: Clause, reference_year: int, literal: frozenset[int]
    ) -> _Cues:
        cues = _Cues()
        i = clause.start
        while i < clause.end:
            word = words[i]
            if i in literal:
                i += 1
                continue
            if (word.isdigit() or word in COUNTING) and (
                found := _years(words, i, clause.end, reference_year)
            ) is not None:
                if found[0] > 0:  # "siden 2026" in 2026 states no whole year
                    cues.years.append((i, found[0]))
                i += found[1]
                continue
            step = 1
            for phrase, kind, value in self._table.get(word, ()):
                if tuple(words[i : i + len(phrase)]) == phrase:
                    step = len(phrase)
                    if kind == "level":
                        cues.levels.append((i, value, False))
                    elif kind == "interest":
                        cues.interest = True
                    elif kind == "negation":
                        cues.negated = True
                    break
            else:
                level = self._endings.get(word)
                if level is None:
                    level = self._endings[word] = _ending(word)
                if level:
                    cues.levels.append((i, level, True))
            i += step
        return cues


def _ending(word: str) -> int:
    """The level of the role a compound ends in ("kredsformand" → 4), or 0."""
    return next((level for end, level in ROLE_ENDINGS if word.endswith(end)), 0)


def _years(words: Sequence[str], i: int, end: int, reference_year: int) -> tuple[int, int] | None:
    """(years, words used) for a duration starting at words[i], or None."""
    word = words[i]
    if word in SINCE and i + 1 < end and (start := _year(words[i + 1], reference_year)):
        found = _range(words, i + 1, end, reference_year)
        return found if found else (reference_year - start, 2)
    if _year(word, reference_year) and (found := _range(words, i, end, reference_year)):
        return found
    count = _count(word)
    if count is None or (i > 0 and words[i - 1] in NOT_DURATION_BEFORE):
        return None
    j = i + 1
    if j < end and _count(words[j]) is not None:  # "5-6 år": the larger
        count, j = max(count, _count(words[j]) or 0), j + 1
    if j < end and words[j] in YEAR_UNITS and 0 < count <= MAX_YEARS:
        if j + 1 < end and words[j + 1] in NOT_DURATION_AFTER:
            return None
        return count, j + 1 - i
    return None


def _range(words: Sequence[str], i: int, end: int, reference_year: int) -> tuple[int, int] | None:
    """(years, words used) for "2014 2021", "2015 til 2021", "2015 til nu" at words[i]."""
    start = _year(words[i], reference_year) or reference_year
    j = i + 1
    if j < end and words[j] in UNTIL:
        j += 1
    if j + 1 < end and words[j] == "i" and words[j + 1] == "dag":  # "til i dag"
        j += 1
    if j < end and (stop := _year(words[j], reference_year)) and stop >= start:
        return stop - start, j + 1 - i
    if j < end and words[j] in NOW:
        return reference_year - start, j + 1 - i
    return None


def _year(word: str, reference_year: int) -> int | None:
    if len(word) == 4 and word.isdigit() and EARLIEST_YEAR <= int(word) <= reference_year:
        return int(word)
    return None


def _count(word: str) -> int | None:
    if word.isdigit() and len(word) <= 2:
        return int(word)
    return NUMBERS.get(word)


def _adds_to_previous(clause: Sequence[str]) -> bool:
    """Whether an "and" clause with no area of its own still speaks of the clause before."""
    opening = clause[1:3]  # the words after "og"/"and"
    return not BACK_REFERENCES.isdisjoint(clause) or NEW_SUBJECT.isdisjoint(opening)


def _merge(clauses: Sequence[Clause], mentions: Sequence[tuple[int, int, int]]) -> list[Clause]:
    """The clauses with every cut that falls inside a mention ("klima og miljø") undone."""
    inside = {word for at, end, _area in mentions for word in range(at + 1, end)}
    merged: list[Clause] = []
    for clause in clauses:
        if merged and clause.start in inside:
            merged[-1] = replace(merged[-1], end=clause.end)
        else:
            merged.append(clause)
    return merged


def _same(clauses: Sequence[Clause], a: int, b: int) -> bool:
    return clauses[a].sentence == clauses[b].sentence
