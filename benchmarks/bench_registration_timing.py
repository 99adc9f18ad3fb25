"""Does registering reveal, by its time, whether an address has an account?
`python benchmarks/bench_registration_timing.py [--rounds 30]`

Runs both paths of POST /register in one process, alternating, on a fresh SQLite database with
the production password-hash cost: an address that already has an account ("known": one hash,
the "already registered" e-mail) and a new one ("new": one hash, a user and profile row, the
confirmation e-mail). Prints the median of each and their ratio; close to 1.00 means an attacker
cannot tell the two apart by timing. A script, not a test: timings belong in no unit test.
"""

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PASSWORD = "correct horse battery"


def registration(email: str) -> dict:
    data = {"first_name": "Mette", "last_name": "Hansen", "email": email}
    data.update(password=PASSWORD, confirm=PASSWORD)
    return data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30, help="timed requests per path")
    parser.add_argument("--warmup", type=int, default=3, help="untimed requests per path first")
    args = parser.parse_args()

    from crm import create_app
    from crm.extensions import db

    with tempfile.TemporaryDirectory() as folder:
        app = create_app(
            {
                "DATABASE_URL": f"sqlite:///{folder}/bench.sqlite3",
                "WTF_CSRF_ENABLED": False,
                "RATELIMIT_ENABLED": False,
                "MAIL_BACKEND": "file",
                "MAIL_FILE_DIR": f"{folder}/mail",
            }
        )
        with app.app_context():
            db.create_all()
        client = app.test_client()
        client.post("/register", data=registration("known@example.org"))

        timings: dict[str, list[float]] = {"known": [], "new": []}
        for n in range(args.warmup + args.rounds):
            for path in ("known", "new"):
                email = "known@example.org" if path == "known" else f"new{n}@example.org"
                started = time.perf_counter()
                response = client.post("/register", data=registration(email))
                elapsed = time.perf_counter() - started
                if response.status_code != 200:
                    raise SystemExit(f"{path}: answered {response.status_code}")
                if n >= args.warmup:
                    timings[path].append(elapsed * 1000)

    known, new = (statistics.median(timings[path]) for path in ("known", "new"))
    print(f"{args.rounds} timed registrations per path after {args.warmup} untimed; median ms.")
    print(f"  address already registered  {known:8.1f}")
    print(f"  new address                 {new:8.1f}")
    print(f"  ratio new / known           {new / known:8.2f}")


if __name__ == "__main__":
    main()
