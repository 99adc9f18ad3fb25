"""Configuration: defaults, then a TOML file (CRM_CONFIG), then CRM_* environment variables."""

import os
import tomllib
from pathlib import Path

from flask import Flask

DEFAULT_SECRET_KEY = "dev-only-insecure-secret-key"
DEFAULT_BASE_URL = "http://127.0.0.1:5000"
"""Where `make run` serves the app: e-mailed links point here in development."""

MIN_SECRET_KEY_LENGTH = 32
MIN_SECRET_KEY_DISTINCT = 10
"""A key with fewer different characters than this is a pattern, not a random value."""
KNOWN_SECRET_KEYS = frozenset(
    {
        DEFAULT_SECRET_KEY,
        "change-me",
        "changeme",
        "change-this",
        "secret",
        "secret-key",
        "secretkey",
        "test-secret",
        "development",
        "dev",
        "password",
        "your-secret-key",
        "super-secret",
        "supersecret",
        "please-change-me",
        "replace-me",
        "insecure",
    }
)
"""Keys from examples, tutorials and our own defaults: anyone may know them."""
EXAMPLE_KEY_WORDS = ("change", "secret", "example", "replace", "insecure", "password", "default")
"""Words of a key someone typed from an example ("please-change-this-secret-key"); a random key
of 64 hexadecimal or base64 characters holds one by chance about once in ten million."""

SECRET_KEY_ADVICE = (
    "Set a long random secret: export CRM_SECRET_KEY=\"$(python3 -c 'import secrets; "
    "print(secrets.token_hex(32))')\" or SECRET_KEY in the CRM_CONFIG TOML file."
)


class DefaultConfig:
    """Defaults suitable for local development; every key is documented in config.example.toml."""

    PRODUCTION = False
    SECRET_KEY = DEFAULT_SECRET_KEY
    DATABASE_URL = ""  # empty: SQLite file instance/crm.sqlite3
    BABEL_DEFAULT_LOCALE = "da"
    BABEL_DEFAULT_TIMEZONE = "Europe/Copenhagen"
    LANGUAGES = ["da", "en"]
    MAIL_BACKEND = "file"  # file | console | smtp
    MAIL_FILE_DIR = ""  # empty: instance/mail
    MAIL_DEFAULT_SENDER = "no-reply@example.org"
    MAIL_SERVER = "localhost"
    MAIL_PORT = 25
    MAIL_USERNAME = ""
    MAIL_PASSWORD = ""
    MAIL_USE_TLS = False
    MAIL_USE_SSL = False
    MAIL_TIMEOUT = 10
    CONSULTANT_NAME = "International konsulent"
    CONSULTANT_EMAIL = "international@example.org"
    CONSULTANT_PHONE = ""
    CONSENT_VERSION = "2026-11"
    DATA_CONTROLLER_NAME = "Partiet (navn i DATA_CONTROLLER_NAME)"
    DATA_CONTROLLER_ADDRESS = "Adresse i DATA_CONTROLLER_ADDRESS"
    DATA_CONTROLLER_EMAIL = "privacy@example.org"
    DATA_CONTROLLER_PHONE = ""
    DPO_EMAIL = ""  # the data protection officer's address, when the party has one
    SECURITY_CONTACT = "security@example.org"  # where vulnerabilities are reported
    CONFIRM_TOKEN_MAX_AGE = 48 * 3600
    RESET_TOKEN_MAX_AGE = 2 * 3600
    INVITE_MAX_AGE = 7 * 24 * 3600  # a branch contact's invitation link
    CLAIM_MAX_AGE = 14 * 24 * 3600  # an imported volunteer's link to claim their profile
    IMPORT_MAX_BYTES = 5 * 1024 * 1024  # the largest spreadsheet a consultant may upload
    IMPORT_MAX_ROWS = 10_000  # the most data rows one spreadsheet may have
    IMPORT_UPLOAD_MAX_AGE_DAYS = 7  # an upload never imported is dropped by `retention` then
    PASSWORD_HASH_TIME_COST = 3
    PASSWORD_HASH_MEMORY_KIB = 65536
    PASSWORD_MIN_SCORE = 3  # zxcvbn's 0-4: new passwords below this are refused as guessable
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_DURATION = 14 * 24 * 3600
    AUDIT_RETENTION_DAYS = 5 * 365  # audit events older than this are deleted by `retention`
    SESSION_RETENTION_DAYS = 90  # login sessions ended or idle this long are deleted
    DUPLICATE_UNDO_DAYS = 30  # a merge of two volunteers' records can be undone this long
    RETENTION_INACTIVE_DAYS = 3 * 365  # no login or profile change this long: a reminder
    RETENTION_NOTICE_DAYS = 30  # reminded this long ago and still inactive: erased
    SESSION_IDLE_TIMEOUT = 60 * 60  # seconds without a request before a session ends
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    WTF_CSRF_TIME_LIMIT = None
    RATELIMIT_ENABLED = True
    RATELIMIT_STORAGE_URI = "memory://"  # per process; e.g. "redis://localhost:6379" with workers
    WORKERS = 1  # web worker processes sharing the limits and caches (gunicorn.conf.py sets it)
    PROXY_FIX_X_FOR = 0  # proxies in front that set X-Forwarded-For (0: no proxy is trusted)
    PROXY_FIX_X_PROTO = 0  # ... X-Forwarded-Proto
    PROXY_FIX_X_HOST = 0  # ... X-Forwarded-Host
    CACHE_TYPE = ""  # empty: RedisCache when CACHE_REDIS_URL is set, else SimpleCache
    CACHE_REDIS_URL = ""  # e.g. "redis://localhost:6379/1": one cache for every process
    CACHE_KEY_PREFIX = "crm:"
    CACHE_DEFAULT_TIMEOUT = 300
    PUBLIC_CACHE_TIMEOUT = 300  # seconds an anonymous public page is kept; 0: not cached
    AUTH_RATE_LIMIT = "10 per minute; 50 per hour"
    API_RATE_LIMIT = "300 per minute"  # per IP address, on every /api/v1/ request
    SQLALCHEMY_ENGINE_OPTIONS: dict = {"hide_parameters": True}  # no personal data in logs
    BASE_URL = DEFAULT_BASE_URL  # production: e.g. "https://frivillig.example.org"
    QUEUE_URL = (
        ""  # empty: SQLite file instance/queue.sqlite3; production "redis://127.0.0.1:6379/0"
    )
    QUEUE_IMMEDIATE = False  # run jobs at once in the asking process (tests); no worker needed
    OUTBOX_RETRY_SECONDS = 60  # first wait after a failed send; doubles each time, at most 1 h
    OUTBOX_MAX_ATTEMPTS = 8  # then the e-mail is failed and shown to the consultant
    OUTBOX_CLAIM_TIMEOUT = 600  # a message "sending" this long (its worker died) is tried again
    OUTBOX_RETENTION_DAYS = 30  # sent and failed e-mails are deleted from the outbox after this
    SCHEDULE_REMATCH_AT = "02:30"  # local time of the nightly rematch; "" turns it off
    SCHEDULE_RETENTION_AT = "03:30"  # the nightly retention run (a dry run unless enabled)
    SCHEDULE_FOLLOW_UP_DIGEST_AT = "07:00"  # the consultants' morning digest of follow-ups due
    RETENTION_ENABLED = False  # false: the nightly run only reports to the admins what it would do
    MATCH_STORE_TOP = 200  # per open need: best candidates and best excluded stored as matches
    DIGEST_MIN_SCORE = 60  # a stored match at least this good (0-100) is e-mailed as "fits you"
    DIGEST_MAX_NEEDS = 10  # at most this many needs listed in one digest
    DIGEST_WEEKLY_AT = "mon 08:00"  # when the weekly digest of new needs goes out (Copenhagen)
    NAME_INDEX_FILE = ""  # empty: instance/name-index.npz (the fuzzy name search's index)


def load_config(app: Flask, overrides: dict | None) -> None:
    """Fill app.config from defaults, the TOML file, CRM_* variables and test overrides."""
    app.config.from_object(DefaultConfig)
    config_file = os.environ.get("CRM_CONFIG") or str(Path(app.instance_path) / "config.toml")
    if Path(config_file).is_file():
        app.config.from_file(config_file, load=tomllib.load, text=False)
    elif os.environ.get("CRM_CONFIG"):
        raise RuntimeError(f"CRM_CONFIG points to {config_file}, which does not exist")
    app.config.from_prefixed_env("CRM")
    if overrides:
        app.config.update(overrides)
    app.config["SQLALCHEMY_DATABASE_URI"] = app.config["DATABASE_URL"] or (
        "sqlite:///" + str(Path(app.instance_path) / "crm.sqlite3")
    )
    if not app.config["BASE_URL"]:
        app.config["BASE_URL"] = DEFAULT_BASE_URL
    if not app.config["MAIL_FILE_DIR"]:
        app.config["MAIL_FILE_DIR"] = str(Path(app.instance_path) / "mail")
    if not app.config["CACHE_TYPE"]:
        app.config["CACHE_TYPE"] = "RedisCache" if app.config["CACHE_REDIS_URL"] else "SimpleCache"
    from crm.jobs.schedule import check_schedule

    check_schedule(app.config)
    if not app.config["NAME_INDEX_FILE"]:
        app.config["NAME_INDEX_FILE"] = str(Path(app.instance_path) / "name-index.npz")
    if app.config["PRODUCTION"]:
        check_production(app)
    elif shared_state_problem(app.config):
        app.logger.warning("Not shared between processes: %s", shared_state_problem(app.config))


CONTROLLER_KEYS = ("DATA_CONTROLLER_NAME", "DATA_CONTROLLER_ADDRESS", "DATA_CONTROLLER_EMAIL")
"""The privacy page's data controller: production refuses their placeholder defaults."""


def check_production(app: Flask) -> None:
    """Refuse to run in production with settings that are only safe on a developer's machine."""
    problem = secret_key_problem(app.config["SECRET_KEY"])
    if problem:
        raise RuntimeError(
            f"Refusing to start in production: the SECRET_KEY {problem}. {SECRET_KEY_ADVICE}"
        )
    if not app.config["BASE_URL"].startswith("https://"):
        raise RuntimeError(
            "Refusing to start in production without BASE_URL: set it to the site's https:// "
            "address (CRM_BASE_URL), so that links in e-mails cannot be forged."
        )
    if app.config["MAIL_BACKEND"] != "smtp":
        raise RuntimeError(
            "Refusing to start in production with MAIL_BACKEND "
            f"{app.config['MAIL_BACKEND']!r}: it keeps personal data in files or logs. "
            'Set MAIL_BACKEND = "smtp" and the MAIL_SERVER settings.'
        )
    placeholders = [
        key for key in CONTROLLER_KEYS if app.config[key] == getattr(DefaultConfig, key)
    ]
    if placeholders:
        raise RuntimeError(
            "Refusing to start in production with the example data controller details: set "
            f"{', '.join(placeholders)} (shown on the privacy page) to the party's own."
        )
    shared = shared_state_problem(app.config)
    if shared:
        raise RuntimeError(f"Refusing to start in production: {shared}")
    app.config["SESSION_COOKIE_SECURE"] = True
    app.config["REMEMBER_COOKIE_SECURE"] = True


PER_PROCESS_CACHES = frozenset({"SimpleCache", "simple", "FileSystemCache", "filesystem"})
"""Cache types each worker process keeps for itself: a change one sees, the others do not."""


def shared_state_problem(config) -> str | None:
    """Why several worker processes with these settings would not share rate limits and the
    public pages' cache, or None (one process shares with itself)."""
    if int(config["WORKERS"]) <= 1:
        return None
    workers = config["WORKERS"]
    if str(config["RATELIMIT_STORAGE_URI"]).startswith("memory://"):
        return (
            f"with {workers} worker processes, RATELIMIT_STORAGE_URI memory:// counts failed "
            f"logins per process and lets {workers} times as many through. Set it to Redis, "
            'e.g. RATELIMIT_STORAGE_URI = "redis://localhost:6379/0" (or CRM_WORKERS=1).'
        )
    if config["CACHE_TYPE"] in PER_PROCESS_CACHES and int(config["PUBLIC_CACHE_TIMEOUT"]) > 0:
        return (
            f"with {workers} worker processes, CACHE_TYPE {config['CACHE_TYPE']} keeps a cache "
            "per process, so a changed project shows late in the others. Set CACHE_REDIS_URL, "
            'e.g. "redis://localhost:6379/1" (or PUBLIC_CACHE_TIMEOUT = 0, or CRM_WORKERS=1).'
        )
    return None


def secret_key_problem(key: object) -> str | None:
    """Why this SECRET_KEY is unsafe in production (anyone could forge e-mailed links), or None."""
    if not isinstance(key, str) or not key:
        return "is not set"
    if key.strip().lower() in KNOWN_SECRET_KEYS:
        return "is a well-known example value"
    if len(key) < MIN_SECRET_KEY_LENGTH:
        return f"is shorter than {MIN_SECRET_KEY_LENGTH} characters"
    if len(set(key)) < MIN_SECRET_KEY_DISTINCT:
        return "repeats too few characters to be random"
    if any(word in key.lower() for word in EXAMPLE_KEY_WORDS):
        return "contains a word of an example key (such as change, secret or example)"
    if _mostly_runs(key):
        return "is mostly runs of neighbouring characters (such as 0123 or abcd), not random"
    return None


def _mostly_runs(key: str) -> bool:
    """True when most neighbouring characters are equal or next to each other ("0123abcd"); in a
    random key about one pair in six is."""
    steps = sum(abs(ord(a) - ord(b)) <= 1 for a, b in zip(key, key[1:], strict=False))
    return steps * 2 > len(key) - 1
