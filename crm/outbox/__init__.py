"""The outbox: every e-mail is a row written in the asking transaction and sent by the worker."""
