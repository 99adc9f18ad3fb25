"""The admin area: staff accounts, consent text versions and the audit log (ADMIN only)."""
