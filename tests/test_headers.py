"""Security headers as a browser receives them, and templates with nothing inline for the strict
Content-Security-Policy to block."""

import re
from pathlib import Path

import pytest

from crm import create_app
from crm.auth.models import Role
from tests.production import CONTROLLER

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
GOOD_KEY = "b8c1f0e7a94d3625b7e0c1d9f3a84e62"


def directives(policy: str) -> dict[str, str]:
    parts = (part.strip().split(None, 1) for part in policy.split(";") if part.strip())
    return {part[0]: part[1] if len(part) > 1 else "" for part in parts}


def test_strict_content_security_policy_in_every_mode(client, db):
    policy = directives(client.get("/").headers["Content-Security-Policy"])
    assert policy["default-src"] == "'none'"
    for kind in ("script-src", "style-src", "img-src", "font-src"):
        assert policy[kind] == "'self'", kind
    assert policy["form-action"] == "'self'"
    assert policy["base-uri"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"
    assert policy["object-src"] == "'none'"
    assert "unsafe-inline" not in client.get("/").headers["Content-Security-Policy"]


def test_no_hsts_outside_production(client, db):
    assert "Strict-Transport-Security" not in client.get("/").headers


def test_production_sends_hsts_for_two_years_and_secure_cookies(monkeypatch):
    monkeypatch.delenv("CRM_CONFIG", raising=False)
    app = create_app(
        {
            "DATABASE_URL": "sqlite://",
            "PRODUCTION": True,
            "SECRET_KEY": GOOD_KEY,
            "BASE_URL": "https://frivillig.example.org",
            "MAIL_BACKEND": "smtp",
            **CONTROLLER,
        }
    )
    with app.test_client().get("/static/css/app.css") as response:
        hsts = response.headers["Strict-Transport-Security"]
    assert hsts == "max-age=63072000; includeSubDomains"
    assert app.config["SESSION_COOKIE_SECURE"] and app.config["REMEMBER_COOKIE_SECURE"]


@pytest.mark.parametrize("path", ["/login", "/register", "/forgot-password"])
def test_account_pages_are_never_cached(client, db, path):
    assert "no-store" in client.get(path).headers["Cache-Control"]


@pytest.mark.parametrize(
    ("role", "path"),
    [
        (Role.VOLUNTEER, "/me/"),
        (Role.VOLUNTEER, "/"),
        (Role.CONSULTANT, "/consultant/"),
        (Role.CONSULTANT, "/nowhere"),
    ],
)
def test_every_page_a_logged_in_user_sees_is_never_cached(client, make_user, auth, role, path):
    auth.login(make_user(role).email)
    assert "no-store" in client.get(path).headers["Cache-Control"]


def test_static_files_and_anonymous_public_pages_may_be_cached(client, db):
    with client.get("/static/css/app.css") as response:
        assert "no-store" not in response.headers.get("Cache-Control", "")
    assert "no-store" not in client.get("/").headers.get("Cache-Control", "")


INLINE = {
    "an inline <script>": re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I),
    "a <style> element": re.compile(r"<style\b", re.I),
    "a style= attribute": re.compile(r"\sstyle\s*=", re.I),
    "an on…= event handler": re.compile(r"<[^>]*\son[a-z]+\s*=", re.I),
    "a javascript: URL": re.compile(r"javascript:", re.I),
}


@pytest.mark.parametrize("template", sorted(TEMPLATES.rglob("*.html")), ids=str)
def test_templates_hold_no_inline_script_style_or_handlers(template):
    text = template.read_text()
    found = [what for what, pattern in INLINE.items() if pattern.search(text)]
    assert not found, f"{template.relative_to(TEMPLATES)} has {', '.join(found)}"
