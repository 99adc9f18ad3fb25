"""GET /api/v1/openapi.json: the OpenAPI 3.1 document, built from the code on each request.

The paths come from the URL map (every rule of the api blueprint), each operation from its
view's @operation, and the schemas from the resource modules (crm.api.schemas.COMPONENTS), so
the document cannot drift from what the API does; tests/api/test_openapi.py checks both ways.
"""

import re

from flask import current_app, jsonify

from crm.api.blueprint import bp
from crm.api.docs import Operation, operation
from crm.api.errors import CODES
from crm.api.schemas import COMPONENTS, ERROR, Schema

TITLE = "Frivillig CRM API"
VERSION = "1"
_ARGUMENT = re.compile(r"<(?:(\w+):)?(\w+)>")
METHODS = ("get", "post", "put", "patch", "delete")


def _path(rule: str) -> str:
    return _ARGUMENT.sub(lambda m: "{" + m.group(2) + "}", rule)


def _path_parameters(rule: str) -> list[Schema]:
    return [
        {
            "name": name,
            "in": "path",
            "required": True,
            "schema": {"type": "integer"} if converter == "int" else {"type": "string"},
        }
        for converter, name in _ARGUMENT.findall(rule)
    ]


def _response(description: str, schema: Schema, headers: dict | None = None) -> Schema:
    answer: Schema = {
        "description": description,
        "content": {"application/json": {"schema": schema}},
    }
    if headers:
        answer["headers"] = headers
    return answer


def _operation(endpoint: str, op: Operation, rule: str, secured: bool) -> Schema:
    headers = None
    if op.paginated:
        headers = {
            "Link": {
                "description": 'RFC 8288 links to the next and previous page (rel="next", "prev").',
                "schema": {"type": "string"},
            }
        }
    responses: dict[str, Schema] = {str(op.status): _response("OK", op.response, headers)}
    errors = set(op.errors) | ({400} if op.parameters else set()) | ({429} if secured else set())
    for status in sorted(errors if secured else set()):
        responses[str(status)] = _response(CODES[status], ERROR)
    doc: Schema = {
        "operationId": endpoint.removeprefix("api."),
        "summary": op.summary,
        "parameters": _path_parameters(rule)
        + [
            {
                "name": p.name,
                "in": "query",
                "required": False,
                "schema": p.schema,
                "description": p.description,
            }
            for p in op.parameters
        ],
        "responses": responses,
    }
    if op.body is not None:
        doc["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": op.body}},
        }
    if op.personal:
        doc["description"] = "Reads personal data: every call is written to the audit log."
    if not secured:
        doc["security"] = []
    return doc


def build_document() -> Schema:
    """The OpenAPI document of every API rule in the app's URL map.

    A view of the api blueprint without @operation is a programming error (KeyError), so a new
    route cannot be left out of the document."""
    from crm.api.auth import PUBLIC_ENDPOINTS

    paths: dict[str, Schema] = {}
    for rule in sorted(current_app.url_map.iter_rules(), key=lambda r: r.rule):
        if not rule.endpoint.startswith("api."):
            continue
        op = current_app.view_functions[rule.endpoint].api_operation
        item = paths.setdefault(_path(rule.rule), {})
        for method in METHODS:
            if method.upper() in rule.methods:
                secured = rule.endpoint not in PUBLIC_ENDPOINTS
                item[method] = _operation(rule.endpoint, op, rule.rule, secured)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": TITLE,
            "version": VERSION,
            "description": "Personal access tokens, keyset pagination and updated_since: "
            "see docs/api.md.",
        },
        "servers": [{"url": "/"}],
        "security": [{"bearer": []}],
        "paths": paths,
        "components": {
            "schemas": dict(sorted(COMPONENTS.items())),
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
    }


@bp.get("/openapi.json")
@operation(summary="This OpenAPI document", response={"type": "object"}, errors=())
def openapi():
    """The OpenAPI 3.1 document of this API (no token needed)."""
    return jsonify(build_document())
