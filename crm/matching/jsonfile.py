"""Read crm-match's INPUT.json into candidates and needs, naming the record and field on error."""

from collections.abc import Callable
from datetime import date

from .levels import EXPERIENCE_LEVELS, LANGUAGE_CODES, LANGUAGE_LEVELS, TRAVEL_MODES
from .model import (
    Availability,
    Candidate,
    Language,
    LanguageRequirement,
    NeedSpec,
    Skill,
    SkillRequirement,
)
from .normalise import Normaliser
from .regions import COUNTRY_REGION

_LEVELS_BY_NAME = {level.lower(): level for level in LANGUAGE_LEVELS}


class InputError(ValueError):
    """Malformed input; the message names the volunteer or need and the field."""


class _Record:
    """One volunteer or need object, read field by field."""

    def __init__(self, kind: str, position: int, data: object) -> None:
        self.name = f"{kind} #{position + 1}"
        if not isinstance(data, dict):
            raise InputError(f"{self.name}: expected an object, got {_type(data)}")
        self.data = data
        ident = data.get("id")
        if not isinstance(ident, str) or not ident.strip():
            problem = "missing" if ident is None else f"must be a non-empty string, got {ident!r}"
            raise InputError(f'{self.name}: "id" {problem}')
        self.id = ident
        self.name = f'{kind} "{ident}"'

    def error(self, field: str, problem: str) -> InputError:
        return InputError(f"{self.name}: {field}: {problem}")

    def items(self, field: str) -> list:
        value = self.data.get(field)
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.error(field, f"expected a list, got {_type(value)}")
        return value

    def mapping(self, field: str, value: object) -> dict:
        if not isinstance(value, dict):
            raise self.error(field, f"expected an object, got {_type(value)}")
        return value

    def text_field(self, field: str, value: object) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.error(field, f"expected a non-empty string, got {value!r}")
        return value

    def whole(self, field: str, value: object, choices: tuple[int, ...] | None = None) -> int:
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise self.error(field, f"expected a whole number of 0 or more, got {value!r}")
        if choices and value not in choices:
            raise self.error(field, f"expected one of {', '.join(map(str, choices))}, got {value}")
        return value

    def day(self, field: str, value: object) -> date | None:
        if value is None:
            return None
        problem = self.error(field, f"expected a date as YYYY-MM-DD, got {value!r}")
        if not isinstance(value, str):
            raise problem
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise problem from None

    def period(self, field: str, value: object) -> tuple[date | None, date | None]:
        if value is None:
            return None, None
        value = self.mapping(field, value)
        start = self.day(f"{field}.from", value.get("from"))
        end = self.day(f"{field}.to", value.get("to"))
        if start and end and end < start:
            raise self.error(f"{field}.to", f"{end} is before {field}.from {start}")
        return start, end

    def level(self, field: str, value: object) -> str:
        if not isinstance(value, str) or value.lower() not in _LEVELS_BY_NAME:
            raise self.error(field, f"expected one of {' '.join(LANGUAGE_LEVELS)}, got {value!r}")
        return _LEVELS_BY_NAME[value.lower()]

    def language(self, field: str, value: object) -> str:
        code = self.text_field(field, value).lower()
        if code not in LANGUAGE_CODES:
            raise self.error(field, f"expected an ISO 639-1 language code, got {value!r}")
        return code

    def countries(self) -> frozenset[str]:
        codes = set()
        for i, value in enumerate(self.items("countries")):
            code = self.text_field(f"countries[{i}]", value).upper()
            if code not in COUNTRY_REGION:
                raise self.error(
                    f"countries[{i}]", f"expected an ISO 3166 alpha-2 code, got {value!r}"
                )
            codes.add(code)
        return frozenset(codes)

    def travel(self, field: str, value: object) -> str | None:
        if value is not None and value not in TRAVEL_MODES:
            raise self.error(field, f"expected one of {', '.join(TRAVEL_MODES)}, got {value!r}")
        return value

    def area(self, field: str, value: object, areas: frozenset[str]) -> str:
        slug = self.text_field(field, value)
        if slug not in areas:
            raise self.error(field, f"unknown taxonomy area {slug!r}")
        return slug


def read_input(data: object, normaliser: Normaliser) -> tuple[list[Candidate], list[NeedSpec]]:
    """The volunteers and needs of a parsed INPUT.json; free-text experience is normalised."""
    if not isinstance(data, dict):
        raise InputError(f"the input must be a JSON object, got {_type(data)}")
    for key in ("volunteers", "needs"):
        if not isinstance(data.get(key, []), list):
            raise InputError(f'"{key}" must be a list, got {_type(data[key])}')
    volunteers, needs = data.get("volunteers", []), data.get("needs", [])
    texts = sorted(
        {
            entry["text"]
            for v in volunteers
            if isinstance(v, dict)
            for entry in (v.get("experience") if isinstance(v.get("experience"), list) else [])
            if isinstance(entry, dict) and isinstance(entry.get("text"), str)
        }
    )
    found = dict(zip(texts, normaliser.normalise_many(texts), strict=True))
    areas = frozenset(normaliser.taxonomy.slugs)
    candidates = [
        _candidate(_Record("volunteer", i, v), areas, found.__getitem__)
        for i, v in enumerate(volunteers)
    ]
    specs = [_need(_Record("need", i, n), areas) for i, n in enumerate(needs)]
    for kind, ids in (("volunteer", [c.id for c in candidates]), ("need", [n.id for n in specs])):
        if duplicate := next((i for i in ids if ids.count(i) > 1), None):
            raise InputError(f'{kind} "{duplicate}": the id is used more than once')
    return candidates, specs


def _candidate(record: _Record, areas: frozenset[str], found: Callable) -> Candidate:
    skills = []
    for i, value in enumerate(record.items("experience")):
        field = f"experience[{i}]"
        entry = record.mapping(field, value)
        given = entry.get("level")  # a level the person gave wins over the one read from text
        level = 1 if given is None else record.whole(f"{field}.level", given, EXPERIENCE_LEVELS)
        if entry.get("years") is not None:
            record.whole(f"{field}.years", entry["years"])
        if entry.get("area") is not None:
            skills.append(Skill(record.area(f"{field}.area", entry["area"], areas), level))
        elif entry.get("text") is not None:
            text = record.text_field(f"{field}.text", entry["text"])
            skills += [
                Skill(m.area, given or m.level, m.confidence, "text", text) for m in found(text)
            ]
        else:
            raise record.error(field, 'needs an "area" or a "text"')
    languages = []
    for i, value in enumerate(record.items("languages")):
        entry = record.mapping(f"languages[{i}]", value)
        code = record.language(f"languages[{i}].code", entry.get("code"))
        level = entry.get("level")
        languages.append(
            Language(code, None if level is None else record.level(f"languages[{i}].level", level))
        )
    availability = None
    if record.data.get("availability") is not None:
        value = record.mapping("availability", record.data["availability"])
        start, end = record.period("availability", value)
        hours = value.get("hours_per_month")
        availability = Availability(
            start,
            end,
            None if hours is None else record.whole("availability.hours_per_month", hours),
            record.travel("availability.travel", value.get("travel")),
        )
    return Candidate(record.id, tuple(skills), tuple(languages), record.countries(), availability)


def _need(record: _Record, areas: frozenset[str]) -> NeedSpec:
    skills = []
    for i, value in enumerate(record.items("skills")):
        entry = record.mapping(f"skills[{i}]", value)
        weight = entry.get("weight", 1)
        if not isinstance(weight, int | float) or isinstance(weight, bool) or not weight > 0:
            raise record.error(f"skills[{i}].weight", f"expected a positive number, got {weight!r}")
        skills.append(
            SkillRequirement(
                record.area(f"skills[{i}].area", entry.get("area"), areas),
                record.whole(
                    f"skills[{i}].min_level", entry.get("min_level", 1), EXPERIENCE_LEVELS
                ),
                float(weight),
            )
        )
    languages = []
    for i, value in enumerate(record.items("languages")):
        entry = record.mapping(f"languages[{i}]", value)
        required = entry.get("required", False)
        if not isinstance(required, bool):
            raise record.error(
                f"languages[{i}].required", f"expected true or false, got {required!r}"
            )
        languages.append(
            LanguageRequirement(
                record.language(f"languages[{i}].code", entry.get("code")),
                record.level(f"languages[{i}].min_level", entry.get("min_level", "A1")),
                required,
            )
        )
    start, end = record.period("period", record.data.get("period"))
    hours = record.data.get("hours_per_month")
    return NeedSpec(
        id=record.id,
        skills=tuple(skills),
        languages=tuple(languages),
        countries=record.countries(),
        start=start,
        end=end,
        hours_per_month=None if hours is None else record.whole("hours_per_month", hours),
        travel=record.travel("travel", record.data.get("travel")),
    )


def _type(value: object) -> str:
    return {
        dict: "an object",
        list: "a list",
        str: "a string",
        bool: "true/false",
        type(None): "null",
    }.get(type(value), "a number")
