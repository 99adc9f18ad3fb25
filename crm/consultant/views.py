"""The consultant's workspace, one blueprint whose views live in a module per job.

dashboard_views: the start page; search_views: finding volunteers and the CSV exports;
record_views: a volunteer's record and its contact log; email_views: e-mail from the tool;
branch_views: the branches and their contacts.
"""

from crm.consultant import (
    branch_views,
    dashboard_views,
    email_views,
    record_views,
    search_views,
)
from crm.consultant.blueprint import bp

__all__ = ["bp", "branch_views", "dashboard_views", "email_views", "record_views", "search_views"]
