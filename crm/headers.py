"""Security headers on every response: what the browser may load, cache and frame."""

from flask import current_app, request
from flask_login import current_user
from werkzeug.wrappers import Response

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "object-src 'none'",
    )
)
"""Scripts, styles, images and fonts from this site only, and nothing inline: an injected
<script>, style= or onclick= does not run."""

STRICT_TRANSPORT_SECURITY = "max-age=63072000; includeSubDomains"
"""Two years of HTTPS only, for this host and its subdomains (production only)."""

ACCOUNT_BLUEPRINTS = frozenset({"auth", "api"})
"""Login, registration, password and invitation pages, and the JSON API: never cached, even
before login."""


def may_be_cached() -> bool:
    """Only static files and public pages seen without logging in may be kept by a browser or
    proxy; everything a logged-in user sees can hold personal data."""
    if request.endpoint == "static":
        return True
    if request.blueprint in ACCOUNT_BLUEPRINTS:
        return False
    return not current_user.is_authenticated


def add_security_headers(response: Response) -> Response:
    """Set the security headers; a view's own stricter values stay."""
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("X-Content-Type-Options", "nosniff")
    if not may_be_cached() and "no-store" not in headers.get("Cache-Control", ""):
        headers["Cache-Control"] = "no-store"
    if current_app.config["PRODUCTION"]:
        headers.setdefault("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY)
    return response
