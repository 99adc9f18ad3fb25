"""Building blocks of the OpenAPI document's JSON Schemas (OpenAPI 3.1, JSON Schema 2020-12).

Each resource's module defines its schema next to its serialiser with these helpers and
registers it with `component`; crm/api/openapi.py puts every registered schema in the document.
"""

from typing import Any

Schema = dict[str, Any]

COMPONENTS: dict[str, Schema] = {}
"""Every named schema, filled as the resource modules are imported (their definitions are
constants of the code, so this is never stale within a process)."""


def component(name: str, schema: Schema) -> Schema:
    """Register a named schema; returns a reference to it."""
    COMPONENTS[name] = schema
    return ref(name)


def ref(name: str) -> Schema:
    """A reference to a named schema."""
    return {"$ref": f"#/components/schemas/{name}"}


def _maybe_null(schema: Schema, nullable: bool) -> Schema:
    if nullable:
        schema = dict(schema, type=[schema["type"], "null"])
    return schema


def string(fmt: str | None = None, *, nullable: bool = False, enum=None) -> Schema:
    """A string, optionally of a format (date, date-time) or from a list of values."""
    schema: Schema = {"type": "string"}
    if fmt:
        schema["format"] = fmt
    if enum is not None:
        schema["enum"] = [str(value) for value in enum] + ([None] if nullable else [])
    return _maybe_null(schema, nullable)


def integer(*, nullable: bool = False) -> Schema:
    """A whole number."""
    return _maybe_null({"type": "integer"}, nullable)


def number() -> Schema:
    """Any number."""
    return {"type": "number"}


def boolean() -> Schema:
    """true or false."""
    return {"type": "boolean"}


def array(items: Schema) -> Schema:
    """A list of items."""
    return {"type": "array", "items": items}


def obj(properties: dict[str, Schema], *, optional: tuple[str, ...] = ()) -> Schema:
    """An object with exactly these properties, all present except the optional ones."""
    return {
        "type": "object",
        "properties": properties,
        "required": [name for name in properties if name not in optional],
        "additionalProperties": False,
    }


LINKS = component(
    "Links",
    obj(
        {
            "self": string(),
            "next": string(nullable=True),
            "prev": string(nullable=True),
        }
    ),
)
ERROR = component(
    "Error",
    {
        "type": "object",
        "properties": {
            "error": {
                "type": "object",
                "properties": {"code": string(), "message": string()},
                "required": ["code", "message"],
            }
        },
        "required": ["error"],
    },
)


def list_of(name: str) -> Schema:
    """A list response: the page's items and its links."""
    return obj({"data": array(ref(name)), "links": LINKS})


def one(name: str) -> Schema:
    """A single-item response."""
    return obj({"data": ref(name)})


def iso(moment) -> str | None:
    """A date or time as ISO 8601, or None."""
    return moment.isoformat() if moment is not None else None
