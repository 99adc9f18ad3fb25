"""The query parameters the OpenAPI document lists for the API's lists and filters."""

from crm.api.docs import Parameter
from crm.api.pagination import MAX_LIMIT
from crm.api.schemas import integer, string

LIST_PARAMETERS = (
    Parameter("limit", {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT}, "Page size."),
    Parameter("cursor", string(), "The `next` or `prev` cursor of a page's links."),
    Parameter(
        "updated_since",
        string("date-time"),
        "Only rows changed at or after this ISO 8601 time (incremental sync).",
    ),
)


def id_parameter(name: str, description: str) -> Parameter:
    """A filter by the id of a related object."""
    return Parameter(name, integer(), description)


def choice_parameter(name: str, choices, description: str) -> Parameter:
    """A filter by one of a list of values."""
    return Parameter(name, string(enum=choices), description)
