"""Frivillig CRM: volunteer matching and CRM for a party's international department."""

from crm.app import create_app

__all__ = ["create_app"]
