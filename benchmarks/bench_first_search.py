"""Time the first typo-tolerant name search of a fresh process: the on-disk name index.

Run: `python benchmarks/bench_first_search.py` (SQLite, the 100,000-volunteer database of
bench_incremental_pool.py, built when missing) or with `--url postgresql+psycopg://...` for a
PostgreSQL database that already holds demo data (`flask demo-data --volunteers 100000`).

Each run is a new Python process: it creates the app, connects and configures the ORM mappers
(what the worker's first request, the consultant's login, does anyway; timed and printed apart),
then times its first fuzzy search, both
the name index alone (NameIndex.search) and the whole search the volunteer list runs (best_plan
and the first page of rows). Runs alternate between
- "file": the index file exists (written by an earlier run): this change;
- "no file": the index file is deleted first, so the process reads and folds every name,
  which is what every fresh process did before this change (plus writing the file).
The baseline "read whole" figure times only the reading and folding of every name, as before.
A script, not a test: see docs/performance.md.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench_pages import build, percentile  # noqa: E402  (benchmarks/ is the script's folder)

TARGET_MS = 150.0


def child(url: str, index_file: str, query: str) -> None:
    """In the fresh process: time the first search and print the figures as JSON."""
    from sqlalchemy.orm import configure_mappers

    from crm import create_app
    from crm.consultant import name_index as module
    from crm.consultant.search import VolunteerFilters, best_plan
    from crm.extensions import db

    app = create_app({"DATABASE_URL": url, "NAME_INDEX_FILE": index_file})
    figures = {}
    with app.app_context():
        # What the worker's first request (the consultant's login) has done before any search:
        # connect, and configure the ORM mappers (SQLAlchemy does that at the first query).
        started = time.perf_counter()
        configure_mappers()
        db.session.execute(db.text("SELECT 1"))
        figures["setup_ms"] = (time.perf_counter() - started) * 1000
        started = time.perf_counter()
        hits = module.name_index.search(query)
        figures["index_ms"] = (time.perf_counter() - started) * 1000
        figures["hits"] = len(hits)
        db.session.rollback()
    module.name_index.clear()
    with app.app_context():
        started = time.perf_counter()
        plan = best_plan(VolunteerFilters(q=query))
        rows = db.session.scalars(plan.stmt.limit(25)).all()
        figures["search_ms"] = (time.perf_counter() - started) * 1000
        figures["fuzzy"], figures["rows"] = plan.fuzzy, len(rows)
        started = time.perf_counter()
        module._names_of(module._read())
        figures["read_whole_ms"] = (time.perf_counter() - started) * 1000
    print(json.dumps(figures))


def run_child(url: str, index_file: Path, query: str) -> dict:
    result = subprocess.run(
        [sys.executable, __file__, "--child", url, str(index_file), query],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def typo_query(url: str) -> str:
    """A volunteer's full name with one letter dropped from each part (SQL finds nobody)."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.connect() as connection:
        first, last = connection.execute(
            text("SELECT first_name, last_name FROM volunteer WHERE erased_at IS NULL LIMIT 1")
        ).one()
    engine.dispose()
    return f"{first[:-1]} {last[:2]}{last[3:]}"


def line(label: str, values: list[float]) -> str:
    return (
        f"  {label:<44} p50 {percentile(values, 50):7.1f} ms   p95 {percentile(values, 95):7.1f}"
        f" ms   max {max(values):7.1f} ms   (n={len(values)})"
    )


def main() -> None:
    """Alternate fresh processes with and without the index file; print the figures."""
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        child(*sys.argv[2:])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/crm-bench-incremental.sqlite3"))
    parser.add_argument("--url", default="", help="a database URL instead of --db")
    parser.add_argument("--volunteers", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=8, help="fresh processes of each kind")
    args = parser.parse_args()

    url = args.url
    if not url:
        db_path = args.db.resolve()
        if not db_path.exists():
            print(f"Building {db_path} with {args.volunteers:,} volunteers …", flush=True)
            build(db_path, args.volunteers)
        url = f"sqlite:///{db_path}"
    subprocess.run(  # a reused database gets this branch's migrations
        [sys.executable, "-m", "flask", "--app", "crm", "db", "upgrade"],
        cwd=ROOT,
        env=dict(os.environ, CRM_DATABASE_URL=url),
        check=True,
        capture_output=True,
    )
    query = typo_query(url)
    with tempfile.TemporaryDirectory() as folder:
        index_file = Path(folder) / "name-index.npz"
        warm, cold = [], []
        run_child(url, index_file, query)  # writes the file
        for _ in range(args.runs):
            warm.append(run_child(url, index_file, query))
            index_file.unlink(missing_ok=True)
            cold.append(run_child(url, index_file, query))
        size = index_file.stat().st_size / 1e6
    load = os.getloadavg()
    dialect = url.split(":", 1)[0]
    print(f"{dialect}; {cold[0]['hits']} fuzzy hits; index file {size:.1f} MB")
    print(f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}, {os.cpu_count()} cores")
    print("With the index file (this change), first search of a fresh process:")
    print(line("name index", [r["index_ms"] for r in warm]))
    print(line("whole search (best_plan + first page)", [r["search_ms"] for r in warm]))
    print("Without it (before: every name read and folded; now also written):")
    print(line("name index", [r["index_ms"] for r in cold]))
    print(line("  of which reading and folding every name", [r["read_whole_ms"] for r in cold]))
    print(line("Not counted: connecting, configuring mappers", [r["setup_ms"] for r in cold]))
    worst = percentile([r["index_ms"] for r in warm], 95)
    verdict = "meets" if worst <= TARGET_MS else "MISSES"
    print(f"\np95 {worst:.1f} ms {verdict} the target of {TARGET_MS:.0f} ms")


if __name__ == "__main__":
    main()
