"""Volunteers: the skills profile a party member keeps."""
