"""Denmark's five regions, the region a branch belongs to (stored by its Danish name)."""

REGIONS: tuple[str, ...] = ("Hovedstaden", "Sjælland", "Syddanmark", "Midtjylland", "Nordjylland")
