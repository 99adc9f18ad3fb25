"""Synthetic contact log entries and follow-ups, generated as plain rows for bulk insert."""

import random
from datetime import UTC, date, datetime, time, timedelta

from crm.demo.texts import CONTACT_SUMMARIES, FOLLOW_UP_NOTES, OUTCOMES

CHANNELS = (("phone", 45), ("email", 35), ("meeting", 8), ("sms", 10), ("other", 2))
MEAN_ENTRIES = 10  # contact log entries per volunteer on average


def add_contacts(
    rng: random.Random,
    volunteer_id: int,
    created: datetime,
    now: datetime,
    authors: list[int],
    first_id: int,
    out: list[dict],
) -> int:
    """Append 0–20 contact log entries (about ten on average) for a volunteer; return how many."""
    count = rng.randint(0, 2 * MEAN_ENTRIES)
    span = max(60.0, (now - created).total_seconds())
    for n in range(count):
        at = created + timedelta(seconds=int(rng.random() * span))
        channel = rng.choices([c for c, _ in CHANNELS], weights=[w for _, w in CHANNELS])[0]
        out.append(
            {
                "id": first_id + n,
                "volunteer_id": volunteer_id,
                "author_id": rng.choice(authors),
                "at": at,
                "channel": channel,
                "direction": "out" if rng.random() < 0.7 else "in",
                "summary": rng.choice(CONTACT_SUMMARIES),
                "outcome": rng.choice(OUTCOMES),
                "match_id": None,
                "created_at": at,
            }
        )
    return count


def add_follow_up(
    rng: random.Random,
    volunteer_id: int,
    contact_id: int | None,
    owner_id: int,
    today: date,
    out: list[dict],
) -> None:
    """Append a follow-up around today: some overdue, some due today, some later, some done."""
    due = today + timedelta(days=rng.choice((-10, -3, -1, 0, 0, 1, 2, 7, 14, 30)))
    created = datetime.combine(due - timedelta(days=rng.randint(3, 30)), time(10), tzinfo=UTC)
    done = due < today and rng.random() < 0.5
    out.append(
        {
            "owner_id": owner_id,
            "volunteer_id": volunteer_id,
            "contact_id": contact_id,
            "due_date": due,
            "note": rng.choice(FOLLOW_UP_NOTES),
            "done_at": datetime.combine(due, time(15), tzinfo=UTC) if done else None,
            "created_at": created,
        }
    )
