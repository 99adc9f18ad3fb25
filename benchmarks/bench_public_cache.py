"""Time the public pages with and without their cache: `python benchmarks/bench_public_cache.py`.

Builds (or reuses, with --db) an SQLite database with `flask db upgrade` and `flask demo-data`,
then requests the public front page and the project page with the most open needs through the
Flask test client as an anonymous visitor: first with the cache off (PUBLIC_CACHE_TIMEOUT = 0),
then on, in the same process, beside GET /health as a trivial baseline. Prints p50, p95 and
requests a second for each. `--redis URL` puts the cache in Redis, as in production. A script,
not a test: the load benchmark (benchmarks/load.py) measures the served figures.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def flask(db_path: Path, *args: str) -> None:
    """Run `flask --app crm ARGS` on the benchmark database."""
    env = dict(os.environ, CRM_DATABASE_URL=f"sqlite:///{db_path}")
    subprocess.run(
        [sys.executable, "-m", "flask", "--app", "crm", *args], cwd=ROOT, env=env, check=True
    )


def build(db_path: Path, volunteers: int) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    flask(db_path, "db", "upgrade")
    flask(db_path, "demo-data", "--volunteers", str(volunteers))


def busiest_project(app) -> int:
    """The active project with the most open public needs (the longest project page)."""
    from sqlalchemy import func, select

    from crm.extensions import db
    from crm.projects.models import Need
    from crm.projects.services import need_open_condition

    with app.app_context():
        return db.session.scalar(
            select(Need.project_id)
            .where(need_open_condition(public=True))
            .group_by(Need.project_id)
            .order_by(func.count().desc(), Need.project_id)
            .limit(1)
        )


def timed(client, path: str, requests: int, warmup: int) -> list[float]:
    """Milliseconds of each of `requests` GETs after `warmup` untimed ones."""
    for _ in range(warmup):
        client.get(path).close()
    times = []
    for _ in range(requests):
        started = time.perf_counter()
        response = client.get(path)
        response.get_data()
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (path, response.status_code)
        response.close()
    return times


def row(label: str, times: list[float]) -> str:
    p50 = statistics.median(times)
    p95 = statistics.quantiles(times, n=20)[18]
    per_second = 1000 * len(times) / sum(times)
    return f"| {label} | {p50:.2f} | {p95:.2f} | {per_second:,.0f} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/crm-bench-public.sqlite3"))
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--volunteers", type=int, default=1000)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument(
        "--redis", default="", help="CACHE_REDIS_URL, e.g. redis://127.0.0.1:6379/12"
    )
    args = parser.parse_args()
    if args.rebuild or not args.db.exists():
        build(args.db, args.volunteers)

    from crm import create_app

    app = create_app(
        {
            "DATABASE_URL": f"sqlite:///{args.db}",
            "CACHE_REDIS_URL": args.redis,
            "CACHE_TYPE": "RedisCache" if args.redis else "SimpleCache",
            "CACHE_KEY_PREFIX": f"crm-bench-{os.getpid()}:",
        }
    )
    project = busiest_project(app)
    client = app.test_client()
    pages = {"public front page": "/", f"project page /p/{project}": f"/p/{project}"}
    cache = f"Redis {args.redis}" if args.redis else "SimpleCache (in process)"
    print(f"{args.requests} requests per row after {args.warmup} untimed; cache: {cache}")
    print("| page | p50 ms | p95 ms | requests/s (one client, in process) |")
    print("|---|---:|---:|---:|")
    print(row("baseline: GET /health", timed(client, "/health", args.requests, args.warmup)))
    results = {}
    for cached in (False, True):
        app.config["PUBLIC_CACHE_TIMEOUT"] = 300 if cached else 0
        for label, path in pages.items():
            times = timed(client, path, args.requests, args.warmup)
            results[label, cached] = statistics.median(times)
            print(row(f"{label}, {'cached' if cached else 'not cached'}", times))
    for label in pages:
        print(f"{label}: {results[label, False] / results[label, True]:.1f} times faster cached")
    if args.redis:
        from crm.extensions import cache

        with app.app_context():
            cache.clear()


if __name__ == "__main__":
    main()
