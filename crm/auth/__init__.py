"""Accounts: registration, e-mail confirmation, login, passwords and roles."""
