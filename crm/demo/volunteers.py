"""Synthetic volunteers with varied profiles, generated as plain rows for bulk insert."""

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from crm.demo.clock import DemoClock, local_date, local_moment, version_for
from crm.demo.names import NamePools, email_local_part
from crm.demo.texts import AREA_TEXTS, FREE_TEXTS, MOTIVATIONS, with_typo
from crm.volunteers.phones import phone_key

AREAS = tuple(AREA_TEXTS)
EMAIL_DOMAINS = ("example.org", "example.com")
TRAVEL = (("remote", 40), ("short", 42), ("long", 18))
ENGLISH_LEVELS = (("A2", 4), ("B1", 10), ("B2", 34), ("C1", 34), ("C2", 13), ("native", 2))
OTHER_LANGUAGES = (
    ("de", 0.20),
    ("sv", 0.15),
    ("nb", 0.08),
    ("fr", 0.10),
    ("es", 0.10),
    ("ru", 0.03),
    ("sw", 0.02),
    ("pt", 0.03),
    ("it", 0.03),
    ("pl", 0.02),
    ("tl", 0.01),
    ("th", 0.01),
    ("bs", 0.01),
    ("mk", 0.005),
    ("ne", 0.005),
    ("mn", 0.003),
)
OTHER_NATIVE = ("ar", "tr", "pl", "bs", "ur", "so", "fa", "tl", "th", "sw")
COUNTRIES = (
    ("KE", 5),
    ("TH", 4),
    ("PH", 4),
    ("MY", 2),
    ("NP", 2),
    ("MK", 2),
    ("BA", 2),
    ("MN", 1),
    ("MM", 1),
    ("UG", 3),
    ("TZ", 3),
    ("GH", 2),
    ("ZA", 2),
    ("VN", 2),
    ("IN", 2),
    ("BD", 1),
    ("RS", 1),
    ("AL", 1),
    ("DE", 3),
    ("SE", 3),
    ("ES", 2),
    ("GB", 3),
    ("US", 2),
    ("BR", 1),
)
HOURS = (2, 4, 5, 6, 8, 10, 12, 15, 20, 30, 40)
CONSENT_SHARE = 0.93  # volunteers who gave consent at all
RENEWED_SHARE = 0.85  # of those who consented before the current text: gave consent again since


@dataclass
class Rows:
    """The rows of one chunk, per table."""

    users: list[dict] = field(default_factory=list)
    volunteers: list[dict] = field(default_factory=list)
    experience: list[dict] = field(default_factory=list)
    languages: list[dict] = field(default_factory=list)
    countries: list[dict] = field(default_factory=list)
    skills: list[dict] = field(default_factory=list)


@dataclass(frozen=True)
class VolunteerSettings:
    """What every generated volunteer shares."""

    pools: NamePools
    password_hash: str
    branches: list[tuple[int, str]]  # (id, municipality)
    branch_weights: list[int]
    clock: DemoClock


def _weighted(rng: random.Random, pairs) -> str:
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


def _created_at(rng: random.Random, clock: DemoClock) -> datetime:
    """Spread over the last two years, never today; a few in the last week (new on the dashboard).

    Between 7 and 20 Danish time, so that confirming and consenting (up to two hours later) still
    lies before midnight, and so before "now".
    """
    days = rng.randint(1, 7) if rng.random() < 0.03 else int(rng.triangular(1, 730, 120))
    return clock.daytime(rng, clock.today - timedelta(days=days), (7, 20))


def _consent(
    rng: random.Random, clock: DemoClock, confirmed: datetime
) -> tuple[str | None, datetime | None]:
    """The consent version and time: never before the version came into force.

    Someone who signed up before the current text either gave consent again since (most) or still
    holds the version in force when they consented, which is then outdated.
    """
    if rng.random() >= CONSENT_SHARE:
        return None, None
    at = confirmed + timedelta(minutes=rng.randint(5, 60))
    since = clock.consent_since
    if since is None or at >= local_moment(since, 0):
        return clock.consent_version, at
    if rng.random() < RENEWED_SHARE:
        day = clock.day_between(rng, since, clock.today - timedelta(days=1))
        return clock.consent_version, clock.daytime(rng, day, (7, 23))
    return version_for(clock.consent_version, local_date(at)), at


def _experience(rng: random.Random, volunteer_id: int, rows: Rows) -> None:
    best: dict[str, int] = {}
    for _ in range(rng.choices((1, 2, 3, 4), weights=(30, 35, 25, 10))[0]):
        if rng.random() < 0.82:
            area = rng.choice(AREAS)
            level = rng.choices((1, 2, 3, 4), weights=(20, 35, 30, 15))[0]
            text = rng.choice(AREA_TEXTS[area]) if rng.random() < 0.7 else ""
            if text and rng.random() < 0.12:
                text = with_typo(text, rng)
            years = max(1, min(30, level * rng.randint(1, 6)))
            best[area] = max(level, best.get(area, 0))
        else:
            area, text = None, rng.choice(FREE_TEXTS)
            if rng.random() < 0.15:
                text = with_typo(text, rng)
            level = rng.choice((None, 1, 2, 3))
            years = rng.choice((None, 2, 5, 10))
        rows.experience.append(
            {
                "volunteer_id": volunteer_id,
                "area": area,
                "level": level,
                "years": years,
                "description": text,
            }
        )
    rows.skills.extend(
        {
            "volunteer_id": volunteer_id,
            "area": area,
            "level": level,
            "confidence": 1.0,
            "source": "declared",
        }
        for area, level in best.items()
    )


def _languages(rng: random.Random, volunteer_id: int, rows: Rows) -> None:
    spoken: dict[str, str] = {}
    if rng.random() < 0.94:
        spoken["da"] = "native"
    else:
        spoken["da"] = rng.choice(("B2", "C1", "C2"))
        spoken[rng.choice(OTHER_NATIVE)] = "native"
    if rng.random() < 0.92:
        spoken.setdefault("en", _weighted(rng, ENGLISH_LEVELS))
    for code, share in OTHER_LANGUAGES:
        if rng.random() < share:
            spoken.setdefault(code, rng.choice(("A2", "B1", "B1", "B2", "C1")))
    rows.languages.extend(
        {"volunteer_id": volunteer_id, "code": code, "level": level}
        for code, level in spoken.items()
    )


def _countries(rng: random.Random, volunteer_id: int, rows: Rows) -> None:
    if rng.random() < 0.4:
        return
    codes = {_weighted(rng, COUNTRIES) for _ in range(rng.randint(1, 3))}
    rows.countries.extend({"volunteer_id": volunteer_id, "code": c} for c in sorted(codes))


def _availability(rng: random.Random) -> dict:
    if rng.random() < 0.12:
        return {
            "available_from": None,
            "available_to": None,
            "hours_per_month": None,
            "travel": None,
        }
    start = date(2027, 1, 1) + timedelta(days=rng.randint(0, 180))
    end = min(date(2027, 12, 31), start + timedelta(days=rng.randint(60, 330)))
    return {
        "available_from": start,
        "available_to": end,
        "hours_per_month": rng.choice(HOURS),
        "travel": _weighted(rng, TRAVEL),
    }


def add_volunteer(
    rng: random.Random,
    s: VolunteerSettings,
    number: int,
    user_id: int,
    volunteer_id: int,
    rows: Rows,
) -> datetime:
    """Append volunteer `number` (user, profile, experience, languages, ...) to `rows`."""
    first, last = s.pools.pick(rng)
    email = f"{email_local_part(first, last)}{number}@{rng.choice(EMAIL_DOMAINS)}"
    created = _created_at(rng, s.clock)
    confirmed = created + timedelta(minutes=rng.randint(1, 60))
    branch_id, municipality = (
        rng.choices(s.branches, weights=s.branch_weights)[0] if rng.random() < 0.9 else (None, "")
    )
    consent_version, consent_at = _consent(rng, s.clock, confirmed)
    consented = consent_at is not None
    rows.users.append(
        {
            "id": user_id,
            "email": email,
            "password_hash": s.password_hash,
            "role": "volunteer",
            "name": f"{first} {last}",
            "branch_id": None,
            "locale": rng.choice(("da",) * 9 + ("en",)),
            "email_confirmed_at": confirmed,
            "active": True,
            "created_at": created,
            "last_login_at": None,
            "last_dashboard_at": None,
            "calendar_token": None,
        }
    )
    phone = (
        ""
        if rng.random() < 0.15
        else f"+45 {rng.randint(20, 99)} "
        f"{rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}"
    )
    rows.volunteers.append(
        {
            "id": volunteer_id,
            "user_id": user_id,
            "first_name": first,
            "last_name": last,
            "email": email,
            "phone": phone,
            "phone_key": phone_key(phone),
            "city": municipality,
            "branch_id": branch_id,
            "share_with_branch": consented and rng.random() < 0.6,
            "motivation": rng.choice(MOTIVATIONS) if rng.random() < 0.7 else "",
            **_availability(rng),
            "consent_version": consent_version,
            "consent_at": consent_at,
            "created_at": created,
            "updated_at": max(created, consent_at) if consent_at else created,
            "version": 1,
        }
    )
    _experience(rng, volunteer_id, rows)
    _languages(rng, volunteer_id, rows)
    _countries(rng, volunteer_id, rows)
    return created
