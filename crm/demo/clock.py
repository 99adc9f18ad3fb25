"""Time for the demo data: all of it before today, in Danish office hours where it matters."""

import random
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

ZONE = ZoneInfo("Europe/Copenhagen")
YEARS_OF_VOLUNTEERS = 2  # volunteers signed up over the last two years


@cache
def utc_offset(day: date) -> timedelta:
    """Danish time's offset from UTC on a day (at noon, so DST switches at night do not matter)."""
    return datetime.combine(day, time(12), tzinfo=ZONE).utcoffset() or timedelta(0)


def local_moment(day: date, seconds: int) -> datetime:
    """An aware UTC datetime for `seconds` after midnight, Danish time, on `day`."""
    return datetime.combine(day, time(0), tzinfo=UTC) + timedelta(seconds=seconds) - utc_offset(day)


def local_date(moment: datetime) -> date:
    """The Danish calendar day of an aware datetime."""
    return moment.astimezone(ZONE).date()


def version_start(consent_version: str) -> date | None:
    """The first day of a consent text version named "YYYY-MM" (None for any other name)."""
    found = re.fullmatch(r"(\d{4})-(\d{2})", consent_version.strip())
    if not found or not 1 <= int(found.group(2)) <= 12:
        return None
    return date(int(found.group(1)), int(found.group(2)), 1)


def version_for(version: str, day: date) -> str:
    """The consent text version in force on `day`: the configured one, or a yearly predecessor.

    The demo pretends the text was revised every year in the same month, so someone who consented
    before the current version holds the version of their time ("2025-11", "2024-11", ...).
    """
    start = version_start(version)
    if start is None or day >= start:
        return version
    years_back = start.year - day.year + (1 if date(day.year, start.month, 1) > day else 0)
    return f"{start.year - years_back:04d}-{start.month:02d}"


@dataclass(frozen=True)
class DemoClock:
    """Today, the moment "now" (the start of today, Danish time) and the consent version's start."""

    today: date
    consent_version: str

    @property
    def now(self) -> datetime:
        """Midnight at the start of today in Denmark: every generated moment lies before it."""
        return local_moment(self.today, 0)

    @property
    def consent_since(self) -> date | None:
        """The day the current consent text came into force, if its name says and it is past."""
        start = version_start(self.consent_version)
        return start if start is not None and start < self.today else None

    def daytime(self, rng: random.Random, day: date, hours: tuple[int, int] = (8, 20)) -> datetime:
        """A moment on `day` between the given Danish hours (from inclusive, to exclusive)."""
        return local_moment(day, rng.randrange(hours[0] * 3600, hours[1] * 3600))

    def daytime_at(self, day: date, hour: int) -> datetime:
        """A whole hour on `day`, Danish time."""
        return local_moment(day, hour * 3600)

    def day_between(self, rng: random.Random, first: date, last: date) -> date:
        """A day from `first` to `last`, both included."""
        return first + timedelta(days=rng.randint(0, max(0, (last - first).days)))
