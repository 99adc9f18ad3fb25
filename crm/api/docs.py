"""What each API view says about itself in the OpenAPI document: set by `@operation` on the
view, read by crm/api/openapi.py for every API rule of the URL map."""

from collections.abc import Callable
from dataclasses import dataclass, field

from crm.api.schemas import Schema


@dataclass(frozen=True)
class Parameter:
    """A query parameter: name, JSON Schema and description."""

    name: str
    schema: Schema
    description: str


@dataclass(frozen=True)
class Operation:
    """One API operation: its summary, response schema, query parameters and request body."""

    summary: str
    response: Schema
    status: int = 200
    parameters: tuple[Parameter, ...] = ()
    body: Schema | None = None
    paginated: bool = False
    personal: bool = False
    """Reads personal data: audited on every call."""
    errors: tuple[int, ...] = field(default=(401, 404))


def operation(**kwargs) -> Callable:
    """Describe the decorated view for the OpenAPI document (see Operation)."""

    def decorate(view: Callable) -> Callable:
        view.api_operation = Operation(**kwargs)
        return view

    return decorate
