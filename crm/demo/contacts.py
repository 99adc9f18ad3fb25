"""Synthetic contact log entries and follow-ups, generated as plain rows for bulk insert."""

import random
from datetime import date, datetime, timedelta

from crm.demo.clock import DemoClock, local_date
from crm.demo.texts import CONTACT_SUMMARIES, FOLLOW_UP_NOTES, OUTCOMES

CHANNELS = (("phone", 45), ("email", 35), ("meeting", 8), ("sms", 10), ("other", 2))
MEAN_ENTRIES = 10  # contact log entries per volunteer on average
# Danish hours (from, to) per channel: calls and meetings in working hours 8-20.
HOURS = {
    "phone": (8, 20),
    "meeting": (8, 20),
    "email": (7, 23),
    "sms": (8, 21),
    "other": (8, 21),
}
_CHANNEL_NAMES = [c for c, _ in CHANNELS]
_CHANNEL_WEIGHTS = [w for _, w in CHANNELS]


def add_contacts(
    rng: random.Random,
    volunteer_id: int,
    created: datetime,
    clock: DemoClock,
    authors: list[int],
    first_id: int,
    out: list[dict],
) -> int:
    """Append 0–20 contact log entries (about ten on average) for a volunteer; return how many.

    Each falls on a day after the sign-up and before today, at an hour that suits its channel,
    with a summary written for that channel and direction. Someone who signed up yesterday has none.
    """
    count = rng.randint(0, 2 * MEAN_ENTRIES)
    first, last = local_date(created) + timedelta(days=1), clock.today - timedelta(days=1)
    if last < first:
        return 0
    for n in range(count):
        channel = rng.choices(_CHANNEL_NAMES, weights=_CHANNEL_WEIGHTS)[0]
        direction = "out" if rng.random() < 0.7 else "in"
        at = clock.daytime(rng, clock.day_between(rng, first, last), HOURS[channel])
        out.append(
            {
                "id": first_id + n,
                "volunteer_id": volunteer_id,
                "author_id": rng.choice(authors),
                "at": at,
                "channel": channel,
                "direction": direction,
                "summary": rng.choice(CONTACT_SUMMARIES[channel, direction]),
                "outcome": rng.choice(OUTCOMES),
                "match_id": None,
                "created_at": at,
                "updated_at": at,
            }
        )
    return count


def add_follow_up(
    rng: random.Random,
    volunteer_id: int,
    contact_id: int | None,
    owner_id: int,
    clock: DemoClock,
    out: list[dict],
) -> None:
    """Append a follow-up around today: some overdue, some due today, some later, some done.

    It was created before today, at most a month before it is due; a done one was done on its day.
    """
    today = clock.today
    due = today + timedelta(days=rng.choice((-10, -3, -1, 0, 0, 1, 2, 7, 14, 30)))
    made: date = min(due - timedelta(days=rng.randint(3, 30)), today - timedelta(days=1))
    done = due < today and rng.random() < 0.5
    out.append(
        {
            "owner_id": owner_id,
            "volunteer_id": volunteer_id,
            "contact_id": contact_id,
            "due_date": due,
            "note": rng.choice(FOLLOW_UP_NOTES),
            "done_at": clock.daytime(rng, due, (9, 17)) if done else None,
            "created_at": clock.daytime(rng, made, (8, 17)),
        }
    )
