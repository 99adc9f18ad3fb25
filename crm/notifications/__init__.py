"""E-mails to volunteers about their tasks and about new needs that fit them, and unsubscribing."""
