"""Which characters text from a request may hold: the one definition of "control character".

A NUL byte makes PostgreSQL refuse a statement, other control characters have no business in
stored text, and any line break in an e-mail header makes the message unsendable.
"""

import re

NEVER_IN_INPUT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""C0 and C1 control characters and DEL: no field holds them. Tab, line feed and carriage
return are left out: a multi-line text area legitimately sends them."""

NOT_ON_ONE_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
"""Everything a single line of text must not hold: every control character (tab and line
breaks too) and the Unicode line and paragraph separators. It covers every character that
str.splitlines() breaks on, which is what the e-mail library refuses in a header."""

_BREAKS = re.compile(r"\s*" + NOT_ON_ONE_LINE.pattern + r"[\s\x00-\x1f\x7f-\x9f\u2028\u2029]*")


def has_control_characters(text: str) -> bool:
    """True when text holds a character that no request text may hold."""
    return NEVER_IN_INPUT.search(text) is not None


def is_one_line(text: str) -> bool:
    """True when text holds no control character and no line break of any kind."""
    return NOT_ON_ONE_LINE.search(text) is None


def one_line(text: str) -> str:
    """The text on one line: each run of control characters and breaks becomes one space."""
    return _BREAKS.sub(" ", text).strip()
