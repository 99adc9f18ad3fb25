"""Configuration layers and the production safety check."""

import pytest

from crm import create_app
from crm.config import SECRET_KEY_ADVICE
from tests.production import CONTROLLER


def test_toml_file_then_environment_override(tmp_path, monkeypatch):
    config_file = tmp_path / "config.toml"
    config_file.write_text('CONSULTANT_NAME = "Fra fil"\nMAIL_BACKEND = "console"\n')
    monkeypatch.setenv("CRM_CONFIG", str(config_file))
    monkeypatch.setenv("CRM_MAIL_BACKEND", "smtp")
    app = create_app({"DATABASE_URL": "sqlite://"})
    assert app.config["CONSULTANT_NAME"] == "Fra fil"
    assert app.config["MAIL_BACKEND"] == "smtp"


def test_missing_config_file_is_an_error(tmp_path, monkeypatch):
    monkeypatch.setenv("CRM_CONFIG", str(tmp_path / "nope.toml"))
    with pytest.raises(RuntimeError, match="does not exist"):
        create_app()


def test_default_database_is_sqlite_under_instance(monkeypatch):
    monkeypatch.delenv("CRM_CONFIG", raising=False)
    monkeypatch.delenv("CRM_DATABASE_URL", raising=False)
    app = create_app()
    assert app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite:///")
    assert app.config["SQLALCHEMY_DATABASE_URI"].endswith("instance/crm.sqlite3")


def test_production_refuses_the_default_secret_key(monkeypatch):
    monkeypatch.setenv("CRM_PRODUCTION", "true")
    monkeypatch.delenv("CRM_SECRET_KEY", raising=False)
    with pytest.raises(RuntimeError, match="CRM_SECRET_KEY"):
        create_app({"DATABASE_URL": "sqlite://"})
    monkeypatch.setenv("CRM_SECRET_KEY", "b8c1f0e7a94d3625b7e0c1d9f3a84e62")
    app = create_app(
        {"DATABASE_URL": "sqlite://", "BASE_URL": "https://x.example", "MAIL_BACKEND": "smtp"}
        | CONTROLLER
    )
    assert app.config["SESSION_COOKIE_SECURE"] is True


PRODUCTION = {
    "DATABASE_URL": "sqlite://",
    "PRODUCTION": True,
    "BASE_URL": "https://frivillig.example.org",
    "MAIL_BACKEND": "smtp",
    **CONTROLLER,
}


@pytest.mark.parametrize(
    "key",
    [
        "change-me",  # config.example.toml
        "dev-only-insecure-secret-key",  # the development default
        "secret",
        "changeme",
        "test-secret",
        "Change-Me",
        "x7Kq2pL9",  # random but short
        "a" * 64,
        "abababababababababababababababab",
        "change-me-change-me-change-me-change-me",
        "please-change-this-secret-key-in-production",  # long, but typed from an example
        "changemechangemechangemechangeme123",
        "my-super-Secret-key-for-the-crm-2026",
        "0123456789abcdef0123456789abcdef",  # long and varied, but counted out
        "abcdefghijklmnopqrstuvwxyz0123456789",
    ],
)
def test_production_refuses_short_example_and_patterned_secret_keys(monkeypatch, key):
    monkeypatch.delenv("CRM_CONFIG", raising=False)
    with pytest.raises(RuntimeError, match="secrets.token_hex") as refused:
        create_app({**PRODUCTION, "SECRET_KEY": key})
    message = str(refused.value).replace(SECRET_KEY_ADVICE, "")
    assert key not in message  # the message never repeats the secret


def test_production_starts_with_a_random_secret_key(monkeypatch):
    import secrets

    monkeypatch.delenv("CRM_CONFIG", raising=False)
    app = create_app({**PRODUCTION, "SECRET_KEY": secrets.token_hex(32)})
    assert app.config["PRODUCTION"] is True


def test_random_keys_of_every_usual_kind_are_accepted():
    import secrets

    from crm.config import secret_key_problem

    made = [secrets.token_hex(32) for _ in range(300)] + [
        secrets.token_urlsafe(32) for _ in range(300)
    ]
    assert [key for key in made if secret_key_problem(key)] == []


def test_the_example_config_does_not_start_in_production(monkeypatch):
    from pathlib import Path

    example = Path(__file__).resolve().parents[1] / "config.example.toml"
    monkeypatch.setenv("CRM_CONFIG", str(example))
    monkeypatch.setenv("CRM_PRODUCTION", "true")
    monkeypatch.setenv("CRM_BASE_URL", "https://frivillig.example.org")
    monkeypatch.setenv("CRM_MAIL_BACKEND", "smtp")
    monkeypatch.delenv("CRM_SECRET_KEY", raising=False)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app({"DATABASE_URL": "sqlite://"})


def test_development_links_default_to_make_run(monkeypatch):
    monkeypatch.delenv("CRM_CONFIG", raising=False)
    monkeypatch.delenv("CRM_BASE_URL", raising=False)
    app = create_app({"DATABASE_URL": "sqlite://"})
    assert app.config["BASE_URL"] == "http://127.0.0.1:5000"


def test_production_with_several_workers_refuses_per_process_limits_and_caches(monkeypatch):
    monkeypatch.delenv("CRM_CONFIG", raising=False)
    monkeypatch.setenv("CRM_WORKERS", "2")  # what gunicorn.conf.py tells each worker
    ready = {**PRODUCTION, "SECRET_KEY": "b8c1f0e7a94d3625b7e0c1d9f3a84e62"}
    with pytest.raises(RuntimeError, match="RATELIMIT_STORAGE_URI memory://"):
        create_app(ready)
    limits = {**ready, "RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379/12"}
    with pytest.raises(RuntimeError, match="CACHE_REDIS_URL"):
        create_app(limits)
    app = create_app({**limits, "CACHE_REDIS_URL": "redis://127.0.0.1:6379/12"})
    assert app.config["CACHE_TYPE"] == "RedisCache"
    monkeypatch.setenv("CRM_WORKERS", "1")
    assert create_app(ready).config["CACHE_TYPE"] == "SimpleCache"  # one process: its own is shared
