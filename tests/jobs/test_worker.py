"""The worker as `make run` starts it: a separate process on the embedded SQLite queue sends
what the web process wrote to the outbox."""

import os
import subprocess
import sys
import time
from pathlib import Path

from crm.app import create_app
from crm.extensions import db
from crm.outbox.models import OutboxMessage, OutboxStatus
from crm.outbox.writer import queue_mail


def wait_for(condition, seconds: float = 20.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def test_the_worker_process_sends_what_the_web_process_wrote(tmp_path):
    settings = {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'crm.sqlite3'}",
        "QUEUE_URL": f"sqlite:///{tmp_path / 'queue.sqlite3'}",
        "MAIL_BACKEND": "file",
        "MAIL_FILE_DIR": str(tmp_path / "mail"),
        "SECRET_KEY": "worker-test-secret",
    }
    web = create_app(settings)
    with web.app_context():
        db.create_all()
    env = os.environ | {f"CRM_{key}": value for key, value in settings.items()}
    env.pop("CRM_TEST_DATABASE_URL", None)
    worker = subprocess.Popen(
        [sys.executable, "-m", "flask", "--app", "crm", "worker"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        with web.test_request_context():
            queue_mail("aase@example.org", "Hej fra køen", "Tekst", kind="contact")
            db.session.commit()
            message_id = db.session.scalar(db.select(OutboxMessage.id))
        mail = Path(settings["MAIL_FILE_DIR"])
        assert wait_for(lambda: mail.is_dir() and any(mail.glob("*.eml")))
        with web.app_context():

            def sent() -> bool:
                db.session.expire_all()
                return db.session.get(OutboxMessage, message_id).status == OutboxStatus.SENT

            assert wait_for(sent)
            db.engine.dispose()
        [eml] = list(mail.glob("*.eml"))
        assert "aase@example.org" in eml.read_text(encoding="utf-8")
    finally:
        worker.terminate()
        output, _ = worker.communicate(timeout=20)
    assert "aase@example.org" not in output  # the worker logs no addresses
