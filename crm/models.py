"""Imports every area's models so that SQLAlchemy and Alembic see the whole schema."""

from crm.activities.models import ActivityReport, Debrief
from crm.api.models import ApiToken
from crm.audit.models import AuditEvent
from crm.auth.models import Role, User
from crm.auth.sessions import LoginSession
from crm.branches.models import Branch, BranchExperience, BranchSkillCorrection
from crm.contacts.models import ContactLogEntry, FollowUp
from crm.duplicates.models import DuplicatePair, VolunteerMerge
from crm.imports.models import ImportBatch, ImportMapping
from crm.matches.models import InterestSignal, Match, MatchState, MatchTransition, OfferMember
from crm.notifications.models import DigestMark, NeedNotice, NeedOpening
from crm.outbox.models import OutboxMessage
from crm.projects.models import Need, NeedCountry, NeedLanguage, NeedSkill, Project, ProjectCountry
from crm.results.models import OutcomeArea, ProjectTarget
from crm.volunteers.consent_texts import ConsentText
from crm.volunteers.models import (
    ConsentRecord,
    ExperienceEntry,
    Volunteer,
    VolunteerCountry,
    VolunteerLanguage,
    VolunteerSkill,
)

__all__ = [
    "ActivityReport",
    "ApiToken",
    "Debrief",
    "OutcomeArea",
    "ProjectTarget",
    "AuditEvent",
    "Branch",
    "BranchExperience",
    "BranchSkillCorrection",
    "ConsentRecord",
    "ConsentText",
    "ContactLogEntry",
    "DigestMark",
    "DuplicatePair",
    "ExperienceEntry",
    "FollowUp",
    "ImportBatch",
    "ImportMapping",
    "InterestSignal",
    "LoginSession",
    "Match",
    "MatchState",
    "MatchTransition",
    "OfferMember",
    "OutboxMessage",
    "Need",
    "NeedNotice",
    "NeedOpening",
    "NeedCountry",
    "NeedLanguage",
    "NeedSkill",
    "Project",
    "ProjectCountry",
    "Role",
    "User",
    "Volunteer",
    "VolunteerCountry",
    "VolunteerLanguage",
    "VolunteerMerge",
    "VolunteerSkill",
]
