"""Safe URLs: local redirect targets, and absolute links for e-mails and feeds."""

from urllib.parse import urlsplit

from flask import current_app, url_for

from crm.config import DEFAULT_BASE_URL
from crm.input_checks import MAX_URL_LENGTH


def safe_local_url(target: str | None) -> str | None:
    """The target when it is a path on this site no longer than a URL we accept, else None
    (no open redirects, and no huge Location header from a posted next=)."""
    if not target or len(target) > MAX_URL_LENGTH:
        return None
    if any(ch in target for ch in "\\\r\n\t") or not target.isprintable():
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


def external_url(endpoint: str, **values) -> str:
    """An absolute URL built on BASE_URL in every mode, so a forged Host header can never choose
    where an e-mailed link or a calendar feed points (BASE_URL has a development default)."""
    base = (current_app.config["BASE_URL"] or DEFAULT_BASE_URL).rstrip("/")
    return base + url_for(endpoint, _external=False, **values)
