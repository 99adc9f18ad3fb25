"""The processes benchmarks/load.py runs: a counting SMTP server, gunicorn for the app and for a
hello-world app with the same settings, and the app's background worker when it has one."""

import email
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class CountingHandler:
    """aiosmtpd handler: keeps (recipients, subject, Message-ID) of every message accepted."""

    def __init__(self) -> None:
        self.messages: list[tuple[list[str], str, str]] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802 (aiosmtpd's name)
        message = email.message_from_bytes(envelope.original_content or envelope.content)
        subject = str(email.header.make_header(email.header.decode_header(message["Subject"])))
        message_id = (message["Message-ID"] or "").strip()
        with self.lock:
            self.messages.append((list(envelope.rcpt_tos), subject, message_id))
        return "250 OK"


class SmtpCounter:
    """A real SMTP server on 127.0.0.1 that counts what it receives."""

    def __init__(self) -> None:
        self.handler = CountingHandler()
        self.port = free_port()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)

    @property
    def messages(self) -> list[tuple[list[str], str, str]]:
        with self.handler.lock:
            return list(self.handler.messages)

    def wait_for(self, asked, limit: float) -> float:
        """Wait until as many messages arrived as `asked()` says were asked for (the outbox
        rows of the run), or none came for 15 s, or `limit` s passed; the seconds waited."""
        started = last_change = time.monotonic()
        seen = len(self.messages)
        while time.monotonic() - started < limit and seen < asked():
            time.sleep(0.5)
            now = len(self.messages)
            if now != seen:
                seen, last_change = now, time.monotonic()
            elif time.monotonic() - last_change > 15:
                break
        return time.monotonic() - started


def wait_until_up(port: int, path: str, limit: float = 60.0) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as answer:
                answer.read()
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"nothing answers on port {port} after {limit:.0f} s")


class Servers:
    """Start everything on entering, stop everything (in reverse) on leaving."""

    def __init__(self, url: str, args, root: Path, here: Path) -> None:
        self.url, self.args, self.root, self.here = url, args, root, here
        self.app_port, self.hello_port = free_port(), free_port()
        self.smtp = SmtpCounter()
        self.processes: list[subprocess.Popen] = []
        self.logs = Path(tempfile.mkdtemp(prefix="crm-load-"))
        self.config = root / "gunicorn.conf.py"
        self.worker = False

    def env(self) -> dict[str, str]:
        """The app's configuration: this database, SMTP to the counter, limits out of the way."""
        return dict(
            os.environ,
            CRM_DATABASE_URL=self.url,
            CRM_SECRET_KEY=self.secret,
            CRM_BASE_URL="http://127.0.0.1",
            CRM_MAIL_BACKEND="smtp",
            CRM_MAIL_SERVER="127.0.0.1",
            CRM_MAIL_PORT=str(self.smtp.port),
            # Every simulated person comes from 127.0.0.1: one address's limit would refuse them.
            CRM_AUTH_RATE_LIMIT="100000 per minute",
            **self.shared_stores(),
        )

    def shared_stores(self) -> dict[str, str]:
        """The worker's queue (and, with Redis, the rate limits and the page cache, shared by
        the workers as in production): --queue-url, else a fresh SQLite queue file for this run
        (the embedded default, not instance/queue.sqlite3) and per-process limits and cache."""
        url = self.args.queue_url or f"sqlite:///{self.logs / 'queue.sqlite3'}"
        stores = {"CRM_QUEUE_URL": url}
        if url.startswith("redis://"):
            stores["CRM_RATELIMIT_STORAGE_URI"] = url
            stores["CRM_CACHE_REDIS_URL"] = url
        return stores

    def gunicorn(self, target: str, port: int, cwd: Path, log: str) -> subprocess.Popen:
        command = [sys.executable, "-m", "gunicorn"]
        if self.config.is_file():
            command += ["--config", str(self.config)]
        command += ["--workers", str(self.args.workers), "--bind", f"127.0.0.1:{port}", target]
        return self.spawn(command, cwd, log)

    def spawn(self, command: list[str], cwd: Path, log: str) -> subprocess.Popen:
        out = open(self.logs / log, "wb")  # noqa: SIM115 - closed in __exit__
        process = subprocess.Popen(
            command, cwd=cwd, env=self.env(), stdout=out, stderr=subprocess.STDOUT
        )
        self.processes.append(process)
        out.close()
        return process

    def __enter__(self) -> "Servers":
        import secrets

        self.secret = secrets.token_hex(32)
        self.smtp.controller.start()
        try:
            self.gunicorn("crm:create_app()", self.app_port, self.root, "app.log")
            self.gunicorn("hello_app:app", self.hello_port, self.here, "hello.log")
            self.worker = self._has_worker()
            if self.worker:
                command = [sys.executable, "-m", "flask", "--app", "crm", "worker"]
                self.spawn(command, self.root, "worker.log")
            wait_until_up(self.app_port, "/login")
            wait_until_up(self.hello_port, "/")
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def _has_worker(self) -> bool:
        from crm.cli import commands

        return any(command.name == "worker" for command in commands)

    def describe(self) -> str:
        has_config = self.config.is_file()
        settings = f"--config {self.config.name}" if has_config else "no gunicorn.conf.py"
        worker = "the worker (flask --app crm worker)" if self.worker else "no worker command yet"
        worker += f", queue {self.shared_stores()['CRM_QUEUE_URL'].split('/')[0]}"
        return (
            f"gunicorn {settings}, {self.args.workers} workers on 127.0.0.1:{self.app_port} "
            f"(hello-world on :{self.hello_port}), {worker}, SMTP counter on :{self.smtp.port}; "
            f"logs in {self.logs}"
        )

    def __exit__(self, *exc) -> None:
        for process in reversed(self.processes):
            if process.poll() is None:
                process.terminate()
        for process in reversed(self.processes):
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self.processes.clear()
        self.smtp.controller.stop()
