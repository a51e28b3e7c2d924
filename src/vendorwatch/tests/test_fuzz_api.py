"""Every operation of the API's OpenAPI schema, sent valid and invalid requests made by
schemathesis from the schema itself, with an administrator's read-write token: no answer is
a server error. The short run of ``reliability/fuzz_api.py`` (which fuzzes a real server
with many more cases); ``VENDORWATCH_API_EXAMPLES`` sets the requests per operation and
kind (default 4)."""

from __future__ import annotations

import json
import os
from typing import Any
from urllib.parse import urlencode, urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.openapi import from_dict

from vendorwatch.api.models import ApiToken

EXAMPLES = int(os.environ.get("VENDORWATCH_API_EXAMPLES", "4"))

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(admin_user: Any, settings: Any, tmp_path: Any) -> Client:
    settings.DATA_DIR = tmp_path
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("demo", stdout=open(os.devnull, "w"))  # noqa: SIM115  (ids that exist)
    _row, token = ApiToken.issue(admin_user, "fuzz", ApiToken.Scope.WRITE)
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}", raise_request_exception=False)


def send(client: Client, case: Any) -> Any:
    """The case as schemathesis would send it, through the test client."""
    request = case.as_transport_kwargs(base_url="http://testserver")
    path = urlsplit(request["url"]).path
    if request.get("params"):
        path += "?" + urlencode(request["params"], doseq=True)
    headers = {
        name: value
        for name, value in request["headers"].items()
        if name.lower() not in ("content-type", "authorization", "connection")
    }
    content_type = request["headers"].get("Content-Type", "application/octet-stream")
    data = request.get("data")
    if "json" in request:
        body: Any = json.dumps(request["json"])
    elif request.get("files") or isinstance(data, dict | list):
        body, content_type = _multipart(data, request.get("files"))
    else:
        body = data or b""  # raw bytes or text, as generated
    return client.generic(request["method"], path, body, content_type, headers=headers)


def _pairs(value: Any) -> list[tuple[str, Any]]:
    return list(value.items()) if isinstance(value, dict) else list(value or [])


def _multipart(data: Any, files: Any) -> tuple[bytes, str]:
    fields: dict[str, Any] = {}
    for name, value in _pairs(data):
        fields[name] = value if isinstance(value, str | bytes) else json.dumps(value)
    for name, value in _pairs(files):
        # requests' form: (file name, content[, content type]) or the content alone
        filename, content = (value[0], value[1]) if isinstance(value, tuple) else ("", value)
        content = content if isinstance(content, bytes) else str(content).encode()
        fields[name] = SimpleUploadedFile(filename or "file", content)
    return encode_multipart(BOUNDARY, fields), MULTIPART_CONTENT


def test_no_api_request_gets_a_server_error(api: Client) -> None:
    raw = api.get("/api/v1/schema/", {"format": "json"}).json()
    schema = from_dict(raw)
    found: list[str] = []
    operations = [result.ok() for result in schema.get_all_operations()]
    assert operations, "the schema lists no operation"
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @settings(
                max_examples=EXAMPLES,
                database=None,
                deadline=None,
                suppress_health_check=list(HealthCheck),
            )
            @given(case=operation.as_strategy(generation_mode=mode))
            def sending(case: Any) -> None:
                response = send(api, case)
                if response.status_code >= 500:
                    found.append(
                        f"{response.status_code} {case.method} {case.formatted_path} "
                        f"query={case.query} body={case.body!r}"[:500]
                    )

            sending()
    assert not found, "\n".join(found)
