"""The one rule for "these two may be the same person": similar names plus a shared phone,
postcode or e-mail address. Pure functions on plain values, used by detection and the scan."""

import unicodedata
from dataclasses import dataclass
from itertools import combinations

from rapidfuzz import fuzz

from crm.duplicates.models import Evidence

NAME_MIN_WITH_PHONE = 85.0
"""Lowest name similarity (0-100) that makes a pair when the phone numbers are the same."""
NAME_MIN_WITH_POSTCODE = 90.0
"""Lowest name similarity when only the postcode is shared (thousands live in one postcode)."""

_DANISH = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "ß": "ss", "-": " ", ".": " "})


def name_key(first_name: str, last_name: str) -> str:
    """The full name for comparing: lower case, Danish letters spelt out (æ→ae, ø→oe, å→aa,
    so "Åse" and "Aase" agree), other accents dropped, only letters and single spaces."""
    text = f"{first_name} {last_name}".casefold().translate(_DANISH)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    letters = "".join(ch if ch.isalpha() else " " for ch in text)
    return " ".join(letters.split())


def _spellings() -> dict[str, frozenset[str]]:
    """Every Latin letter (A-Z and Latin-1 and Extended-A, both cases) by the first letter of
    its name key: "a" holds a, A, å, Å, æ, Æ, ä, á ..., so "Åse" and "Aase" block together."""
    found: dict[str, set[str]] = {}
    for code in range(0x41, 0x180):
        letter = chr(code)
        key = name_key(letter, "")[:1]
        if letter.isalpha() and key:
            found.setdefault(key, set()).add(letter)
    return {key: frozenset(letters) for key, letters in found.items()}


SPELLINGS = _spellings()
"""The first letters a name may be stored with, by the first letter of its name key."""


def initial_spellings(first_name: str, last_name: str) -> list[str]:
    """The stored first letters that give the same initials as any part of this name (after
    name_key): what detection's postcode block looks up, as the scan blocks by Person.initials."""
    keys = {part[0] for part in name_key(first_name, last_name).split()}
    return sorted(set().union(*(SPELLINGS.get(key, {key}) for key in keys)))


def name_similarity(a: str, b: str) -> float:
    """How alike two name keys are, 0-100: token order does not count ("Hansen Jens" is
    "Jens Hansen"), typos cost a little, and a middle name present in only one counts
    little (token set ratio, used only when both names have at least two parts)."""
    if not a or not b:
        return 0.0
    score = fuzz.token_sort_ratio(a, b)
    if a.count(" ") and b.count(" "):
        score = max(score, fuzz.token_set_ratio(a, b))
    return round(float(score), 1)


@dataclass(frozen=True)
class Person:
    """What detection compares of one volunteer."""

    id: int
    name: str
    """name_key of the full name."""
    initials: tuple[str, ...]
    """Every two first letters of the name's parts (normalised), each sorted: ("hj",) for Jens
    Hansen and for Hansen Jens; ("am", "ah", "hm") for Anne Marie Hansen, who may go by Marie.
    The scan compares only people who share one (as detection finds a candidate whose first
    and last name start with letters of the person's name)."""
    phone: str
    """phone_key of the phone number ("" for none)."""
    postcode: str
    email: str


@dataclass(frozen=True)
class Finding:
    """Two people who may be one, in canonical order, with the score and the evidence."""

    first_id: int
    second_id: int
    score: float
    why: tuple[str, ...]


def _initials(name: str) -> tuple[str, ...]:
    """Person.initials of a name key."""
    letters = [part[0] for part in name.split()]
    if len(letters) < 2:
        return tuple(letters)
    return tuple(sorted({"".join(sorted({a, b})) for a, b in combinations(letters, 2)}))


def person(id: int, first_name: str, last_name: str, phone_key: str, postcode: str, email: str):
    """A Person from a volunteer's columns."""
    first, last = name_key(first_name or "", ""), name_key("", last_name or "")
    return Person(
        id=id,
        name=f"{first} {last}".strip(),
        initials=_initials(f"{first} {last}"),
        phone=phone_key or "",
        postcode=(postcode or "").strip(),
        email=(email or "").strip().casefold(),
    )


def assess(a: Person, b: Person, score: float | None = None) -> Finding | None:
    """The finding for two different people, or None when they do not look like one.

    The same e-mail address is the same person whatever the names; otherwise the names must be
    NAME_MIN_WITH_PHONE alike with the same phone, or NAME_MIN_WITH_POSTCODE with the same
    postcode. `score` is the name similarity when the caller has computed it already."""
    if a.id == b.id:
        return None
    similarity = name_similarity(a.name, b.name) if score is None else score
    same_email = bool(a.email) and a.email == b.email
    same_phone = bool(a.phone) and a.phone == b.phone
    same_postcode = bool(a.postcode) and a.postcode == b.postcode
    similar = (same_phone and similarity >= NAME_MIN_WITH_PHONE) or (
        same_postcode and similarity >= NAME_MIN_WITH_POSTCODE
    )
    if not (same_email or similar):
        return None
    why = [Evidence.NAME] if similarity >= NAME_MIN_WITH_PHONE else []
    why += [Evidence.PHONE] if same_phone else []
    why += [Evidence.POSTCODE] if same_postcode else []
    why += [Evidence.EMAIL] if same_email else []
    low, high = sorted((a.id, b.id))
    return Finding(low, high, similarity, tuple(str(w) for w in why))
