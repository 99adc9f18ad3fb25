"""The contact log and follow-ups."""
