"""Data subject rights: access (Art. 15), erasure (Art. 17) and retention, over every area."""
