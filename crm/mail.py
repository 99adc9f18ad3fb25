"""The mail transport: one message built and handed to the configured backend (file, console or
SMTP). Nothing calls it but the outbox's delivery (crm/outbox/delivery.py): the app asks for
e-mail with crm.outbox.writer.queue_mail."""

import smtplib
import sys
from collections.abc import Mapping
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path
from uuid import uuid4

from flask import current_app

from crm.control_characters import one_line


def build_message(
    to: str,
    subject: str,
    body: str,
    reply_to: str | None = None,
    headers: Mapping[str, str] | None = None,
    message_id: str | None = None,
) -> EmailMessage:
    """A plain-text UTF-8 message from the configured sender, with any extra headers.

    Every header value is put on one line first (one_line): a line break in a name filled into
    a subject would otherwise make the message unsendable, or add a header of its own.
    """
    message = EmailMessage()
    message["From"] = one_line(current_app.config["MAIL_DEFAULT_SENDER"])
    message["To"] = one_line(to)
    message["Subject"] = one_line(subject)
    message["Date"] = formatdate(localtime=False, usegmt=True)
    message["Message-ID"] = message_id or new_message_id()
    if reply_to:
        message["Reply-To"] = one_line(reply_to)
    for name, value in (headers or {}).items():
        message[one_line(name)] = one_line(value)
    message.set_content(body)
    return message


def new_message_id() -> str:
    """A new, unique Message-ID header value."""
    return make_msgid(domain="frivillig-crm")


def transmit(message: EmailMessage) -> None:
    """Hand one message to the configured backend; raises when it could not take it."""
    backend = current_app.config["MAIL_BACKEND"]
    if backend == "smtp":
        _send_smtp(message)
    elif backend == "console":
        print(message.as_string(), file=sys.stdout, flush=True)
    elif backend == "file":
        _write_file(message)
    else:
        raise RuntimeError(f"Unknown MAIL_BACKEND {backend!r}: use file, console or smtp")


def _write_file(message: EmailMessage) -> None:
    folder = Path(current_app.config["MAIL_FILE_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    (folder / f"{stamp}-{uuid4().hex[:8]}.eml").write_bytes(bytes(message))


def _send_smtp(message: EmailMessage) -> None:
    config = current_app.config
    smtp_class = smtplib.SMTP_SSL if config["MAIL_USE_SSL"] else smtplib.SMTP
    with smtp_class(
        config["MAIL_SERVER"], config["MAIL_PORT"], timeout=config["MAIL_TIMEOUT"]
    ) as s:
        if config["MAIL_USE_TLS"]:
            s.starttls()
        if config["MAIL_USERNAME"]:
            s.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
        s.send_message(message)
