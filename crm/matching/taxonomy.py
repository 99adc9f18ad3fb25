"""The skill taxonomy: areas with Danish and English labels and synonyms, from taxonomy.json."""

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class Area:
    """One skill area of the taxonomy."""

    slug: str
    label_da: str
    label_en: str
    synonyms: tuple[str, ...] = ()
    abbreviations: tuple[str, ...] = ()

    def label(self, locale: str) -> str:
        """The label in `locale` ("da" or "en"), English for any other locale."""
        return self.label_da if locale.split("_")[0].lower() == "da" else self.label_en


@dataclass(frozen=True)
class Taxonomy:
    """The ordered set of skill areas."""

    areas: tuple[Area, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_slug", {area.slug: area for area in self.areas})

    @property
    def slugs(self) -> tuple[str, ...]:
        """Every area slug, in file order."""
        return tuple(area.slug for area in self.areas)

    def get(self, slug: str) -> Area | None:
        """The area with this slug, or None."""
        return self._by_slug.get(slug)

    def __contains__(self, slug: object) -> bool:
        return slug in self._by_slug

    def label(self, slug: str, locale: str) -> str:
        """The area's label in `locale`, English for other locales, the slug for unknown areas."""
        area = self.get(slug)
        return area.label(locale) if area else slug

    def choices(self, locale: str) -> list[tuple[str, str]]:
        """(slug, label) pairs sorted by label, for a form's select field."""
        return sorted(((a.slug, a.label(locale)) for a in self.areas), key=lambda c: c[1].lower())


def parse_taxonomy(data: dict) -> Taxonomy:
    """Build a Taxonomy from the JSON structure of taxonomy.json."""
    return Taxonomy(
        tuple(
            Area(
                slug=entry["slug"],
                label_da=entry["da"],
                label_en=entry["en"],
                synonyms=tuple(entry["synonyms"].get("da", []) + entry["synonyms"].get("en", [])),
                abbreviations=tuple(entry.get("abbreviations", [])),
            )
            for entry in data["areas"]
        )
    )


@cache
def load_taxonomy() -> Taxonomy:
    """The taxonomy shipped with the package (read once, then cached)."""
    text = resources.files(__package__).joinpath("taxonomy.json").read_text(encoding="utf-8")
    return parse_taxonomy(json.loads(text))
