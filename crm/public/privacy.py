"""What the privacy page states, read from configuration: who is responsible, how to reach them,
and how long data is kept."""

from dataclasses import dataclass

from flask import current_app


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
    """The retention periods the retention command applies (defaults in crm/config.py)."""
    config = current_app.config
    return Retention(
        inactive_days=int(config["RETENTION_INACTIVE_DAYS"]),
        notice_days=int(config["RETENTION_NOTICE_DAYS"]),
        audit_days=int(config["AUDIT_RETENTION_DAYS"]),
    )
