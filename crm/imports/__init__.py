"""Importing volunteers from a spreadsheet; the imported people claim their profile."""
