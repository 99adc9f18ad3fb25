"""Ordered scales shared by engine and app: experience and language levels, travel modes."""

EXPERIENCE_LEVELS: tuple[int, ...] = (1, 2, 3, 4)
"""1 = interested / basic, 2 = some experience, 3 = experienced, 4 = expert, has led it."""

LANGUAGE_LEVELS: tuple[str, ...] = ("A1", "A2", "B1", "B2", "C1", "C2", "native")
"""CEFR levels, lowest first, then native."""

TRAVEL_MODES: tuple[str, ...] = ("remote", "short", "long")
"""remote = no travel, short = trips up to two weeks, long = stays longer than two weeks."""

_ISO_639_1 = """
    aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy da
    de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy
    hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg
    li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or
    os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta
    te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu
"""
LANGUAGE_CODES: frozenset[str] = frozenset(_ISO_639_1.split())
"""Every ISO 639-1 code, for validating input."""


def language_rank(level: str) -> int:
    """Rank of a language level: A1 = 1 … C2 = 6, native = 7; ValueError for anything else."""
    try:
        return LANGUAGE_LEVELS.index(level) + 1
    except ValueError:
        raise ValueError(f"unknown language level {level!r}") from None


def travel_rank(mode: str) -> int:
    """Rank of a travel mode: remote = 0, short = 1, long = 2; ValueError for anything else."""
    try:
        return TRAVEL_MODES.index(mode)
    except ValueError:
        raise ValueError(f"unknown travel mode {mode!r}") from None


def accepts_travel(volunteer_mode: str, need_mode: str) -> bool:
    """Whether a volunteer who accepts `volunteer_mode` can take a need of `need_mode`.

    The modes are ordered: whoever accepts long stays accepts short trips, and whoever accepts
    any travel can also work remotely.
    """
    return travel_rank(volunteer_mode) >= travel_rank(need_mode)
