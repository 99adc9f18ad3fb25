"""Serve the app with gunicorn and put a mixed load on it: `python benchmarks/load.py`.

Builds (or reuses) a database with `flask demo-data --volunteers N`, starts a local SMTP server
that counts messages, gunicorn on 127.0.0.1 (two workers, the repository's gunicorn.conf.py when
there is one), the background worker when the app has one (`flask --app crm worker`), and a
hello-world Flask app with the same gunicorn settings. Then:

1. a read test: each page for a few seconds on 20 concurrent connections, as a share of the
   hello-world app's throughput;
2. the mixed load: 30 simulated people for 60 s (volunteers registering and editing their
   profiles, the consultant logging contacts, moving matches and e-mailing shortlists, through
   the real forms), printing requests/s, p50, p95, p99 and 5xx;
3. the checks: every write that got a success answer is in the database (lost writes), and the
   e-mails the SMTP server received against those asked for, once the outbox has drained.

On SQLite, PostgreSQL or both (--database). A script, not a test: see docs/performance.md.
Exits 1 on any 5xx, lost write or missing e-mail.
"""

import argparse
import os
import secrets
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(ROOT), str(HERE)]

from load_checks import check_writes, outbox_since, read_world  # noqa: E402
from load_http import Browser, Recorder, read_test  # noqa: E402
from load_report import print_mixed, print_reads, print_summary  # noqa: E402
from load_servers import Servers  # noqa: E402
from load_users import Ledger, World, cast, log_in  # noqa: E402

DEFAULT_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/h_load"


def flask(url: str, *args: str) -> None:
    """Run `flask --app crm ARGS` against the database at `url`."""
    env = dict(os.environ, CRM_DATABASE_URL=url)
    command = [sys.executable, "-m", "flask", "--app", "crm", *args]
    subprocess.run(command, cwd=ROOT, env=env, check=True)


def volunteer_count(url: str) -> int | None:
    """How many volunteers the database holds; None when it has no schema yet."""
    from sqlalchemy import create_engine, inspect, text

    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            if "volunteer" not in inspect(connection).get_table_names():
                return None
            return connection.execute(text("SELECT count(*) FROM volunteer")).scalar_one()
    finally:
        engine.dispose()


def prepare_database(url: str, volunteers: int, rebuild: bool) -> None:
    """Reuse a database built for this size, else build it with the app's own commands.

    Each run adds its registrations, so a database is reused while it holds between N and
    N + 5,000 volunteers.
    """
    from sqlalchemy import create_engine, text

    count = None if rebuild else volunteer_count(url)
    if count is not None and volunteers <= count <= volunteers + 5000:
        print(f"Reusing the database ({count:,} volunteers); migrating it to the head.", flush=True)
        flask(url, "db", "upgrade")
        return
    print(f"Building the database with {volunteers:,} volunteers …", flush=True)
    started = time.perf_counter()
    if url.startswith("sqlite:///"):
        path = url.removeprefix("sqlite:///")
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    else:
        engine = create_engine(url)
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
        engine.dispose()
    flask(url, "db", "upgrade")
    flask(url, "demo-data", "--volunteers", str(volunteers))
    print(f"  built in {time.perf_counter() - started:.1f} s", flush=True)


def run_reads(servers: Servers, world: World, seconds: float, connections: int) -> list:
    """The read test: hello-world first, then each page; [(name, path, ReadResult)]."""
    consultant = Browser("127.0.0.1", servers.app_port, Recorder(recording=False))
    log_in(consultant, "konsulent@example.org")
    cookie = consultant.cookie_header()
    pages = [
        ("hello-world", "/", servers.hello_port, ""),
        ("public front page", "/", servers.app_port, ""),
        ("public project page", f"/p/{world.project_id}", servers.app_port, ""),
        ("login page", "/login", servers.app_port, ""),
        ("dashboard", "/consultant/", servers.app_port, cookie),
        ("need page", f"/consultant/needs/{world.needs[0]}", servers.app_port, cookie),
    ]
    rows = []
    for name, path, port, cookies in pages:
        read_test("127.0.0.1", port, path, connections, min(1.0, seconds), cookies)  # warm-up
        rows.append((name, path, read_test("127.0.0.1", port, path, connections, seconds, cookies)))
    return rows


def run_mixed(servers: Servers, world: World, args, run: str):
    """The mixed load; returns the recorder, the ledger, the wall time and the generator's CPU."""
    recorder, ledger = Recorder(recording=False), Ledger(run)
    people = cast(world, "127.0.0.1", servers.app_port, recorder, ledger, args.users, args.think)
    for person in people:  # logging in is not part of the measured load
        person.prepare()
    recorder.recording = True
    ledger.started_at = datetime.now(UTC)
    cpu, started = time.process_time(), time.monotonic()
    stop = started + args.duration
    for person in people:
        person.stop_at = stop
        person.start()
    for person in people:
        person.join()
    wall, cpu = time.monotonic() - started, time.process_time() - cpu
    recorder.recording = False
    errors = [p.error for p in people if p.error is not None]
    if errors:
        raise SystemExit(f"{len(errors)} simulated users stopped with an error: {errors[0]!r}")
    return recorder, ledger, wall, cpu


def run_database(name: str, url: str, args) -> dict:
    """Build, serve, load and check one database; print its figures and return the summary."""
    print(f"\n=== {name}: {url.split('@')[-1]} ===", flush=True)
    prepare_database(url, args.volunteers, args.rebuild)
    world = read_world(url)
    print(f"{world.volunteer_total:,} volunteers, {len(world.needs)} open needs.", flush=True)
    run = secrets.token_hex(3)
    with Servers(url, args, ROOT, HERE) as servers:
        print(servers.describe(), flush=True)
        reads = []
        if args.read_seconds > 0:
            reads = run_reads(servers, world, args.read_seconds, args.connections)
            print_reads(reads, args.connections, args.read_seconds)
        recorder, ledger, wall, cpu = run_mixed(servers, world, args, run)
        drained = servers.smtp.wait_for(lambda: len(outbox_since(url, ledger)), args.drain)
    checks = check_writes(url, ledger, servers.smtp.messages)
    summary = print_mixed(name, recorder.samples, ledger, checks, wall, cpu, drained, args)
    summary["reads"] = reads
    return summary


def main() -> None:
    """Parse the options, run each database, print the summary, exit 1 on any failure."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument(
        "--postgres-url",
        default=os.environ.get("CRM_LOAD_POSTGRES_URL", DEFAULT_POSTGRES),
        help="PostgreSQL database to use (emptied when built); env CRM_LOAD_POSTGRES_URL",
    )
    parser.add_argument("--sqlite-db", type=Path, help="default /tmp/crm-load-N.sqlite3")
    parser.add_argument("--volunteers", type=int, default=100_000)
    parser.add_argument("--rebuild", action="store_true", help="build the database again")
    parser.add_argument("--users", type=int, default=30, help="simulated people in the mixed load")
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of mixed load")
    parser.add_argument(
        "--think",
        type=lambda s: tuple(float(x) for x in s.split(",")),
        default=(2.0, 6.0),
        help="seconds each person waits between actions (reading the page, filling the form): "
        "MIN,MAX, default 2,6",
    )
    parser.add_argument(
        "--read-seconds", type=float, default=5.0, help="per page in the read test (0: none)"
    )
    parser.add_argument("--connections", type=int, default=20, help="in the read test")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument(
        "--queue-url",
        default=os.environ.get("CRM_LOAD_QUEUE_URL", ""),
        help="the worker's queue, e.g. redis://127.0.0.1:6379/0 (also the rate limits); "
        "default a fresh SQLite queue file per run",
    )
    parser.add_argument("--drain", type=float, default=120.0, help="max seconds to wait for e-mail")
    args = parser.parse_args()

    sqlite_path = (args.sqlite_db or Path(f"/tmp/crm-load-{args.volunteers}.sqlite3")).resolve()
    targets = {
        "sqlite": ("SQLite", f"sqlite:///{sqlite_path}"),
        "postgres": ("PostgreSQL", args.postgres_url),
    }
    chosen = ("sqlite", "postgres") if args.database == "both" else (args.database,)
    summaries = [run_database(*targets[key], args) for key in chosen]
    failed = print_summary(summaries)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
