"""Imports every area's models so that SQLAlchemy and Alembic see the whole schema."""

from crm.auth.models import Role, User
from crm.branches.models import Branch, BranchExperience, BranchSkillCorrection
from crm.contacts.models import ContactLogEntry, FollowUp
from crm.matches.models import InterestSignal, Match, MatchState, MatchTransition, OfferMember
from crm.projects.models import Need, NeedCountry, NeedLanguage, NeedSkill, Project, ProjectCountry
from crm.volunteers.models import (
    ExperienceEntry,
    Volunteer,
    VolunteerCountry,
    VolunteerLanguage,
    VolunteerSkill,
)

__all__ = [
    "Branch",
    "BranchExperience",
    "BranchSkillCorrection",
    "ContactLogEntry",
    "ExperienceEntry",
    "FollowUp",
    "InterestSignal",
    "Match",
    "MatchState",
    "MatchTransition",
    "OfferMember",
    "Need",
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
    "VolunteerSkill",
]
