"""Time the consultant's pages on a large SQLite database: `python benchmarks/bench_pages.py`.

Builds (or reuses, with --db) a database with `flask demo-data --volunteers N` (about ten contact
log entries each; demo-data ends with a rematch that stores matches, else `flask rematch` runs),
moves a few matches of every open need along the pipeline, then requests each page many times
through the Flask test client, logged in as the demo consultant, and prints p50 and p95 next to
a trivial endpoint of the same app measured in the same run. A script, not a test: see
docs/performance.md.
"""

import argparse
import os
import random
import subprocess
import sys
import time
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGET_MS = 100.0
DEMO_LOGIN = ("konsulent@example.org", "demo-password-2026")
PIPELINE_PER_NEED = (
    ("shortlisted", 4),
    ("contacted", 2),
    ("interested", 2),
    ("placed", 1),
    ("declined", 1),
)
"""Per open need, this many of its best matches are moved into each state (with transitions)."""

FORWARD = ("suggested", "shortlisted", "contacted", "interested", "placed")


def flask(db_path: Path, *args: str) -> float:
    """Run `flask --app crm ARGS` on the benchmark database; return the seconds it took."""
    env = dict(os.environ, CRM_DATABASE_URL=f"sqlite:///{db_path}")
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "flask", "--app", "crm", *args], cwd=ROOT, env=env, check=True
    )
    return time.perf_counter() - started


def build(db_path: Path, volunteers: int) -> dict[str, float]:
    """Create the database from scratch: migrations, demo data, stored matches, a pipeline."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    seconds = {"db upgrade": flask(db_path, "db", "upgrade")}
    seconds["demo-data"] = flask(db_path, "demo-data", "--volunteers", str(volunteers))
    if not stored_matches(db_path):  # older demo-data commands did not rematch at the end
        seconds["rematch"] = flask(db_path, "rematch")
    return seconds


def stored_matches(db_path: Path) -> int:
    """How many Match rows the database holds."""
    import sqlite3

    with closing(sqlite3.connect(db_path)) as connection:
        return connection.execute('SELECT count(*) FROM "match"').fetchone()[0]


def advance_pipeline(app) -> int:
    """Move the best matches of every open need along the pipeline, transitions included.

    Bulk SQL, no services: this only gives the dashboard and the state tabs something to count.
    Returns how many matches were moved (0 when it was done before).
    """
    from sqlalchemy import func, insert, select, update

    from crm.auth.models import User
    from crm.extensions import db
    from crm.matches.models import Match, MatchState, MatchTransition
    from crm.projects.models import Need, NeedStatus

    with app.app_context():
        moved = db.session.scalar(select(func.count()).where(Match.state != MatchState.SUGGESTED))
        if moved:
            return 0
        user_id = db.session.scalar(select(User.id).where(User.email == DEMO_LOGIN[0]))
        need_ids = db.session.scalars(select(Need.id).where(Need.status == NeedStatus.OPEN))
        now = datetime.now(UTC)
        rng = random.Random(2026)
        transitions, count = [], 0
        for need_id in list(need_ids):
            wanted = sum(n for _state, n in PIPELINE_PER_NEED)
            match_ids = list(
                db.session.scalars(
                    select(Match.id)
                    .where(Match.need_id == need_id, Match.excluded.is_(False))
                    .order_by(Match.score.desc(), Match.volunteer_id)
                    .limit(wanted)
                )
            )
            for state, n in PIPELINE_PER_NEED:
                chosen, match_ids = match_ids[:n], match_ids[n:]
                for match_id in chosen:
                    path = list(FORWARD[: FORWARD.index(state) + 1]) if state in FORWARD else []
                    if state == "declined":
                        path = ["suggested", "shortlisted", "contacted", "declined"]
                    at = now - timedelta(days=rng.randint(1, 80))
                    for step, (a, b) in enumerate(zip(path, path[1:], strict=False)):
                        transitions.append(
                            {
                                "match_id": match_id,
                                "from_state": a,
                                "to_state": b,
                                "user_id": user_id,
                                "at": at + timedelta(hours=step),
                                "note": "",
                                "reason": "Benchmark" if b == "declined" else "",
                            }
                        )
                    values = {"state": state, "version": Match.version + 1}
                    if state in ("interested", "placed"):
                        values["interested_at"] = at
                    db.session.execute(update(Match).where(Match.id == match_id).values(**values))
                    count += 1
        if transitions:
            db.session.execute(insert(MatchTransition.__table__), transitions)
        db.session.commit()
        return count


def with_typo(name: str) -> str:
    """The name with two neighbouring letters swapped in its middle ("Hansen" → "Hasnen")."""
    if len(name) < 4:
        return name + name[-1]
    i = len(name) // 2
    return name[: i - 1] + name[i] + name[i - 1] + name[i + 1 :]


def pick_targets(app) -> dict[str, str]:
    """The URLs to time: the need with most stored matches, a busy volunteer, real names."""
    from sqlalchemy import func, select

    from crm.contacts.models import ContactLogEntry
    from crm.extensions import db
    from crm.matches.models import Match
    from crm.projects.models import Need, NeedStatus
    from crm.volunteers.models import Volunteer

    with app.app_context():
        need_id = db.session.scalar(
            select(Match.need_id)
            .join(Need, Need.id == Match.need_id)
            .where(Need.status == NeedStatus.OPEN)
            .group_by(Match.need_id)
            .order_by(func.count().desc(), Match.need_id)
            .limit(1)
        )
        # The volunteer with the most matches among those with the longest contact logs.
        busiest = (
            select(ContactLogEntry.volunteer_id)
            .group_by(ContactLogEntry.volunteer_id)
            .order_by(func.count().desc(), ContactLogEntry.volunteer_id)
            .limit(200)
        ).subquery()
        volunteer_id = db.session.scalar(
            select(busiest.c.volunteer_id)
            .outerjoin(Match, Match.volunteer_id == busiest.c.volunteer_id)
            .group_by(busiest.c.volunteer_id)
            .order_by(func.count(Match.id).desc(), busiest.c.volunteer_id)
            .limit(1)
        )
        first, last = db.session.execute(
            select(Volunteer.first_name, Volunteer.last_name).where(Volunteer.id == volunteer_id)
        ).one()
    typo = f"{with_typo(first)} {with_typo(last)}"
    return {
        "dashboard": "/consultant/",
        "need candidates": f"/consultant/needs/{need_id}",
        "need, shortlisted tab": f"/consultant/needs/{need_id}?tab=shortlisted",
        "search: name with typos": f"/consultant/volunteers?q={typo}",
        "search: filters": (
            "/consultant/volunteers?area=local-democracy&language=en&level=B2"
            "&travel=short&sort=name"
        ),
        "search: typo + filters": f"/consultant/volunteers?q={with_typo(last)}&language=en",
        "search: filters, page 20": (
            "/consultant/volunteers?area=campaigning&language=en&sort=newest&page=20"
        ),
        "volunteer record": f"/consultant/volunteers/{volunteer_id}",
        "follow-ups (mine, open)": "/contacts/follow-ups",
    }


BASELINES = {
    "baseline: GET /login": "/login",
    "baseline: static CSS": "/static/css/app.css",
}
"""Trivial endpoints of the same app, requested by a client that is not logged in."""


def percentile(values: list[float], p: float) -> float:
    """The p-th percentile (0–100) by linear interpolation."""
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    low, high = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


def measure(client, url: str, requests: int, warmup: int) -> tuple[float, list[float]]:
    """(first request ms, list of ms of the timed requests) for GET url."""
    timings = []
    first = None
    for i in range(warmup + requests):
        started = time.perf_counter()
        response = client.get(url)
        elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            raise SystemExit(f"GET {url} answered {response.status_code}")
        response.close()
        if first is None:
            first = elapsed
        if i >= warmup:
            timings.append(elapsed)
    return first, timings


def main() -> None:
    """Build or reuse the database, log in, time every page and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/crm-bench-pages.sqlite3"))
    parser.add_argument("--volunteers", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=50, help="timed requests per page")
    parser.add_argument("--warmup", type=int, default=3, help="untimed requests per page first")
    parser.add_argument("--rebuild", action="store_true", help="build the database again")
    args = parser.parse_args()

    db_path = args.db.resolve()
    if args.rebuild or not db_path.exists():
        print(f"Building {db_path} with {args.volunteers:,} volunteers …", flush=True)
        for step, seconds in build(db_path, args.volunteers).items():
            print(f"  {step:<12} {seconds:8.1f} s", flush=True)

    from crm import create_app

    app = create_app({"DATABASE_URL": f"sqlite:///{db_path}", "WTF_CSRF_ENABLED": False})
    moved = advance_pipeline(app)
    if moved:
        print(f"Moved {moved:,} matches along the pipeline.")
    with app.app_context():
        from crm.demo.loader import count_rows

        counts = count_rows()
    print(
        f"Database: {counts['volunteers']:,} volunteers, "
        f"{counts['contact log entries']:,} contact log entries, {counts['needs']:,} needs."
    )

    client = app.test_client()
    login = client.post("/login", data={"email": DEMO_LOGIN[0], "password": DEMO_LOGIN[1]})
    if login.status_code != 302:
        raise SystemExit("Could not log in as the demo consultant.")
    pages = pick_targets(app)

    anonymous = app.test_client()
    rows = []
    for name, url in {**BASELINES, **pages}.items():
        who = anonymous if name in BASELINES else client
        first, timings = measure(who, url, args.requests, args.warmup)
        rows.append((name, url, first, percentile(timings, 50), percentile(timings, 95)))

    print(f"\n{args.requests} timed requests per page after {args.warmup} untimed; ms.\n")
    print(f"{'page':<26} {'first':>7} {'p50':>7} {'p95':>7}  target p95 < {TARGET_MS:.0f} ms")
    print("-" * 72)
    misses = 0
    for name, _url, first, p50, p95 in rows:
        if name.startswith("baseline"):
            verdict = "(baseline)"
        else:
            verdict = "PASS" if p95 < TARGET_MS else "MISS"
            misses += verdict == "MISS"
        print(f"{name:<26} {first:7.1f} {p50:7.1f} {p95:7.1f}  {verdict}")
    print()
    for name, url, *_ in rows:
        print(f"  {name:<26} {url}")
    print(f"\nPython {sys.version.split()[0]}, SQLite {sqlite_version()}")
    sys.exit(1 if misses else 0)


def sqlite_version() -> str:
    """The SQLite library version Python uses."""
    import sqlite3

    return sqlite3.sqlite_version


if __name__ == "__main__":
    main()
