"""The OpenAPI schema: valid without a single warning, for logged-in users and token holders."""

from __future__ import annotations

from io import StringIO

import yaml
from django.core.management import call_command
from rest_framework.test import APIClient


def test_the_schema_validates_without_warnings(tmp_path) -> None:
    target = tmp_path / "schema.yaml"
    call_command(
        "spectacular",
        "--validate",
        "--fail-on-warn",
        "--file",
        str(target),
        stderr=StringIO(),
    )
    schema = yaml.safe_load(target.read_text())
    assert "/api/v1/problems/{problem_pk}/events/" in schema["paths"]
    assert schema["components"]["securitySchemes"]["token"]["scheme"] == "bearer"


def test_anonymous_visitors_get_401_as_json(db) -> None:
    response = APIClient().get("/api/v1/schema/")
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_a_token_holder_gets_the_schema_as_json(writer) -> None:
    response = writer.get("/api/v1/schema/?format=json")
    assert response.status_code == 200
    assert response.json()["openapi"].startswith("3.")


def test_a_logged_in_user_gets_the_schema_as_yaml(client, viewer) -> None:
    client.force_login(viewer)
    response = client.get("/api/v1/schema/")
    assert yaml.safe_load(response.content)["info"]["title"] == "Vendorwatch API"
