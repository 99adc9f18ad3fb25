"""Two app processes (gunicorn, gunicorn.conf.py) against one database and one Redis work as one:
failed logins spread over both hit the limit together, and a project edited through one shows
on the other's public pages at once.

The processes use the suite's database (SQLite, or PostgreSQL with CRM_TEST_DATABASE_URL) and
Redis at CRM_TEST_REDIS_URL (default redis://127.0.0.1:6379/12), each run under key prefixes of
its own. Without Redis the test is skipped, except in CI, where that is a failure.
"""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.parse import urlencode
from uuid import uuid4

import pytest
import redis
from sqlalchemy import update

from crm.auth.models import Role
from crm.models import Project
from tests.conftest import PASSWORD

pytestmark = pytest.mark.multiprocess

ROOT = Path(__file__).resolve().parents[1]
GUNICORN = Path(sys.executable).with_name("gunicorn")
REDIS_URL = os.environ.get("CRM_TEST_REDIS_URL", "redis://127.0.0.1:6379/12")
STARTUP_SECONDS = 60


def require_redis() -> None:
    """Skip without a Redis server, except in CI, where a missing one is a failure."""
    try:
        with redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2) as client:
            client.ping()
    except redis.RedisError as error:
        message = f"Redis at {REDIS_URL} does not answer ({error})"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Browser:
    """A visitor with a cookie jar, talking to any of the processes (same host, same cookies)."""

    def __init__(self):
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
        self.token = ""

    def open(self, url: str, form: dict | None = None) -> tuple[int, str]:
        """GET, or POST the form with this visitor's CSRF token; redirects are followed."""
        data = None
        if form is not None:
            data = urlencode({"csrf_token": self.token, **form}).encode()
        try:
            with self.opener.open(url, data=data, timeout=30) as response:
                status, html = response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            with error:
                status, html = error.code, error.read().decode()
        found = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html)
        if found:
            self.token = found.group(1)
        return status, html


def start_server(env: dict, log: Path) -> tuple[subprocess.Popen, str]:
    """One gunicorn with one worker process on a free port, as `make serve` starts it."""
    port = free_port()
    with log.open("w") as output:
        process = subprocess.Popen(
            [str(GUNICORN), "-c", "gunicorn.conf.py", "crm.app:create_app()"],
            cwd=ROOT,
            env={**env, "CRM_BIND": f"127.0.0.1:{port}", "CRM_WORKERS": "1"},
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    return process, f"http://127.0.0.1:{port}"


def wait_until_healthy(process: subprocess.Popen, base: str, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"{base} stopped at start:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{base}/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"{base} did not answer within {STARTUP_SECONDS} s:\n{log.read_text()}")


@pytest.fixture()
def servers(app, db, tmp_path):
    """Two gunicorn processes on the suite's database, sharing Redis for limits and cache."""
    require_redis()
    run = uuid4().hex[:8]
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("CRM_") and key not in ("FLASK_APP",)
    }
    env.update(
        {
            "CRM_DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
            "CRM_SECRET_KEY": app.config["SECRET_KEY"] + "-multiprocess-" + run,
            "CRM_BASE_URL": "http://127.0.0.1",
            "CRM_RATELIMIT_STORAGE_URI": REDIS_URL,
            "CRM_RATELIMIT_KEY_PREFIX": f"crm-test-{run}",
            "CRM_CACHE_REDIS_URL": REDIS_URL,
            "CRM_CACHE_KEY_PREFIX": f"crm-test-{run}:",
            "CRM_PASSWORD_HASH_TIME_COST": "1",
            "CRM_PASSWORD_HASH_MEMORY_KIB": "1024",
            "CRM_MAIL_FILE_DIR": str(tmp_path / "mail"),
        }
    )
    started = []
    try:
        for name in ("a", "b"):
            log = tmp_path / f"gunicorn-{name}.log"
            process, base = start_server(env, log)
            started.append((process, base, log))
        for process, base, log in started:
            wait_until_healthy(process, base, log)
        yield [base for _, base, _ in started]
    finally:
        for process, _, _ in started:
            process.terminate()
        for process, _, _ in started:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        with redis.Redis.from_url(REDIS_URL) as client:
            for key in client.scan_iter(f"*crm-test-{run}*"):
                client.delete(key)


def test_failed_logins_spread_over_two_processes_share_one_limit(servers):
    a, b = servers
    browser = Browser()
    browser.open(f"{a}/login")
    codes = []
    for attempt in range(12):  # AUTH_RATE_LIMIT: 10 a minute per address, whichever process
        server = (a, b)[attempt % 2]
        status, _ = browser.open(f"{server}/login", {"email": "x@example.org", "password": "no"})
        codes.append(status)
    assert codes == [200] * 10 + [429, 429]


def test_a_project_edited_through_one_process_shows_on_the_other_at_once(
    servers, db, make_user, make_project, make_need
):
    a, b = servers
    make_user(Role.CONSULTANT, email="k@example.org")
    project = make_project(title="Valgobservation i Ghana", summary="Første udgave.")
    make_need(project=project, title="Observatør")
    visitor = Browser()
    assert "Valgobservation i Ghana" in visitor.open(f"{b}/p/{project.id}")[1]
    assert "Valgobservation i Ghana" in visitor.open(f"{b}/")[1]

    # A change the app is never told of: both processes go on serving B's rendering.
    db.session.execute(update(Project).where(Project.id == project.id).values(summary="Skjult."))
    db.session.commit()
    assert "Første udgave." in visitor.open(f"{a}/p/{project.id}")[1]
    assert "Første udgave." in visitor.open(f"{b}/p/{project.id}")[1]

    consultant = Browser()
    consultant.open(f"{a}/login")
    status, _ = consultant.open(f"{a}/login", {"email": "k@example.org", "password": PASSWORD})
    assert status == 200
    form = consultant.open(f"{a}/projects/{project.id}/edit")[1]
    version = re.search(r'name="version" type="hidden" value="(\d+)"', form).group(1)
    edit = {"title": "Valgobservation i Togo", "status": "active", "version": version}
    status, html = consultant.open(f"{a}/projects/{project.id}/edit", edit)
    assert status == 200 and "Projektet er gemt" in html

    for server in (b, a):
        page = visitor.open(f"{server}/p/{project.id}")[1]
        assert "Valgobservation i Togo" in page and "Ghana" not in page
        assert "Valgobservation i Togo" in visitor.open(f"{server}/")[1]
