"""Time the API's keyset pages on a large database: `python benchmarks/bench_api_pages.py DB`.

DB is a SQLite file with demo data (`flask --app crm demo-data --volunteers 100000`). Makes a
read token for the demo consultant (revoked at the end), then through the Flask test client
times, N times each, the first page of volunteers, matches and contacts (limit 200), a page deep
in the list (by `updated_since` near the end, then its `next`), and a `prev` page, and prints p50
and p95 in milliseconds. A script, not a test: see docs/api.md.
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

RUNS = 30


def main() -> None:
    db_path = Path(sys.argv[1]).resolve()
    os.environ["CRM_DATABASE_URL"] = f"sqlite:///{db_path}"
    os.environ.setdefault("CRM_RATELIMIT_ENABLED", "false")
    from sqlalchemy import func, select

    from crm import create_app
    from crm.api.tokens import create_token, revoke_token
    from crm.auth.models import User
    from crm.extensions import db
    from crm.volunteers.models import Volunteer

    app = create_app()
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == "konsulent@example.org"))
        token, secret = create_token(user, "benchmark", 7, "read", actor=user)
        db.session.commit()
        token_id = token.id
        count = db.session.scalar(select(func.count(Volunteer.id)))
        late = db.session.scalars(
            select(Volunteer.updated_at).order_by(Volunteer.updated_at.desc()).offset(500).limit(1)
        ).one()
    client = app.test_client()
    headers = {"Authorization": f"Bearer {secret}"}

    def timed(url: str) -> tuple[float, dict]:
        start = time.perf_counter()
        response = client.get(url, headers=headers)
        elapsed = (time.perf_counter() - start) * 1000
        assert response.status_code == 200, (url, response.get_json())
        return elapsed, response.get_json()

    deep = "/api/v1/volunteers?limit=200&updated_since=" + late.isoformat().replace("+", "%2B")
    _ms, deep_page = timed(deep)
    cases = {
        "volunteers, first page": "/api/v1/volunteers?limit=200",
        "volunteers, updated_since near the end": deep,
        "volunteers, its next page": deep_page["links"]["next"],
        "volunteers, a prev page": timed(deep_page["links"]["next"])[1]["links"]["prev"],
        "matches, first page": "/api/v1/matches?limit=200",
        "contacts, first page": "/api/v1/contacts?limit=200",
        "needs, first page": "/api/v1/needs?limit=200",
    }
    print(f"{count} volunteers; {RUNS} requests each; milliseconds")
    for label, url in cases.items():
        times = sorted(timed(url)[0] for _ in range(RUNS))
        p95 = times[int(0.95 * (len(times) - 1))]
        print(f"{label:42} p50 {statistics.median(times):7.1f}   p95 {p95:7.1f}")
    with app.app_context():
        from crm.api.models import ApiToken

        token = db.session.get(ApiToken, token_id)
        revoke_token(token, db.session.get(User, token.user_id))
        db.session.commit()


if __name__ == "__main__":
    main()
