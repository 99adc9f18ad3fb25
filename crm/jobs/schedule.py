"""When the scheduled jobs run: times of day from configuration, in the app's time zone.

A value is "HH:MM" for a daily job or "mon HH:MM" for a weekly one; empty turns the job off.
The worker asks each minute (huey's periodic check, with the time in UTC).
"""

import re
from collections.abc import Callable
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from crm.jobs.queue import task_app

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_TIME = re.compile(r"^(?:(mon|tue|wed|thu|fri|sat|sun) )?([01]\d|2[0-3]):([0-5]\d)$")


def parse(key: str, value: str, weekly: bool) -> tuple[int | None, int, int] | None:
    """(weekday or None, hour, minute) of a schedule value; None when the job is off."""
    if not value:
        return None
    found = _TIME.match(value.strip().lower())
    if not found or bool(found[1]) != weekly:
        shape = '"mon 08:00"' if weekly else '"07:00"'
        raise RuntimeError(f"{key} = {value!r} is not a time like {shape} (or empty: off)")
    day = DAYS.index(found[1]) if found[1] else None
    return day, int(found[2]), int(found[3])


def local_time(moment: datetime) -> datetime:
    """Huey's naive UTC time in the app's time zone."""
    zone = ZoneInfo(task_app().config["BABEL_DEFAULT_TIMEZONE"])
    return moment.replace(tzinfo=UTC).astimezone(zone)


def _at(key: str, weekly: bool) -> Callable[[datetime], bool]:
    def due(moment: datetime) -> bool:
        when = parse(key, task_app().config[key], weekly)
        if when is None:
            return False
        day, hour, minute = when
        local = local_time(moment)
        return (local.hour, local.minute) == (hour, minute) and day in (None, local.weekday())

    due.__name__ = f"at_{key.lower()}"
    return due


def daily_at(key: str) -> Callable[[datetime], bool]:
    """True in the minute of the day that config[key] ("07:00") names."""
    return _at(key, weekly=False)


def weekly_at(key: str) -> Callable[[datetime], bool]:
    """True in the minute of the week that config[key] ("mon 08:00") names."""
    return _at(key, weekly=True)


SCHEDULE_KEYS = {
    "SCHEDULE_REMATCH_AT": False,
    "SCHEDULE_RETENTION_AT": False,
    "SCHEDULE_FOLLOW_UP_DIGEST_AT": False,
    "DIGEST_WEEKLY_AT": True,
}
"""Every schedule key and whether it is weekly: checked when the app starts."""


def check_schedule(config) -> None:
    """Refuse to start with a schedule value that is not a time."""
    for key, weekly in SCHEDULE_KEYS.items():
        parse(key, config[key], weekly)
