"""The schedule: jobs run at the configured local times, and a malformed time stops the app."""

from datetime import datetime

import pytest

from crm.app import create_app
from crm.jobs.schedule import daily_at, weekly_at


def utc(text: str) -> datetime:
    """Huey hands the validators naive UTC times."""
    return datetime.fromisoformat(text)


def test_a_daily_job_runs_in_its_minute_of_copenhagen_time(app):
    with app.app_context():
        app.config["SCHEDULE_FOLLOW_UP_DIGEST_AT"] = "07:00"
        due = daily_at("SCHEDULE_FOLLOW_UP_DIGEST_AT")
        assert due(utc("2026-12-01 06:00"))  # winter: UTC+1
        assert not due(utc("2026-12-01 07:00"))
        assert not due(utc("2026-12-01 06:01"))
        assert due(utc("2026-07-01 05:00"))  # summer: UTC+2


def test_a_weekly_job_runs_on_its_day_only(app):
    with app.app_context():
        app.config["TEST_WEEKLY_AT"] = "mon 08:00"
        due = weekly_at("TEST_WEEKLY_AT")
        assert due(utc("2026-11-30 07:00"))  # Monday 08:00 in Copenhagen
        assert not due(utc("2026-12-01 07:00"))  # Tuesday


def test_an_empty_time_turns_a_job_off(app):
    with app.app_context():
        app.config["SCHEDULE_REMATCH_AT"] = ""
        assert not any(
            daily_at("SCHEDULE_REMATCH_AT")(utc(f"2026-12-01 {h:02d}:{m:02d}"))
            for h in range(24)
            for m in range(0, 60, 15)
        )
    app.config["SCHEDULE_REMATCH_AT"] = "02:30"


@pytest.mark.parametrize("value", ["7am", "25:00", "mon 07:00", "07:60"])
def test_the_app_refuses_a_schedule_time_it_cannot_read(value):
    with pytest.raises(RuntimeError, match="SCHEDULE_FOLLOW_UP_DIGEST_AT"):
        create_app({"SCHEDULE_FOLLOW_UP_DIGEST_AT": value, "DATABASE_URL": "sqlite://"})
