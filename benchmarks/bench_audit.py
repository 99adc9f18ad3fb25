"""Time the admin's audit log page over a million events: `python benchmarks/bench_audit.py`.

Builds (or reuses, with --db) a SQLite database from the migrations with an admin, a few staff
members, volunteers and --events audit events spread over two years, then requests the audit
page with each kind of filter through the Flask test client and prints p50 and p95. A script,
not a test: see docs/performance.md.
"""

import argparse
import os
import random
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench_pages import measure, percentile, sqlite_version  # noqa: E402

TARGET_MS = 100.0
PASSWORD = "bench-password-2026"
ACTIONS = ("login", "record_viewed", "record_viewed", "record_changed", "export", "logout")
STAFF = 6
VOLUNTEERS = 20_000
CHUNK = 20_000


def build(db_path: Path, events: int) -> None:
    """A fresh database from the migrations, with staff, volunteers and the events."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    env = dict(os.environ, CRM_DATABASE_URL=f"sqlite:///{db_path}")
    subprocess.run(
        [sys.executable, "-m", "flask", "--app", "crm", "db", "upgrade"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    from crm import create_app
    from crm.audit.models import AuditEvent
    from crm.auth.models import Role, User
    from crm.auth.services import hash_password
    from crm.extensions import db
    from crm.volunteers.models import Volunteer

    app = create_app({"DATABASE_URL": f"sqlite:///{db_path}"})
    rng = random.Random(8)
    with app.app_context():
        digest = hash_password(PASSWORD)
        now = datetime.now(UTC)
        staff = [
            User(
                email=f"staff{i}@example.org",
                role=Role.CONSULTANT,
                name=f"Staff {i}",
                password_hash=digest,
                email_confirmed_at=now,
            )
            for i in range(STAFF)
        ]
        staff[0].role = Role.ADMIN
        db.session.add_all(staff)
        db.session.flush()
        db.session.execute(
            Volunteer.__table__.insert(),
            [
                {
                    "first_name": f"Navn{i}",
                    "last_name": f"Efternavn{i % 997}",
                    "email": f"v{i}@x.org",
                    "version": 1,
                    "created_at": now,
                    "updated_at": now,
                }
                for i in range(VOLUNTEERS)
            ],
        )
        first = db.session.scalar(db.select(db.func.min(Volunteer.id)))
        staff_ids = [s.id for s in staff]
        start, span = now - timedelta(days=730), 730 * 24 * 3600
        table = AuditEvent.__table__
        for done in range(0, events, CHUNK):
            rows = []
            for _ in range(min(CHUNK, events - done)):
                action = rng.choice(ACTIONS)
                rows.append(
                    {
                        "at": start + timedelta(seconds=rng.randrange(span)),
                        "actor_id": rng.choice(staff_ids),
                        "actor_role": "consultant",
                        "action": action,
                        "volunteer_id": first + rng.randrange(VOLUNTEERS)
                        if action.startswith("record")
                        else None,
                        "user_id": None,
                        "details": {},
                    }
                )
            db.session.execute(table.insert(), rows)
        db.session.commit()


def main() -> None:
    """Build or reuse the database, log in as the admin, time each search and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/crm-bench-audit.sqlite3"))
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=30, help="timed requests per page")
    parser.add_argument("--warmup", type=int, default=2, help="untimed requests per page first")
    parser.add_argument("--rebuild", action="store_true", help="build the database again")
    args = parser.parse_args()

    db_path = args.db.resolve()
    if args.rebuild or not db_path.exists():
        print(f"Building {db_path} with {args.events:,} audit events …", flush=True)
        started = time.perf_counter()
        build(db_path, args.events)
        print(f"  built in {time.perf_counter() - started:.1f} s", flush=True)

    from crm import create_app
    from crm.extensions import db
    from crm.volunteers.models import Volunteer

    app = create_app({"DATABASE_URL": f"sqlite:///{db_path}", "WTF_CSRF_ENABLED": False})
    with app.app_context():
        volunteer = db.session.scalar(db.select(db.func.min(Volunteer.id))) + 123
        staff_id = db.session.scalar(db.text("SELECT id FROM user WHERE role='consultant' LIMIT 1"))
    client = app.test_client()
    if (
        client.post(
            "/login", data={"email": "staff0@example.org", "password": PASSWORD}
        ).status_code
        != 302
    ):
        raise SystemExit("Could not log in as the admin.")
    day = (datetime.now(UTC) - timedelta(days=100)).date().isoformat()
    pages = {
        "everything": "/admin/audit",
        "page 150": "/admin/audit?page=150",
        "by volunteer number": f"/admin/audit?volunteer={volunteer}",
        "by name": "/admin/audit?name=Efternavn12",
        "by staff member": f"/admin/audit?actor={staff_id}",
        "by action": "/admin/audit?action=export",
        "by one day": f"/admin/audit?day_from={day}&day_to={day}",
        "staff + action + month": f"/admin/audit?actor={staff_id}&action=record_changed"
        f"&day_from={day[:8]}01&day_to={day}",
    }
    print(f"\n{args.requests} timed requests per page after {args.warmup} untimed; ms.\n")
    print(f"{'search':<26} {'first':>7} {'p50':>7} {'p95':>7}  target p95 < {TARGET_MS:.0f} ms")
    print("-" * 72)
    misses = 0
    for name, url in pages.items():
        first, timings = measure(client, url, args.requests, args.warmup)
        p50, p95 = percentile(timings, 50), percentile(timings, 95)
        verdict = "PASS" if p95 < TARGET_MS else "MISS"
        misses += verdict == "MISS"
        print(f"{name:<26} {first:7.1f} {p50:7.1f} {p95:7.1f}  {verdict}")
    print(f"\nPython {sys.version.split()[0]}, SQLite {sqlite_version()}")
    sys.exit(1 if misses else 0)


if __name__ == "__main__":
    main()
