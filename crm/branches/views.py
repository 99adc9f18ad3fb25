"""The branch contact's area, one blueprint whose views live in a module per job.

(Each module registers its routes on crm.branches.blueprint.bp.)
"""

from crm.branches import members_views  # noqa: F401  (registers its routes)
from crm.branches.blueprint import bp

__all__ = ["bp"]
