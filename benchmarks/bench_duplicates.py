"""Time the search for duplicates among all volunteers ("find duplicates") at 10,000 and
100,000 synthetic volunteers, and the detection of one import's 500 new volunteers.

Run: `python benchmarks/bench_duplicates.py [--sizes 10000 100000]` (SQLite files in a temporary
folder) or with `--url postgresql+psycopg://...` for an empty PostgreSQL database (its tables
are dropped and created for each size).

The volunteers get Faker's Danish names (crm/demo/names.py), a Danish phone number (15 % none)
and one of 600 postcodes weighted like a population (a few large towns); 1 % are planted
duplicates of another volunteer with a typo in the name, the same phone or postcode.
The baseline, in the same process, is reading every volunteer's name, phone key and postcode
and normalising every name: the least any scan of all volunteers pays. A script, not a test.
"""

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from crm import create_app  # noqa: E402
from crm.demo.bulk import insert_rows  # noqa: E402
from crm.demo.names import make_pools  # noqa: E402
from crm.extensions import db  # noqa: E402
from crm.volunteers.phones import phone_key  # noqa: E402

POSTCODES = [f"{code:04d}" for code in range(1000, 9990, 15)][:600]
WEIGHTS = [1 / (rank + 1) ** 0.8 for rank in range(len(POSTCODES))]


def typo(rng: random.Random, name: str) -> str:
    """The name with one letter dropped, doubled or swapped with its neighbour."""
    if len(name) < 4:
        return name
    i = rng.randrange(1, len(name) - 1)
    kind = rng.randrange(3)
    if kind == 0:
        return name[:i] + name[i + 1 :]
    if kind == 1:
        return name[:i] + name[i] + name[i:]
    return name[: i - 1] + name[i] + name[i - 1] + name[i + 1 :]


def rows(n: int, seed: int = 2026) -> list[dict]:
    """n synthetic volunteers, 1 % of them planted duplicates."""
    rng = random.Random(seed)
    pools = make_pools(seed)
    made: list[dict] = []
    for vid in range(1, n + 1):
        if made and rng.random() < 0.01:
            twin = rng.choice(made)
            first, last = twin["first_name"], typo(rng, twin["last_name"])
            phone, postcode = twin["phone"], twin["postcode"]
        else:
            first, last = pools.pick(rng)
            phone = "" if rng.random() < 0.15 else f"+45 {rng.randint(20_000_000, 99_999_999)}"
            postcode = rng.choices(POSTCODES, weights=WEIGHTS)[0]
        made.append(
            {
                "id": vid,
                "first_name": first,
                "last_name": last,
                "email": f"v{vid}@example.org",
                "phone": phone,
                "phone_key": phone_key(phone),
                "postcode": postcode,
            }
        )
    return made


def baseline() -> float:
    """Seconds to read every volunteer's columns and normalise every name."""
    from sqlalchemy import select

    from crm.duplicates.detect import PERSON_COLUMNS
    from crm.duplicates.similarity import person

    started = time.perf_counter()
    people = [person(*row) for row in db.session.execute(select(*PERSON_COLUMNS))]
    assert people
    return time.perf_counter() - started


def run(url: str, n: int) -> None:
    from sqlalchemy import select

    from crm.duplicates.detect import flag_possible_duplicates
    from crm.duplicates.scan import scan_all
    from crm.models import Volunteer

    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench"})
    with app.app_context():
        db.drop_all()
        db.create_all()
        insert_rows(Volunteer.__table__, rows(n))
        db.session.commit()
        base = baseline()
        started = time.perf_counter()
        found = scan_all()
        scan = time.perf_counter() - started
        db.session.rollback()
        newcomers = list(
            db.session.scalars(select(Volunteer).order_by(Volunteer.id.desc()).limit(500))
        )
        started = time.perf_counter()
        flagged = flag_possible_duplicates(newcomers, source="import")
        detect = time.perf_counter() - started
        db.session.rollback()
        print(
            f"{n:>7} volunteers: scan {scan:6.2f} s ({found} pairs), baseline read {base:5.2f} s"
            f" ({scan / base:4.1f}x); detect 500 new {detect * 1000:6.0f} ms ({flagged} pairs)"
        )
        db.drop_all()
        db.session.remove()
        db.engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a PostgreSQL URL (default: SQLite files)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for n in args.sizes:
            run(args.url or f"sqlite:///{folder}/bench-{n}.sqlite3", n)


if __name__ == "__main__":
    main()
