"""The consent text's versions: drafted, previewed and published by an admin.

The version in force is the latest published one, or the CONSENT_VERSION setting while none is
published (crm.volunteers.services.current_consent_version reads it once per request). A
published version is never changed: a volunteer's consent names the version they accepted.
"""

from dataclasses import dataclass
from datetime import datetime

from flask import g
from sqlalchemy import ForeignKey, String, Text, select
from sqlalchemy.orm import Mapped, mapped_column

from crm.audit import log as audit
from crm.audit.log import Action
from crm.auth.models import User
from crm.database import utcnow
from crm.extensions import db
from crm.locking import refuse_stale

LABEL_LENGTH = 20
"""As long as Volunteer.consent_version, which stores the label."""


class ConsentText(db.Model):
    """One version of the consent text, in Danish and English; a draft until published."""

    __tablename__ = "consent_text"

    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str] = mapped_column(String(LABEL_LENGTH), unique=True)
    """The version's name, e.g. 2027-01, stored with each consent given to it."""
    text_da: Mapped[str] = mapped_column(Text, default="")
    text_en: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    published_at: Mapped[datetime | None] = mapped_column(index=True)
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    def text_in(self, locale: str) -> str:
        """The text in the locale, Danish when it has none in English."""
        return self.text_en if locale == "en" and self.text_en.strip() else self.text_da


@dataclass(frozen=True)
class ConsentTextData:
    """What an admin types for a version."""

    label: str
    text_da: str
    text_en: str


class LabelTaken(Exception):
    """Another version (or the CONSENT_VERSION setting's text) already has this label."""


class AlreadyPublished(Exception):
    """A published version is never changed."""


_IN_FORCE = "consent_text_in_force"
"""The published version in force this request, looked up once (kept on flask.g)."""


def in_force() -> ConsentText | None:
    """The latest published version, or None while none is published (one query per request)."""
    if _IN_FORCE not in g:
        latest = (
            select(ConsentText)
            .where(ConsentText.published_at.is_not(None))
            .order_by(ConsentText.published_at.desc(), ConsentText.id.desc())
            .limit(1)
        )
        setattr(g, _IN_FORCE, db.session.scalar(latest))
    return g.get(_IN_FORCE)


def forget_in_force() -> None:
    """Look the version in force up again at the next call (after publishing)."""
    g.pop(_IN_FORCE, None)


def versions() -> list[ConsentText]:
    """Every version, drafts first, then the published ones newest first."""
    return list(
        db.session.scalars(
            select(ConsentText).order_by(
                ConsentText.published_at.is_not(None),
                ConsentText.published_at.desc(),
                ConsentText.id.desc(),
            )
        )
    )


def _check_label(label: str, text: ConsentText | None, fallback: str) -> None:
    if label == fallback:
        raise LabelTaken
    found = db.session.scalar(select(ConsentText.id).where(ConsentText.label == label))
    if found is not None and (text is None or found != text.id):
        raise LabelTaken


def create_draft(data: ConsentTextData, author: User, fallback: str) -> ConsentText:
    """A new draft (LabelTaken when the label is used, `fallback` being CONSENT_VERSION)."""
    _check_label(data.label, None, fallback)
    text = ConsentText(
        label=data.label, text_da=data.text_da, text_en=data.text_en, created_by_id=author.id
    )
    db.session.add(text)
    db.session.flush()
    return text


def update_draft(
    text: ConsentText, data: ConsentTextData, seen_version: object, fallback: str
) -> None:
    """Save a draft unless it was published (AlreadyPublished), saved by someone else since
    `seen_version` (StaleEdit) or the label is taken (LabelTaken)."""
    if text.is_published:
        raise AlreadyPublished
    with refuse_stale(text, seen_version):
        _check_label(data.label, text, fallback)
        with db.session.no_autoflush:
            text.label, text.text_da, text.text_en = data.label, data.text_da, data.text_en
        db.session.flush()


def publish(text: ConsentText, seen_version: object) -> None:
    """Put the draft in force: every earlier consent is outdated from now on. The caller
    removes the stored suggestions of those volunteers (a rematch) and commits."""
    if text.is_published:
        raise AlreadyPublished
    with refuse_stale(text, seen_version):
        text.published_at = utcnow()
        db.session.flush()
    forget_in_force()
    audit.record(Action.CONSENT_TEXT_PUBLISHED, consent_text_id=text.id, version=text.label)
