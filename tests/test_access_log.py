"""gunicorn's access log (gunicorn.conf.py): the request's method, path and status, with no
address, query string, referrer, user agent, header or link token that could name a person."""

import runpy
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from gunicorn.config import Config

from crm.access_log import AccessLogger

CONF = Path(__file__).resolve().parents[1] / "gunicorn.conf.py"


@pytest.fixture()
def access_log(tmp_path):
    """log(path, query, **headers): the line gunicorn writes for one request, with our config."""
    settings = runpy.run_path(str(CONF))
    log_file = tmp_path / "access.log"
    cfg = Config()
    cfg.set("accesslog", str(log_file))
    cfg.set("access_log_format", settings["access_log_format"])
    logger = AccessLogger(cfg)
    assert settings["logger_class"] == "crm.access_log.AccessLogger"

    def log(path: str, query: str = "", **headers) -> str:
        environ = {
            "REQUEST_METHOD": "GET",
            "RAW_URI": f"{path}?{query}" if query else path,
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "SERVER_PROTOCOL": "HTTP/1.1",
            "REMOTE_ADDR": "198.51.100.23",
            **{f"HTTP_{name.upper()}": value for name, value in headers.items()},
        }
        request = SimpleNamespace(headers=[(k.upper(), v) for k, v in headers.items()])
        response = SimpleNamespace(status="200 OK", headers=[("Set-Cookie", "session=abc")], sent=9)
        logger.access(response, request, environ, timedelta(milliseconds=12))
        for handler in logger.access_log.handlers:
            handler.flush()
        return log_file.read_text().splitlines()[-1]

    yield log
    for handler in list(logger.access_log.handlers):
        handler.close()
        logger.access_log.removeHandler(handler)


def test_the_access_log_names_the_page_and_nothing_personal(access_log):
    line = access_log(
        "/consultant/volunteers",
        "q=Mette+Hansen&email=mette%40example.org",
        referer="https://frivillig.example.org/consultant/volunteers?q=Mette",
        user_agent="Mozilla/5.0 (Mette's laptop)",
        cookie="session=secret",
    )
    assert '"GET /consultant/volunteers" 200 9 12ms' in line
    for personal in ("Mette", "example.org", "198.51.100.23", "secret", "Mozilla", "q="):
        assert personal not in line


def test_the_access_log_leaves_out_link_tokens(access_log):
    token = "eyJ1c2VyX2lkIjoxMn0.Z1x2Yw.q7cV0mJ3rW0bS0mQ-aLSp5J8x0A"
    assert '"GET /reset-password/…"' in access_log(f"/reset-password/{token}")
    assert '"GET /contacts/calendar/…"' in access_log(f"/contacts/calendar/{token}.ics")
    assert '"GET /p/12"' in access_log("/p/12")  # ids and ordinary paths stay readable
    assert '"GET /me/profile/languages"' in access_log("/me/profile/languages")
