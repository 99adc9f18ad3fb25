"""Time a profile save, then a need save, at 100,000 volunteers: the incremental pool.

Run: `python benchmarks/bench_incremental_pool.py`.

Builds (or reuses, with --db) a demo database the way benchmarks/bench_pages.py does (its own
file by default, because this script edits profiles and needs), then runs N rounds of: edit one
consented volunteer's availability through the services the profile view calls (the save hook
included: skills, then refresh_volunteer), commit; save one open need through the services the
need form calls (update_need, withdraw_closed, refresh_need), commit. Each step runs in its own
app context, as a request does. The pool is warmed first (one full read, untimed).

For scale, the same needs are saved again with no profile changed in between: the part of a need
save that is ranking and writing, whatever the pool costs.

Baseline, in the same process: the same rounds with the process's pool forgotten before each
need save, which is what every need save after a profile change cost before the incremental
pool (a full read of every consented volunteer). A script, not a test: see docs/performance.md.
"""

import argparse
import os
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench_pages import build, percentile  # noqa: E402  (benchmarks/ is the script's folder)

TARGET_MS = 150.0


def pick(app, rng: random.Random, rounds: int) -> tuple[list[int], list[int]]:
    """Ids of consented volunteers and of open needs to edit, one of each per round."""
    from sqlalchemy import select

    from crm.extensions import db
    from crm.projects.models import Need
    from crm.projects.services import need_open_condition
    from crm.volunteers.models import Volunteer
    from crm.volunteers.services import current_consent_condition

    with app.app_context():
        people = db.session.scalars(select(Volunteer.id).where(current_consent_condition())).all()
        needs = db.session.scalars(select(Need.id).where(need_open_condition())).all()
    if not people or not needs:
        raise SystemExit("the database has no consented volunteer or no open need")
    return [rng.choice(people) for _ in range(rounds)], [rng.choice(needs) for _ in range(rounds)]


def save_profile(app, volunteer_id: int, hours: int) -> float:
    """Save step 5 of one profile as the view does; milliseconds."""
    from crm.extensions import db
    from crm.volunteers import services
    from crm.volunteers.models import Volunteer
    from crm.volunteers.views import after_profile_saved

    started = time.perf_counter()
    with app.app_context():
        volunteer = db.session.get(Volunteer, volunteer_id)
        services.update_availability(
            volunteer,
            available_from=volunteer.available_from,
            available_to=volunteer.available_to,
            hours_per_month=hours,
            travel=volunteer.travel or "",
        )
        after_profile_saved(volunteer)
        db.session.commit()
    return (time.perf_counter() - started) * 1000


def save_need(app, need_id: int, hours: int) -> float:
    """Save one need as the need form does (its hours changed); milliseconds."""
    from crm.extensions import db
    from crm.matches import closing, refresh
    from crm.projects import services
    from crm.projects.models import Need

    started = time.perf_counter()
    with app.app_context():
        need = db.session.get(Need, need_id)
        data = services.NeedData(
            title=need.title,
            description=need.description,
            skills=[services.SkillRequirement(s.area, s.min_level, s.weight) for s in need.skills],
            languages=[
                services.LanguageRequirement(x.code, x.min_level, x.required)
                for x in need.languages
            ],
            countries=[c.code for c in need.countries],
            period_from=need.period_from,
            period_to=need.period_to,
            hours_per_month=hours,
            travel=need.travel,
            seats=need.seats,
            deadline=need.deadline,
            status=need.status,
        )
        were_open = closing.open_ids([need])
        services.update_need(need, data, need.version)
        closing.withdraw_closed([need], were_open, None)
        refresh.refresh_need(need)
        db.session.commit()
    return (time.perf_counter() - started) * 1000


POOL_MS: list[float] = []
"""Milliseconds of each candidate_pool() call made by refresh_need (see timed_pool)."""


def timed_pool() -> None:
    """Wrap the pool lookup that refresh_need calls, to show its share of a need save."""
    from crm.matches import refresh

    lookup = refresh.candidate_pool

    def timed(*args, **kwargs):
        started = time.perf_counter()
        try:
            return lookup(*args, **kwargs)
        finally:
            POOL_MS.append((time.perf_counter() - started) * 1000)

    refresh.candidate_pool = timed


def run(
    app, people, needs, rng, full_read: bool = False, profiles_too: bool = True
) -> tuple[list[float], list[float], list[float]]:
    """(profile save ms, need save ms, of which the pool lookup ms) per round."""
    from crm.matches import pool_cache

    profiles, saves = [], []
    POOL_MS.clear()
    for volunteer_id, need_id in zip(people, needs, strict=True):
        if profiles_too:
            profiles.append(save_profile(app, volunteer_id, rng.randint(4, 40)))
        if full_read:
            pool_cache.forget_pool()
        saves.append(save_need(app, need_id, rng.randint(4, 40)))
    return profiles, saves, list(POOL_MS)


def line(label: str, values: list[float]) -> str:
    return (
        f"  {label:<40} p50 {percentile(values, 50):8.1f} ms   p95 {percentile(values, 95):8.1f} ms"
        f"   max {max(values):8.1f} ms   (n={len(values)})"
    )


def main() -> None:
    """Build or reuse the database, warm the pool, time both paths and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/crm-bench-incremental.sqlite3"))
    parser.add_argument("--volunteers", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=60, help="timed rounds, incremental")
    parser.add_argument("--baseline-rounds", type=int, default=5, help="rounds with full reads")
    parser.add_argument("--rebuild", action="store_true", help="build the database again")
    args = parser.parse_args()

    db_path = args.db.resolve()
    if args.rebuild or not db_path.exists():
        print(f"Building {db_path} with {args.volunteers:,} volunteers …", flush=True)
        for step, seconds in build(db_path, args.volunteers).items():
            print(f"  {step:<12} {seconds:8.1f} s", flush=True)
    os.environ["CRM_DATABASE_URL"] = f"sqlite:///{db_path}"

    subprocess.run(
        [sys.executable, "-m", "flask", "--app", "crm", "db", "upgrade"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )

    from crm import create_app
    from crm.extensions import db
    from crm.matches import pool_cache

    app = create_app({"DATABASE_URL": f"sqlite:///{db_path}"})
    rng = random.Random(2026)
    people, needs = pick(app, rng, args.rounds + args.baseline_rounds + 1)
    with app.app_context():
        started = time.perf_counter()
        pool = pool_cache.candidate_pool()
        warm = time.perf_counter() - started
        print(f"{len(pool):,} consented volunteers; first (full) read of the pool {warm:.2f} s")
        db.session.rollback()
    save_profile(app, people[-1], 10)  # untimed: the first save pays for imports and caches
    save_need(app, needs[-1], 10)

    timed_pool()
    n = args.rounds
    profiles, saves, pools = run(app, people[:n], needs[:n], rng)
    _none, alone, _pools = run(app, people[:n], needs[:n], rng, profiles_too=False)
    base_profiles, base_saves, base_pools = run(app, people[n:-1], needs[n:-1], rng, full_read=True)
    load = os.getloadavg()
    print(f"\nload average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}, {os.cpu_count()} cores")
    print("Incremental pool (this change):")
    print(line("save a profile", profiles))
    print(line("then save a need", saves))
    print(line("  of which the pool brought up to date", pools))
    print(line("a need saved with no profile changed", alone))
    print("Baseline, same process: the pool read whole before each need save (before):")
    print(line("save a profile", base_profiles))
    print(line("then save a need", base_saves))
    print(line("  of which the pool read whole", base_pools))
    worst = max(percentile(profiles, 95), percentile(saves, 95))
    verdict = "meets" if worst <= TARGET_MS else "MISSES"
    print(
        f"\np95 {worst:.1f} ms {verdict} the target of {TARGET_MS:.0f} ms; need saves "
        f"{percentile(base_saves, 50) / percentile(saves, 50):.0f}x faster at the median"
    )


if __name__ == "__main__":
    main()
