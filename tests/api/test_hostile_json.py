"""Hostile values into every API route with a write token never give a server error: in every
query parameter the operation documents, in every path argument, and in every field of the
JSON bodies, with wrong types and nested values too. (The HTML walk of tests/hostile_walk.py
leaves the API to this file.)"""

from flask import got_request_exception

from crm.api.schemas import COMPONENTS
from tests.api.conftest import Api
from tests.hostile_walk import VALUES

JSON_VALUES = (*VALUES, 2**63, -1, 0, 1.5, True, None, [], {}, ["x"], {"a": {"b": [1]}})
PATH_VALUES = (0, 2**31 - 1, 2**31, 10**20)


def _rules(app):
    return [r for r in app.url_map.iter_rules() if r.endpoint.startswith("api.")]


def test_no_hostile_value_gives_a_server_error(app, client, make_token, hostile_world):
    api = Api(client, make_token())
    errors, failures = [], []
    ids = {name: v[0] if isinstance(v, list) else v for name, v in hostile_world.items()}

    def check(response, what):
        if response.status_code >= 500 or errors or not response.is_json:
            failures.append(f"{what[:120]!r}: {response.status_code} {errors[-1:]!r:.200}")
        errors.clear()

    def record(sender, exception, **extra):
        errors.append(exception)

    with got_request_exception.connected_to(record, app):
        for rule in _rules(app):
            op = app.view_functions[rule.endpoint].api_operation
            with app.test_request_context():
                url = app.url_for(rule.endpoint, **{n: ids[n] for n in rule.arguments})
                bad_urls = [
                    app.url_for(rule.endpoint, **{**{n: ids[n] for n in rule.arguments}, name: v})
                    for name in rule.arguments
                    for v in PATH_VALUES
                ]
            if "GET" in rule.methods:
                names = [p.name for p in op.parameters] or ["q"]
                for value in VALUES[:12]:
                    check(
                        api.get(url, query_string={n: value for n in names}), f"GET {url} {value}"
                    )
                for bad in bad_urls:
                    check(api.get(bad), f"GET {bad}")
            if "POST" in rule.methods:
                fields = list(_body_fields(op.body))
                for field in fields:
                    for value in JSON_VALUES:
                        body = {f: 1 for f in fields} | {field: value}
                        check(api.post(url, json=body), f"POST {url} {field}={value!r:.40}")
                for body in ([], "x", 5, None, {"a" * 1000: 1}):
                    check(api.post(url, json=body), f"POST {url} body {body!r:.40}")
                for bad in bad_urls:
                    check(api.post(bad, json={}), f"POST {bad}")
    assert failures == []


def _body_fields(schema) -> tuple[str, ...]:
    """The field names of a request body's schema (a reference to a component)."""
    if schema is None:
        return ()
    name = schema["$ref"].rsplit("/", 1)[-1]
    return tuple(COMPONENTS[name]["properties"])
