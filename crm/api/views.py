"""Every module with API routes, imported so that their routes join the api blueprint."""

from crm.api import (  # noqa: F401  (each module registers its routes on bp)
    contacts,
    match_transitions,
    matches,
    needs,
    openapi,
    projects,
    volunteers,
)
from crm.api.blueprint import bp

__all__ = ["bp"]
