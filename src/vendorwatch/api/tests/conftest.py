"""Clients that send a personal token, for the API tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from rest_framework.test import APIClient

from vendorwatch.api.models import ApiToken


def token_client(user: Any, scope: str = "write") -> APIClient:
    """A client sending a new token of ``user`` (``read`` or ``write``)."""
    _row, token = ApiToken.issue(user, f"test {scope}", scope)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return client


@pytest.fixture
def api_as(db: None) -> Callable[..., APIClient]:
    return token_client


@pytest.fixture
def writer(editor: Any) -> APIClient:
    """An editor's read-and-write token."""
    return token_client(editor, "write")


@pytest.fixture
def reader(editor: Any) -> APIClient:
    """An editor's read-only token: may read what the editor may, change nothing."""
    return token_client(editor, "read")


@pytest.fixture
def viewer_writer(viewer: Any) -> APIClient:
    """A viewer's read-and-write token: the role still allows reading only."""
    return token_client(viewer, "write")
