"""What the privacy page states, read from configuration: who is responsible, how to reach them,
and how long data is kept."""

from dataclasses import dataclass

from flask import current_app

RETENTION_DEFAULTS = {
    "RETENTION_INACTIVE_DAYS": 3 * 365,
    "RETENTION_NOTICE_DAYS": 30,
    "AUDIT_RETENTION_DAYS": 5 * 365,
}
"""Used when a retention setting is absent (RETENTION_INACTIVE_DAYS and RETENTION_NOTICE_DAYS
come with the retention command; AUDIT_RETENTION_DAYS has the same default in crm/config.py)."""


@dataclass(frozen=True)
class Controller:
    """The data controller and, when the party has one, its data protection officer."""

    name: str
    address: str
    email: str
    phone: str
    dpo_email: str


@dataclass(frozen=True)
class Retention:
    """How long things are kept, in days."""

    inactive_days: int
    notice_days: int
    audit_days: int


def controller() -> Controller:
    """The data controller's details from DATA_CONTROLLER_* and DPO_EMAIL."""
    config = current_app.config
    return Controller(
        name=config["DATA_CONTROLLER_NAME"],
        address=config["DATA_CONTROLLER_ADDRESS"],
        email=config["DATA_CONTROLLER_EMAIL"],
        phone=config["DATA_CONTROLLER_PHONE"],
        dpo_email=config["DPO_EMAIL"],
    )


def retention() -> Retention:
    """The retention periods from configuration, or their defaults."""
    config = current_app.config
    days = {key: int(config.get(key, default)) for key, default in RETENTION_DEFAULTS.items()}
    return Retention(
        inactive_days=days["RETENTION_INACTIVE_DAYS"],
        notice_days=days["RETENTION_NOTICE_DAYS"],
        audit_days=days["AUDIT_RETENTION_DAYS"],
    )
