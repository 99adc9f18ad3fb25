"""About thirty branches in real Danish municipalities, some with collective experience."""

import random

from crm.branches.models import Branch, BranchExperience
from crm.demo.texts import BRANCH_EXPERIENCE
from crm.extensions import db

# (municipality, region, relative size of its membership)
MUNICIPALITIES: tuple[tuple[str, str, int], ...] = (
    ("København", "Hovedstaden", 10),
    ("Frederiksberg", "Hovedstaden", 3),
    ("Gentofte", "Hovedstaden", 2),
    ("Gladsaxe", "Hovedstaden", 2),
    ("Helsingør", "Hovedstaden", 2),
    ("Hillerød", "Hovedstaden", 2),
    ("Høje-Taastrup", "Hovedstaden", 2),
    ("Bornholm", "Hovedstaden", 1),
    ("Roskilde", "Sjælland", 3),
    ("Køge", "Sjælland", 2),
    ("Næstved", "Sjælland", 2),
    ("Slagelse", "Sjælland", 2),
    ("Holbæk", "Sjælland", 2),
    ("Guldborgsund", "Sjælland", 1),
    ("Odense", "Syddanmark", 6),
    ("Esbjerg", "Syddanmark", 4),
    ("Kolding", "Syddanmark", 3),
    ("Vejle", "Syddanmark", 3),
    ("Svendborg", "Syddanmark", 2),
    ("Sønderborg", "Syddanmark", 2),
    ("Aabenraa", "Syddanmark", 2),
    ("Aarhus", "Midtjylland", 8),
    ("Randers", "Midtjylland", 3),
    ("Horsens", "Midtjylland", 3),
    ("Silkeborg", "Midtjylland", 2),
    ("Herning", "Midtjylland", 2),
    ("Viborg", "Midtjylland", 2),
    ("Holstebro", "Midtjylland", 2),
    ("Aalborg", "Nordjylland", 6),
    ("Hjørring", "Nordjylland", 2),
    ("Frederikshavn", "Nordjylland", 2),
    ("Thisted", "Nordjylland", 1),
)

DEMO_BRANCH = "Aarhus"  # the branch of the demo branch contact and demo volunteer


def load_branches(rng: random.Random) -> list[Branch]:
    """Create one branch per municipality; about half get one or two experience entries."""
    branches = []
    for municipality, region, _size in MUNICIPALITIES:
        branch = Branch(
            name=f"Socialdemokratiet i {municipality}",
            municipality=municipality,
            region=region,
            description=f"Partiforeningen i {municipality} Kommune.",
        )
        if municipality == DEMO_BRANCH or rng.random() < 0.5:
            for area, level, text in rng.sample(BRANCH_EXPERIENCE, rng.randint(1, 2)):
                branch.experience.append(
                    BranchExperience(
                        area=area, level=level, years=rng.randint(1, 8), description=text
                    )
                )
        branches.append(branch)
    db.session.add_all(branches)
    db.session.flush()
    return branches


def branch_weights() -> list[int]:
    """How likely a volunteer belongs to each branch, in MUNICIPALITIES order."""
    return [size for _m, _r, size in MUNICIPALITIES]
