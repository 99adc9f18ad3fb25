"""Frivillig CRM matching engine."""
