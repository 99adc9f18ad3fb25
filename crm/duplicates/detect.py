"""Finding possible duplicate volunteers (a placeholder: the duplicates branch replaces it)."""

from collections.abc import Sequence

from crm.volunteers.models import Volunteer


def flag_possible_duplicates(volunteers: Sequence[Volunteer], source: str = "import") -> int:
    """Put the volunteers who may be the same person as someone already registered (a similar
    name with the same phone or postcode) in the review queue; return how many were flagged.

    The volunteers are flushed, new rows; `source` says where they came from ("import",
    "registration"). This placeholder flags nothing; the duplicates module takes its place.
    """
    return 0
