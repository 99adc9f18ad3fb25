"""How easy a new password is to guess: zxcvbn's estimate, with the user's own details as words
an attacker would try first."""

import re
from collections.abc import Iterable

from flask import current_app
from zxcvbn import zxcvbn

MAX_CHECKED_LENGTH = 128
"""The longest password the forms accept; zxcvbn refuses longer ones by default (72)."""


def guess_words(*values: str | None) -> list[str]:
    """The user's e-mail address and names, whole, run together and in parts ("Anna Hansen" also
    gives "annahansen", "anna" and "hansen"), lower case, for zxcvbn's user_inputs."""
    words: set[str] = set()
    for value in values:
        if not value:
            continue
        value = value.strip().lower()
        words.add(value)
        words.add(re.sub(r"\s+", "", value))
        words.update(part for part in re.split(r"[\s@._+-]+", value) if len(part) > 1)
    return sorted(words)


def password_score(password: str, user_inputs: Iterable[str] = ()) -> int:
    """zxcvbn's score from 0 (guessed at once) to 4 (very hard to guess)."""
    return zxcvbn(password, user_inputs=list(user_inputs), max_length=MAX_CHECKED_LENGTH)["score"]


def is_strong_enough(password: str, user_inputs: Iterable[str] = ()) -> bool:
    """True when the password reaches PASSWORD_MIN_SCORE (default 3)."""
    if len(password) > MAX_CHECKED_LENGTH:
        return False
    return password_score(password, user_inputs) >= current_app.config["PASSWORD_MIN_SCORE"]
