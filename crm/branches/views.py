"""The branch contact's area, one blueprint whose views live in a module per job.

(Each module registers its routes on crm.branches.blueprint.bp.)
"""

from crm.branches import experience_views, home_views, members_views, offer_views
from crm.branches.blueprint import bp

__all__ = ["bp", "experience_views", "home_views", "members_views", "offer_views"]
