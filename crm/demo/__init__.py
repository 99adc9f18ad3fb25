"""Synthetic demo data: the party's real projects (own wording), branches, volunteers, contacts."""
