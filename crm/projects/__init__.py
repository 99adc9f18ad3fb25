"""Projects abroad and their needs."""
