"""Two app processes (gunicorn, gunicorn.conf.py) and the worker (`flask worker`) against one
database and one Redis work as one: failed logins spread over both processes hit the limit
together, a project edited through one shows on the other's public pages at once, and e-mails
asked for through both are sent by the worker to a real SMTP server once each.

The processes use the suite's database (SQLite, or PostgreSQL with CRM_TEST_DATABASE_URL) and
Redis at CRM_TEST_REDIS_URL (default redis://127.0.0.1:6379/12) for the rate limits, the cache
(under key prefixes of each run's own) and the queue. Without Redis the tests are skipped,
except in CI, where that is a failure.
"""

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlencode
from uuid import uuid4

import pytest
import redis
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message
from huey.storage import RedisStorage
from sqlalchemy import select, update

from crm.auth.models import Role
from crm.jobs.queue import huey
from crm.models import Project
from crm.outbox.models import OutboxMessage
from tests.conftest import PASSWORD

pytestmark = pytest.mark.multiprocess

ROOT = Path(__file__).resolve().parents[1]
GUNICORN = Path(sys.executable).with_name("gunicorn")
REDIS_URL = os.environ.get("CRM_TEST_REDIS_URL", "redis://127.0.0.1:6379/12")
STARTUP_SECONDS = 60
DELIVERY_SECONDS = 60


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
    """A visitor with a cookie jar, talking to any of the processes (same host, same cookies),
    from an address of its own as the proxy in front of them reports it (X-Forwarded-For)."""

    addresses = (f"198.51.100.{n}" for n in range(1, 255))

    def __init__(self):
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
        self.opener.addheaders = [("X-Forwarded-For", next(self.addresses))]
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


class Collect(Message):
    """The SMTP server's mailbox: every message it received."""

    def __init__(self):
        super().__init__()
        self.messages = []

    def handle_message(self, message):
        self.messages.append(message)


def forget_old_jobs() -> None:
    """Empty the test Redis's queue of jobs an earlier, interrupted run may have left."""
    storage = RedisStorage(huey.name, url=REDIS_URL)
    storage.flush_all()
    storage.pool.disconnect()


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


def stop(processes: list[subprocess.Popen]) -> None:
    """Quick shutdowns: SIGQUIT for gunicorn (TERM would wait for requests), TERM for huey."""
    for process in processes:
        process.send_signal(signal.SIGQUIT if process.args[0] == str(GUNICORN) else signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def mailbox():
    """A real SMTP server on a free port, and what it received."""
    handler = Collect()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller.port, handler.messages
    controller.stop()


@pytest.fixture(scope="module")
def servers(app, tmp_path_factory, mailbox):
    """Two gunicorn processes and the worker on the suite's database, sharing Redis for limits,
    cache and queue, sending e-mail to `mailbox`; started once for the tests below, which each
    use data of their own (the `db` fixture empties the tables after each)."""
    require_redis()
    tmp_path = tmp_path_factory.mktemp("multiprocess")
    forget_old_jobs()
    run = uuid4().hex[:8]
    env = {key: value for key, value in os.environ.items() if not key.startswith("CRM_")}
    env.pop("FLASK_APP", None)
    env.update(
        {
            "CRM_DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
            "CRM_SECRET_KEY": app.config["SECRET_KEY"] + "-multiprocess-" + run,
            "CRM_BASE_URL": "http://127.0.0.1",
            "CRM_PROXY_FIX_X_FOR": "1",  # as behind one proxy: each Browser has its address
            "CRM_RATELIMIT_STORAGE_URI": REDIS_URL,
            "CRM_RATELIMIT_KEY_PREFIX": f"crm-test-{run}",
            "CRM_CACHE_REDIS_URL": REDIS_URL,
            "CRM_CACHE_KEY_PREFIX": f"crm-test-{run}:",
            "CRM_QUEUE_URL": REDIS_URL,
            "CRM_MAIL_BACKEND": "smtp",
            "CRM_MAIL_SERVER": "127.0.0.1",
            "CRM_MAIL_PORT": str(mailbox[0]),
            "CRM_PASSWORD_HASH_TIME_COST": "1",
            "CRM_PASSWORD_HASH_MEMORY_KIB": "1024",
        }
    )
    started, processes = [], []
    worker_log = tmp_path / "worker.log"
    try:
        for name in ("a", "b"):
            log = tmp_path / f"gunicorn-{name}.log"
            process, base = start_server(env, log)
            started.append((process, base, log))
            processes.append(process)
        with worker_log.open("w") as output:
            worker = subprocess.Popen(
                [sys.executable, "-m", "flask", "--app", "crm", "worker"],
                cwd=ROOT,
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        processes.append(worker)
        for process, base, log in started:
            wait_until_healthy(process, base, log)
        yield SimpleNamespace(
            urls=[base for _, base, _ in started], env=env, worker=worker, worker_log=worker_log
        )
    finally:
        stop(processes)
        with redis.Redis.from_url(REDIS_URL) as client:
            for key in client.scan_iter(f"*crm-test-{run}*"):
                client.delete(key)
        forget_old_jobs()


def test_failed_logins_spread_over_two_processes_share_one_limit(servers, db):
    a, b = servers.urls
    browser = Browser()
    browser.open(f"{a}/login")
    codes = []
    for attempt in range(12):  # AUTH_RATE_LIMIT: 10 a minute per client, whichever process
        server = (a, b)[attempt % 2]
        status, _ = browser.open(f"{server}/login", {"email": "x@example.org", "password": "no"})
        codes.append(status)
    assert codes == [200] * 10 + [429, 429]
    other = Browser()  # another client behind the same proxy has attempts of their own
    other.open(f"{b}/login")
    assert other.open(f"{b}/login", {"email": "x@example.org", "password": "no"})[0] == 200


def test_a_project_edited_through_one_process_shows_on_the_other_at_once(
    servers, db, make_user, make_project, make_need
):
    a, b = servers.urls
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


def test_e_mails_asked_for_through_both_processes_are_sent_once_each(
    servers, db, mailbox, make_user
):
    a, b = servers.urls
    _, received = mailbox
    addresses = [f"glemsom{n}@example.org" for n in range(6)]
    for address in addresses:
        make_user(Role.VOLUNTEER, email=address)
    browser = Browser()
    browser.open(f"{a}/forgot-password")
    for n, address in enumerate(addresses):
        status, _ = browser.open(f"{(a, b)[n % 2]}/forgot-password", {"email": address})
        assert status == 200

    deadline = time.monotonic() + DELIVERY_SECONDS
    while len(received) < len(addresses) and time.monotonic() < deadline:
        if servers.worker.poll() is not None:
            pytest.fail(f"the worker stopped:\n{servers.worker_log.read_text()}")
        time.sleep(0.2)
    # the outbox's own sweep, run once more by hand, finds nothing left to send
    sweep = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "crm", "send-outbox"],
        cwd=ROOT,
        env=servers.env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "sent 0," in sweep.stdout
    assert sorted(message["To"] for message in received) == sorted(addresses)
    db.session.rollback()
    rows = db.session.scalars(select(OutboxMessage)).all()
    assert [(row.status, row.attempts) for row in rows] == [("sent", 1)] * len(addresses)
