"""Configuration layers and the production safety check."""

import pytest

from crm import create_app


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
    )
    assert app.config["SESSION_COOKIE_SECURE"] is True
