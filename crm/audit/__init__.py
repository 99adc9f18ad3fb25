"""The audit log: who did what to whose record, kept append-only."""
