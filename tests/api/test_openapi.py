"""The OpenAPI document: valid OpenAPI 3.1, every API route of the URL map in it and nothing
else, and real answers of every operation valid against their schemas."""

import re

import pytest
from openapi_schema_validator import OAS31Validator
from openapi_spec_validator import validate

from tests.consultant.factories import add_match


@pytest.fixture()
def document(client):
    response = client.get("/api/v1/openapi.json")  # no token needed
    assert response.status_code == 200
    return response.get_json()


def test_the_document_is_valid_openapi(document):
    validate(document)
    assert document["openapi"].startswith("3.1")


def test_every_api_route_is_in_the_document_and_nothing_else(app, document):
    in_map = set()
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith("api."):
            path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule)
            in_map |= {(path, m.lower()) for m in rule.methods - {"HEAD", "OPTIONS"}}
    documented = {(path, method) for path, item in document["paths"].items() for method in item}
    assert documented == in_map
    assert all(path.startswith("/api/v1/") for path, _method in in_map)


def _schema(document, path: str, method: str, status: int) -> dict:
    answer = document["paths"][path][method]["responses"][str(status)]
    return {**answer["content"]["application/json"]["schema"], "components": document["components"]}


@pytest.fixture()
def calls(db, make_need, make_volunteer, make_branch):
    """One real request per operation: (path template, method, url, body, expected status)."""
    need = make_need()
    volunteer = make_volunteer(branch_id=make_branch().id, city="Aarhus", hours_per_month=5)
    match = add_match(need, volunteer, state="shortlisted", explanation=[{"kind": "skill"}])
    return need, volunteer, match


def test_real_answers_match_their_schemas(api, document, calls):
    need, volunteer, match = calls
    contact = api.post(
        "/api/v1/contacts",
        json={"volunteer_id": volunteer.id, "channel": "phone", "summary": "Ringede"},
    )
    requests = [
        ("/api/v1/contacts", "post", contact, 201),
        ("/api/v1/projects", "get", api.get("/api/v1/projects"), 200),
        (
            "/api/v1/projects/{project_id}",
            "get",
            api.get(f"/api/v1/projects/{need.project_id}"),
            200,
        ),
        ("/api/v1/needs", "get", api.get("/api/v1/needs"), 200),
        ("/api/v1/needs/{need_id}", "get", api.get(f"/api/v1/needs/{need.id}"), 200),
        ("/api/v1/volunteers", "get", api.get("/api/v1/volunteers"), 200),
        (
            "/api/v1/volunteers/{volunteer_id}",
            "get",
            api.get(f"/api/v1/volunteers/{volunteer.id}"),
            200,
        ),
        ("/api/v1/matches", "get", api.get("/api/v1/matches"), 200),
        ("/api/v1/matches/{match_id}", "get", api.get(f"/api/v1/matches/{match.id}"), 200),
        (
            "/api/v1/matches/{match_id}/transitions",
            "post",
            api.post(
                f"/api/v1/matches/{match.id}/transitions",
                json={"to_state": "contacted", "version": match.version},
            ),
            200,
        ),
        ("/api/v1/contacts", "get", api.get("/api/v1/contacts"), 200),
        (
            "/api/v1/contacts/{contact_id}",
            "get",
            api.get(f"/api/v1/contacts/{contact.get_json()['data']['id']}"),
            200,
        ),
        ("/api/v1/openapi.json", "get", api.get("/api/v1/openapi.json"), 200),
        ("/api/v1/needs/{need_id}", "get", api.get("/api/v1/needs/999999"), 404),
        ("/api/v1/volunteers", "get", api.get("/api/v1/volunteers", secret="frv_x"), 401),
        ("/api/v1/matches", "get", api.get("/api/v1/matches?limit=0"), 400),
        (
            "/api/v1/matches/{match_id}/transitions",
            "post",
            api.post(
                f"/api/v1/matches/{match.id}/transitions",
                json={"to_state": "contacted", "version": match.version},
            ),
            409,
        ),
    ]
    covered = {(path, method) for path, method, _response, status in requests if status < 300}
    assert covered == {(p, m) for p, item in document["paths"].items() for m in item}
    for path, method, response, status in requests:
        assert response.status_code == status, (path, method, response.get_json())
        OAS31Validator(_schema(document, path, method, status)).validate(response.get_json())


def test_the_request_bodies_are_described(document, calls):
    _need, volunteer, match = calls
    contact_schema = document["paths"]["/api/v1/contacts"]["post"]["requestBody"]
    body = {"volunteer_id": volunteer.id, "channel": "phone", "summary": "Ringede"}
    schema = {
        **contact_schema["content"]["application/json"]["schema"],
        "components": document["components"],
    }
    OAS31Validator(schema).validate(body)
    with pytest.raises(Exception, match="channel"):
        OAS31Validator(schema).validate({**body, "channel": "pigeon"})
