"""Time a project's results page and its exports on a large database, against the project page.

    python benchmarks/bench_results.py DB [REPORTS]

DB is a SQLite file with demo data (`flask --app crm demo-data --volunteers 100000`); it is copied
first, never changed. In the copy, the busiest project gets REPORTS (default 3,000) approved
activity reports spread over up to 300 placements on its needs (matches moved to placed where
the demo has too few). Then, through the Flask test client as the demo consultant, N runs each of
the results page for the project's year, its XLSX export, its printable page, and as the
baseline the project's own page in the same process. Prints p50 and p95 in milliseconds and each
against the baseline. A script, not a test: see docs/results.md.
"""

import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

RUNS = 20
PLACEMENTS = 300
TYPES = ("training", "workshop", "mentoring", "online_advice", "policy_paper", "study_trip")


def _seed_reports(db, reports: int) -> int:
    """Approved reports on the busiest project's placements; returns the project's id."""
    from sqlalchemy import func, insert, select, update

    from crm.activities.models import ActivityReport
    from crm.matches.models import Match
    from crm.projects.models import Need
    from crm.results.models import OutcomeArea

    project_id = db.session.scalar(
        select(Need.project_id).group_by(Need.project_id).order_by(func.count().desc()).limit(1)
    )
    needs = select(Need.id).where(Need.project_id == project_id)
    matches = db.session.scalars(
        select(Match.id)
        .where(Match.need_id.in_(needs), Match.volunteer_id.is_not(None), Match.excluded.is_(False))
        .order_by(Match.score.desc())
        .limit(PLACEMENTS)
    ).all()
    db.session.execute(update(Match).where(Match.id.in_(matches)).values(state="placed"))
    placed = db.session.execute(
        select(Match.id, Match.volunteer_id).where(Match.id.in_(matches))
    ).all()
    areas = db.session.scalars(select(OutcomeArea.id)).all() or [None]
    rng = random.Random(2026)
    start = date(date.today().year, 1, 1)
    rows = []
    for i in range(reports):
        match_id, volunteer_id = placed[i % len(placed)]
        people = rng.randint(5, 40)
        rows.append(
            {
                "match_id": match_id,
                "volunteer_id": volunteer_id,
                "project_id": project_id,
                "outcome_area_id": rng.choice(areas),
                "started_on": start + timedelta(days=rng.randint(0, 330)),
                "days": float(rng.randint(0, 5)),
                "hours": float(rng.randint(1, 30)),
                "country": "KE",
                "activity_type": rng.choice(TYPES),
                "participants": people,
                "participants_women": rng.randint(0, people),
                "participants_young": rng.randint(0, people),
                "description": "",
                "status": "approved",
            }
        )
    db.session.execute(insert(ActivityReport), rows)
    db.session.commit()
    return project_id


def _timed(client, url: str) -> list[float]:
    client.get(url)  # warm the caches once
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return times


def main() -> None:
    source = Path(sys.argv[1]).resolve()
    reports = int(sys.argv[2]) if len(sys.argv) > 2 else 3000
    scratch = Path(tempfile.mkdtemp()) / "results-bench.db"
    shutil.copy(source, scratch)
    os.environ["CRM_DATABASE_URL"] = f"sqlite:///{scratch}"
    os.environ.setdefault("CRM_RATELIMIT_ENABLED", "false")
    os.environ.setdefault("CRM_WTF_CSRF_ENABLED", "false")
    from sqlalchemy import func, select

    from crm import create_app
    from crm.demo.accounts import CONSULTANT_EMAIL, DEMO_PASSWORD
    from crm.extensions import db
    from crm.volunteers.models import Volunteer

    app = create_app()
    with app.app_context():
        project_id = _seed_reports(db, reports)
        volunteers = db.session.scalar(select(func.count(Volunteer.id)))
    client = app.test_client()
    client.post("/login", data={"email": CONSULTANT_EMAIL, "password": DEMO_PASSWORD})
    year = date.today().year
    period = f"start={year}-01-01&end={year}-12-31"
    base = f"/results/projects/{project_id}"
    cases = {
        "project page (baseline)": f"/projects/{project_id}",
        "results page": f"{base}?{period}",
        "XLSX export": f"{base}/results.xlsx?{period}",
        "printable page": f"{base}/print?{period}",
    }
    print(f"{volunteers:,} volunteers, {reports:,} approved reports on project {project_id}")
    baseline = None
    for name, url in cases.items():
        times = _timed(client, url)
        p50 = statistics.median(times)
        p95 = statistics.quantiles(times, n=20)[-1]
        baseline = baseline or p50
        print(f"{name:26} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms   {p50 / baseline:4.1f}x baseline")
    shutil.rmtree(scratch.parent)


if __name__ == "__main__":
    main()
