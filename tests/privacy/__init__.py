"""Data subject rights: access, erasure, retention."""
