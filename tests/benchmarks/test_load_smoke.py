"""benchmarks/load.py runs end to end: a few seconds of its mixed load on a tiny database, through
gunicorn, the worker and a real SMTP server, with no 5xx, no lost write and every e-mail sent."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_a_short_mixed_load_answers_without_errors_and_loses_nothing(tmp_path):
    command = [
        sys.executable,
        str(ROOT / "benchmarks" / "load.py"),
        "--database=sqlite",
        f"--sqlite-db={tmp_path / 'load.sqlite3'}",
        "--volunteers=40",
        "--users=8",
        "--duration=4",
        "--think=0.1,0.3",
        "--read-seconds=0",  # no read test: the mixed load and its checks only
        "--drain=30",
    ]
    run = subprocess.run(command, capture_output=True, text=True, timeout=180, cwd=tmp_path)
    out = run.stdout
    assert run.returncode == 0, out[-3000:] + run.stderr[-3000:]
    summary = out.split("=== Summary")[1].splitlines()[2].split()
    name, _rps, _p50, _p95, _p99, errors, lost, emails = summary[:8]
    assert (name, errors, lost) == ("SQLite", "0", "0")
    sent, asked = emails.split("/")
    assert sent == asked and int(asked) > 0  # registrations' confirmations at least
    assert "registrations" in out and "matches moved" in out
