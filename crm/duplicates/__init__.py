"""Duplicates found, not created: detection, the review queue, merging and undoing a merge."""
