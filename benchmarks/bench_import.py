"""Time a spreadsheet import of 500 and 5,000 rows: `python benchmarks/bench_import.py`.

Against a fresh SQLite file (or CRM_DATABASE_URL) with 32 branches, each size is timed as a
plain csv parse of the same file (the baseline, in this process), then reading it, checking
every row and importing it (check again, insert, flush, commit), as the consultant's pages do.
A script, not a test: see docs/import.md.
"""

import argparse
import csv
import io
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from crm import create_app  # noqa: E402
from crm.auth.models import Role  # noqa: E402
from crm.auth.services import create_user  # noqa: E402
from crm.extensions import db  # noqa: E402
from crm.imports import services  # noqa: E402
from crm.imports.checking import check_table  # noqa: E402
from crm.imports.mapping import guess_mapping  # noqa: E402
from crm.imports.reading import read_table  # noqa: E402
from crm.models import Branch  # noqa: E402

TOWNS = ("Aarhus", "Odense", "Aalborg", "Esbjerg", "Randers", "Kolding", "Horsens", "Vejle")
FIRST = ("Søren", "Åse", "Mette", "Jens", "Ærle", "Bo", "Karen", "Øjvind", "Lise", "Mads")
LAST = ("Hansen", "Jørgensen", "Møller", "Sørensen", "Østergaard", "Ågård", "Nielsen")
HEADERS = ["Fornavn", "Efternavn", "E-mail", "Mobil", "Postnr.", "By", "Lokalafdeling",
           "Erfaring", "Sprog", "Lande", "Tilgængelig fra"]  # fmt: skip
PHONES = ("+45 {0} {1} {2} {3}", "{0}{1}{2}{3}", "0045 {0}{1} {2}{3}")
DATES = ("%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d")


def spreadsheet(rows: int, seed: int = 1) -> bytes:
    """A semicolon CSV in Windows-1252 with mixed phone and date formats, one bad row in 50."""
    rng = random.Random(seed)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADERS)
    for n in range(rows):
        digits = [f"{rng.randint(20, 99)}" for _ in range(4)]
        phone = rng.choice(PHONES).format(*digits) if n % 50 else "123"
        day = f"2027-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        when = time.strftime(rng.choice(DATES), time.strptime(day, "%Y-%m-%d"))
        town = rng.choice(TOWNS)
        writer.writerow([
            rng.choice(FIRST), rng.choice(LAST), f"person{n}@example.org", phone,
            str(rng.randint(1000, 9990)), town, town, "Har siddet i byrådet i 4 år",
            "dansk, engelsk C1", "Kenya; Tanzania", when,
        ])  # fmt: skip
    return buffer.getvalue().encode("cp1252")


def timed(action) -> tuple[float, object]:
    start = time.perf_counter()
    result = action()
    return (time.perf_counter() - start) * 1000, result


def baseline(content: bytes) -> int:
    """A plain csv parse of the same file: decode and split, nothing checked."""
    return sum(1 for _row in csv.reader(io.StringIO(content.decode("cp1252")), delimiter=";"))


def run(app, rows: int) -> None:
    content = spreadsheet(rows)
    with app.app_context():
        user = create_user(f"bench{rows}@example.org", None, Role.CONSULTANT, password_hash="!x")
        base_ms, _count = timed(lambda: baseline(content))
        read_ms, table = timed(lambda: read_table(content, "bench.csv", 100_000))
        mapping = guess_mapping(table.headers)
        check_ms, result = timed(lambda: check_table(table, mapping))
        batch = services.create_batch(user, "bench.csv", content)
        services.choose_mapping(batch, mapping)
        db.session.commit()

        def import_all():
            outcome = services.run_import(batch)
            db.session.commit()
            return outcome

        import_ms, outcome = timed(import_all)
    print(
        f"{rows:>6} rows: plain csv parse {base_ms:7.1f} ms | read {read_ms:7.1f} ms | "
        f"check {check_ms:7.1f} ms | import (check + write + commit) {import_ms:7.1f} ms | "
        f"{len(outcome.imported)} imported, {len(result.bad_rows)} bad"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="500,5000")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        app = create_app(
            {
                "SECRET_KEY": "bench-secret-key-bench-secret-key",
                "DATABASE_URL": f"sqlite:///{folder}/bench.db",
                "NAME_INDEX_FILE": f"{folder}/names.npz",
                "QUEUE_URL": f"sqlite:///{folder}/queue.db",
            }
        )
        with app.app_context():
            db.create_all()
            db.session.add_all(
                Branch(name=f"Socialdemokratiet i {town}", municipality=town, region="")
                for town in TOWNS
            )
            db.session.commit()
        for size in (int(s) for s in args.sizes.split(",")):
            run(app, size)


if __name__ == "__main__":
    main()
