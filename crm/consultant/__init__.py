"""The international consultant's workspace."""
