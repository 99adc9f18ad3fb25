"""Fixtures for the notification tests: a consultant, volunteers who fit the default need, and
reading the e-mails the outbox delivered."""

from datetime import date

import pytest

from crm.auth.models import Role, User
from crm.models import ExperienceEntry, VolunteerLanguage, VolunteerSkill

MARKER = "HEMMELIG-NOTE-4711"
"""Typed by the consultant into every note, reason and summary: it must reach no e-mail."""


@pytest.fixture()
def consultant(make_user):
    return make_user(Role.CONSULTANT, email="konsulent@example.org", name="Karen Konsulent")


@pytest.fixture()
def make_fitting_volunteer(make_volunteer, db):
    """A consented volunteer who fits the default need (make_need) well: local democracy at
    level 3, English C1, available in 2027. make_fitting_volunteer("Mette", locale="en")."""

    def make(first_name: str, locale: str | None = None, **fields):
        fields.setdefault("email", f"{first_name.lower()}@example.org")
        fields.setdefault("available_from", date(2027, 1, 1))
        fields.setdefault("available_to", date(2027, 12, 31))
        fields.setdefault("hours_per_month", 10)
        fields.setdefault("travel", "short")
        volunteer = make_volunteer(first_name=first_name, last_name="Hansen", **fields)
        volunteer.experience = [ExperienceEntry(area="local-democracy", level=3)]
        volunteer.skills = [VolunteerSkill(area="local-democracy", level=3, source="declared")]
        volunteer.languages = [VolunteerLanguage(code="en", level="C1")]
        if locale:
            db.session.get(User, volunteer.user_id).locale = locale
        db.session.commit()
        return volunteer

    return make


def body(message) -> str:
    """The plain-text body of a delivered e-mail."""
    return message.get_body(("plain",)).get_content()


def to(outbox, volunteer) -> list:
    """The e-mails delivered to the volunteer, oldest first."""
    return [m for m in outbox.messages() if m["To"] == volunteer.email]


def assert_unsubscribe_headers(message) -> str:
    """The RFC 8058 headers are there, and the link in the header is the one in the text;
    returns the link's path."""
    header = str(message["List-Unsubscribe"]).strip()  # may be folded onto a line of its own
    assert header.startswith("<http://localhost/unsubscribe/") and header.endswith(">")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = header[1:-1]
    assert link in body(message)
    return link.removeprefix("http://localhost")
