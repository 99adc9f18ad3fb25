"""What the admin's audit page calls each action and each detail, in the user's language."""

from flask_babel import lazy_gettext as _l

from crm.audit.log import Action

ACTION_LABELS = {
    Action.LOGIN: _l("Logged in"),
    Action.LOGIN_FAILED: _l("Failed login"),
    Action.LOGOUT: _l("Logged out"),
    Action.PASSWORD_CHANGED: _l("Password changed"),
    Action.PASSWORD_RESET: _l("Password reset"),
    Action.RECORD_VIEWED: _l("Record viewed"),
    Action.RECORD_CHANGED: _l("Record changed"),
    Action.EXPORT: _l("Export"),
    Action.OWN_DATA_EXPORTED: _l("Own data exported"),
    Action.CONSENT_GIVEN: _l("Consent given"),
    Action.CONSENT_WITHDRAWN: _l("Consent withdrawn"),
    Action.ACCESS_REQUEST: _l("Access request"),
    Action.ERASURE_REQUEST: _l("Erasure request"),
    Action.ERASED: _l("Erased"),
    Action.RETENTION_REMINDER: _l("Retention reminder sent"),
    Action.STAFF_INVITED: _l("Staff member invited"),
    Action.ROLE_CHANGED: _l("Role changed"),
    Action.DEACTIVATED: _l("Account deactivated"),
    Action.REACTIVATED: _l("Account reactivated"),
    Action.BRANCH_CONTACT_INVITED: _l("Branch contact invited"),
    Action.BRANCH_CONTACT_REMOVED: _l("Branch contact removed"),
    Action.CONSENT_TEXT_PUBLISHED: _l("Consent text published"),
    Action.BACKUP: _l("Backup made"),
    Action.RESTORE: _l("Backup restored"),
    Action.IMPORT: _l("Volunteers imported from a spreadsheet"),
    Action.IMPORT_DROPPED: _l("Spreadsheet import dropped"),
    Action.CLAIM_INVITED: _l("Invited to claim an imported profile"),
    Action.PROFILE_CLAIMED: _l("Imported profile claimed"),
    Action.API_READ: _l("Read through the API"),
    Action.API_TOKEN_CREATED: _l("API token created"),
    Action.API_TOKEN_REVOKED: _l("API token revoked"),
    Action.DUPLICATES_SCANNED: _l("Duplicates searched for"),
    Action.NOT_SAME_PERSON: _l("Marked as not the same person"),
    Action.MERGED: _l("Records merged"),
    Action.MERGE_UNDONE: _l("Merge undone"),
}

DETAIL_LABELS = {
    "reason": _l("Reason"),
    "remember": _l("Remember me"),
    "export": _l("List"),
    "rows": _l("Rows"),
    "need_id": _l("Need"),
    "branch_id": _l("Branch"),
    "version": _l("Version"),
    "consent_text_id": _l("Consent text"),
    "role": _l("Role"),
    "old": _l("From"),
    "new": _l("To"),
    "change": _l("Change"),
    "format": _l("Format"),
    "match_id": _l("Match"),
    "from_state": _l("From state"),
    "to_state": _l("To state"),
    "channel": _l("Channel"),
    "direction": _l("Direction"),
    "batch_id": _l("Import"),
    "imported": _l("Imported"),
    "already": _l("Already registered"),
    "bad": _l("Rows with errors"),
    "duplicates": _l("Possible duplicates"),
    "endpoint": _l("Endpoint"),
    "token_id": _l("API token"),
    "scope": _l("Access"),
    "merged_id": _l("Merged record"),
    "kept_id": _l("Kept record"),
    "merge_id": _l("Merge"),
    "pair_id": _l("Possible duplicate"),
    "other_id": _l("Other record"),
    "pairs": _l("New pairs"),
}
"""Known detail keys; any other key is shown as it is stored (details are codes, not text)."""


def action_label(action: str) -> str:
    """The action's label, or its code when it is not (or no longer) an Action."""
    try:
        return str(ACTION_LABELS[Action(action)])
    except (ValueError, KeyError):
        return action


def detail_label(key: str) -> str:
    """The detail's label, or its key."""
    label = DETAIL_LABELS.get(key)
    return str(label) if label is not None else key
