"""E-mail backends: a real local SMTP server receives what the app sends."""

import pytest

from crm.mail import build_message, transmit


def test_smtp_backend_delivers_utf8_mail(app, smtp_server):
    controller, handler = smtp_server
    with app.app_context():
        app.config.update(MAIL_BACKEND="smtp", MAIL_SERVER="127.0.0.1", MAIL_PORT=controller.port)
        try:
            message = build_message("aase@example.org", "Hej Åse", "Tak – vi ses i Ærø.")
            transmit(message)
        finally:
            app.config["MAIL_BACKEND"] = "file"
    assert len(handler.messages) == 1
    received = handler.messages[0]
    assert received["To"] == "aase@example.org"
    assert "Åse" in str(received["Subject"]) or "=?utf-8?" in str(received["Subject"])
    assert "Ærø" in received.get_payload(decode=True).decode("utf-8")


def test_console_backend_prints_the_message(app, capsys):
    with app.app_context():
        app.config["MAIL_BACKEND"] = "console"
        try:
            transmit(build_message("x@example.org", "Emne", "Brødtekst"))
        finally:
            app.config["MAIL_BACKEND"] = "file"
    assert "x@example.org" in capsys.readouterr().out


def test_unknown_backend_is_a_clear_error(app):
    with app.app_context():
        app.config["MAIL_BACKEND"] = "pigeon"
        try:
            with pytest.raises(RuntimeError, match="MAIL_BACKEND"):
                transmit(build_message("x@example.org", "Emne", "Tekst"))
        finally:
            app.config["MAIL_BACKEND"] = "file"
