"""The consultant's workspace, one blueprint whose views live in a module per job.

dashboard_views: the start page; search_views: finding volunteers and the CSV exports;
record_views: a volunteer's record and its contact log; email_views: e-mail from the tool;
outbox_views: the e-mails that could not be sent, and sending them again;
rights_views: access and erasure requests on a volunteer's behalf;
branch_views: the list of branches, editing one and its contacts' invitations;
branch_record_views: a branch's record, its offers and its contact log.
"""

from crm.consultant import (
    branch_record_views,
    branch_views,
    dashboard_views,
    email_views,
    outbox_views,
    record_views,
    rights_views,
    search_views,
)
from crm.consultant.blueprint import bp

__all__ = [
    "bp",
    "branch_record_views",
    "branch_views",
    "dashboard_views",
    "email_views",
    "outbox_views",
    "record_views",
    "rights_views",
    "search_views",
]
