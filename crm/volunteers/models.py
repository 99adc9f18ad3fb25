"""A volunteer's profile: contact details, experience, languages, countries, availability."""

import enum
from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, text, true
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from crm.database import utcnow
from crm.extensions import db
from crm.volunteers.phones import phone_key


class NeedsEmail(enum.StrEnum):
    """How often a volunteer is e-mailed about new open needs that fit them."""

    AT_ONCE = "at_once"
    WEEKLY = "weekly"
    NEVER = "never"


class Volunteer(db.Model):
    """A party member who offers to help; one per volunteer user account."""

    __tablename__ = "volunteer"
    __table_args__ = (
        Index("ix_volunteer_created_at", "created_at"),
        Index("ix_volunteer_updated_at", "updated_at"),  # the change feed (changes.py)
        # The few who withdrew consent or were erased, looked up as "... IS NOT NULL" (the need
        # page, the dashboard, every list leaving out the erased) among 100,000. Partial, so that
        # no "IS NULL" filter (nearly every row) is ever planned through them.
        Index(
            "ix_volunteer_consent_withdrawn",
            "consent_withdrawn_at",
            sqlite_where=text("consent_withdrawn_at IS NOT NULL"),
            postgresql_where=text("consent_withdrawn_at IS NOT NULL"),
        ),
        Index(
            "ix_volunteer_erased",
            "erased_at",
            sqlite_where=text("erased_at IS NOT NULL"),
            postgresql_where=text("erased_at IS NOT NULL"),
        ),
        # Blocking keys of the duplicate search (crm/duplicates/detect.py): one indexed lookup
        # per new volunteer, never a scan of all of them.
        Index("ix_volunteer_phone_key", "phone_key"),
        Index("ix_volunteer_postcode", "postcode"),
        {"sqlite_autoincrement": True},  # an erased person's id is never given to anyone else
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL"), unique=True
    )
    first_name: Mapped[str] = mapped_column(String(80), default="")
    last_name: Mapped[str] = mapped_column(String(80), default="", index=True)
    email: Mapped[str] = mapped_column(String(254), index=True)
    phone: Mapped[str] = mapped_column(String(30), default="")
    city: Mapped[str] = mapped_column(String(80), default="")
    postcode: Mapped[str] = mapped_column(String(10), default="", server_default="")
    phone_key: Mapped[str] = mapped_column(String(20), default="", server_default="")
    """The phone's digits as phones.phone_key reads them, set with every phone (for duplicates)."""
    merged_into_id: Mapped[int | None] = mapped_column(
        ForeignKey("volunteer.id", ondelete="SET NULL")
    )
    """Merged into that record (crm/duplicates/merge.py): this row is a tombstone whose old
    links lead there; erased_at is set too, so every list leaves it out."""
    branch_id: Mapped[int | None] = mapped_column(
        ForeignKey("branch.id", ondelete="SET NULL"), index=True
    )
    share_with_branch: Mapped[bool] = mapped_column(default=False)
    motivation: Mapped[str] = mapped_column(Text, default="")
    available_from: Mapped[date | None]
    available_to: Mapped[date | None]
    hours_per_month: Mapped[int | None]
    travel: Mapped[str | None] = mapped_column(String(10))
    consent_version: Mapped[str | None] = mapped_column(String(20))
    consent_at: Mapped[datetime | None]
    consent_withdrawn_at: Mapped[datetime | None]
    """When the volunteer last withdrew consent (cleared when they consent again)."""
    erased_at: Mapped[datetime | None]
    """When the person was erased: the row is an empty tombstone kept for counts (erasure.py)."""
    retention_reminded_at: Mapped[datetime | None]
    """When the retention reminder was sent; cleared by the next login or change (retention.py)."""
    needs_email: Mapped[str] = mapped_column(
        String(10), default=NeedsEmail.WEEKLY, server_default=NeedsEmail.WEEKLY
    )
    """New open needs that fit: e-mailed at once, in a weekly digest, or never (NeedsEmail)."""
    status_emails: Mapped[bool] = mapped_column(default=True, server_default=true())
    """E-mails about the volunteer's own tasks: interest received, shortlisted, placed, closed."""
    import_batch_id: Mapped[int | None] = mapped_column(
        ForeignKey("import_batch.id", ondelete="SET NULL"), index=True
    )
    imported_at: Mapped[datetime | None]
    """When the profile came from a spreadsheet (crm/imports); None for those who registered."""
    claimed_at: Mapped[datetime | None]
    """When the imported person claimed the profile by choosing a password; None until then."""
    claim_nonce: Mapped[str | None] = mapped_column(String(32))
    """The secret of the latest claim invitation: a new invitation or the claim replaces it."""
    claim_invited_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    experience: Mapped[list["ExperienceEntry"]] = relationship(
        back_populates="volunteer", cascade="all, delete-orphan", order_by="ExperienceEntry.id"
    )
    languages: Mapped[list["VolunteerLanguage"]] = relationship(
        cascade="all, delete-orphan", order_by="VolunteerLanguage.code"
    )
    countries: Mapped[list["VolunteerCountry"]] = relationship(
        cascade="all, delete-orphan", order_by="VolunteerCountry.code"
    )
    skills: Mapped[list["VolunteerSkill"]] = relationship(
        cascade="all, delete-orphan", order_by="VolunteerSkill.area"
    )
    corrections: Mapped[list["SkillCorrection"]] = relationship(
        cascade="all, delete-orphan", order_by="SkillCorrection.area"
    )
    consent_records: Mapped[list["ConsentRecord"]] = relationship(
        cascade="all, delete-orphan", order_by="ConsentRecord.id"
    )

    __mapper_args__ = {"version_id_col": version}

    @validates("phone")
    def _set_phone_key(self, _key: str, phone: str | None) -> str | None:
        self.phone_key = phone_key(phone)
        return phone

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class ExperienceEntry(db.Model):
    """One experience: a taxonomy area with level and years, or free text alone."""

    __tablename__ = "experience_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    volunteer_id: Mapped[int] = mapped_column(
        ForeignKey("volunteer.id", ondelete="CASCADE"), index=True
    )
    area: Mapped[str | None] = mapped_column(String(40))
    level: Mapped[int | None]
    years: Mapped[int | None]
    description: Mapped[str] = mapped_column(Text, default="")

    volunteer: Mapped[Volunteer] = relationship(back_populates="experience")


class VolunteerLanguage(db.Model):
    """A language the volunteer speaks, ISO 639-1 with a CEFR level (or native)."""

    __tablename__ = "volunteer_language"

    volunteer_id: Mapped[int] = mapped_column(
        ForeignKey("volunteer.id", ondelete="CASCADE"), primary_key=True
    )
    code: Mapped[str] = mapped_column(String(2), primary_key=True, index=True)
    level: Mapped[str] = mapped_column(String(6))


class VolunteerCountry(db.Model):
    """A country the volunteer knows, ISO 3166 alpha-2."""

    __tablename__ = "volunteer_country"

    volunteer_id: Mapped[int] = mapped_column(
        ForeignKey("volunteer.id", ondelete="CASCADE"), primary_key=True
    )
    code: Mapped[str] = mapped_column(String(2), primary_key=True, index=True)


class VolunteerSkill(db.Model):
    """A skill area derived from the profile when it is saved (declared or normalised free text).

    Stored so that matching and search never normalise text per request.
    """

    __tablename__ = "volunteer_skill"

    volunteer_id: Mapped[int] = mapped_column(
        ForeignKey("volunteer.id", ondelete="CASCADE"), primary_key=True
    )
    area: Mapped[str] = mapped_column(String(40), primary_key=True, index=True)
    level: Mapped[int]
    confidence: Mapped[float] = mapped_column(default=1.0)
    source: Mapped[str] = mapped_column(String(10), default="declared")


class CorrectionAction(enum.StrEnum):
    """What a volunteer said about an area read from their text (applied in crm/matches/skills)."""

    CONFIRM = "confirm"
    CHANGE = "change"
    REMOVE = "remove"


class SkillCorrection(db.Model):
    """The volunteer's own word on one area read from their text; it wins over the reading.

    Kept when the text is edited or read again; while the area is not read from the text, it
    simply waits. "change" carries the volunteer's level, the other actions none.
    """

    __tablename__ = "skill_correction"
    __table_args__ = (
        CheckConstraint(
            "(action = 'change' AND level BETWEEN 1 AND 4)"
            " OR (action <> 'change' AND level IS NULL)",
            name="level_only_for_change",
        ),
    )

    volunteer_id: Mapped[int] = mapped_column(
        ForeignKey("volunteer.id", ondelete="CASCADE"), primary_key=True
    )
    area: Mapped[str] = mapped_column(String(40), primary_key=True)
    action: Mapped[str] = mapped_column(String(10))
    level: Mapped[int | None]
    at: Mapped[datetime] = mapped_column(default=utcnow)


class ConsentPurpose(enum.StrEnum):
    """What a consent is for; each is given and withdrawn on its own record."""

    MATCHING = "matching"
    BRANCH_SHARING = "branch_sharing"
    CONSULTANT_EMAIL = "consultant_email"
    NAMED_IN_REPORTS = "named_in_reports"
    """The volunteer's name may appear in results reports to the funder."""


class ConsentSource(enum.StrEnum):
    """Where a consent was collected."""

    SELF_REGISTRATION = "self_registration"
    IMPORT = "import"
    CONSULTANT = "consultant"


EXPLICIT_CONSENT = "art9_2_a_art6_1_a"
"""Legal basis: explicit consent, GDPR Art. 9(2)(a) with Art. 6(1)(a)."""


class ConsentRecord(db.Model):
    """One consent for one purpose: given at a moment, for a consent text version, until
    withdrawn. Written only by crm/volunteers/consents.py, together with the profile's fast
    current-state columns (consent_version, consent_at, share_with_branch)."""

    __tablename__ = "consent_record"
    __table_args__ = (Index("ix_consent_record_volunteer_purpose", "volunteer_id", "purpose"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    volunteer_id: Mapped[int] = mapped_column(ForeignKey("volunteer.id", ondelete="CASCADE"))
    purpose: Mapped[str] = mapped_column(String(20))
    legal_basis: Mapped[str] = mapped_column(String(30), default=EXPLICIT_CONSENT)
    source: Mapped[str] = mapped_column(String(20), default=ConsentSource.SELF_REGISTRATION)
    text_version: Mapped[str | None] = mapped_column(String(20))
    given_at: Mapped[datetime] = mapped_column(default=utcnow)
    withdrawn_at: Mapped[datetime | None]
