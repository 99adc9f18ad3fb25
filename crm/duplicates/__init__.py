"""Possible duplicate volunteers: found on import and registration, reviewed and merged by staff."""
