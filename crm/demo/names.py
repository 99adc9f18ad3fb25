"""Pools of synthetic Danish names made once with Faker, so large runs never call Faker per row."""

import hashlib
import random
from dataclasses import dataclass

from faker import Faker

# SHA-256 of full names (casefolded) that must never be generated: real people named in the
# source material. Stored as hashes so the names themselves are not repeated in the code.
EXCLUDED_NAME_HASHES = frozenset(
    {"b1e02e44c16c2f1c64cbfb608b1e3bf005f38eca4a9f421ebd688446eff913b4"}
)

ASCII = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "é": "e", "ü": "u", "ö": "o", "ä": "a"})


def name_hash(full_name: str) -> str:
    """The hash compared against EXCLUDED_NAME_HASHES."""
    return hashlib.sha256(" ".join(full_name.casefold().split()).encode()).hexdigest()


def is_excluded(first: str, last: str) -> bool:
    """True for a name combination that must never appear in demo data."""
    return name_hash(f"{first} {last}") in EXCLUDED_NAME_HASHES


def email_local_part(first: str, last: str) -> str:
    """An ASCII e-mail local part from a name: "Søren Ærø" -> "soeren.aeroe"."""
    text = f"{first}.{last}".lower().translate(ASCII).replace(" ", "").replace("-", "")
    return "".join(ch for ch in text if ch.isascii() and (ch.isalnum() or ch == "."))


@dataclass(frozen=True)
class NamePools:
    """First names (female, male) and last names, repeated in proportion to how common they are."""

    female: tuple[str, ...]
    male: tuple[str, ...]
    last: tuple[str, ...]

    def pick(self, rng: random.Random) -> tuple[str, str]:
        """A random (first, last) name that is not excluded."""
        while True:
            first = rng.choice(self.female if rng.random() < 0.5 else self.male)
            last = rng.choice(self.last)
            if rng.random() < 0.08:  # some double surnames
                last = f"{rng.choice(self.last)}-{last}"
            if not is_excluded(first, last):
                return first, last


def make_pools(seed: int, size: int = 3000) -> NamePools:
    """Draw name pools from Faker's Danish locale, deterministically for the seed."""
    faker = Faker("da_DK")
    faker.seed_instance(seed)
    return NamePools(
        female=tuple(faker.first_name_female() for _ in range(size)),
        male=tuple(faker.first_name_male() for _ in range(size)),
        last=tuple(faker.last_name() for _ in range(size)),
    )
