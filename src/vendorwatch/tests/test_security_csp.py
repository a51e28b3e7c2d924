"""The pages' Content-Security-Policy allows no inline code, no eval and no other origin."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db
PAGES = ["/login/", "/", "/problems/", "/no-such-page/"]


@pytest.mark.parametrize("path", PAGES)
def test_a_page_allows_no_inline_code_and_no_eval(client: Client, admin_user, path: str) -> None:
    client.force_login(admin_user)
    policy = client.get(path)["Content-Security-Policy"]
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy


@pytest.mark.parametrize("path", PAGES)
def test_a_page_loads_scripts_only_from_itself(client: Client, admin_user, path: str) -> None:
    client.force_login(admin_user)
    directives = dict(
        part.strip().split(" ", 1)
        for part in client.get(path)["Content-Security-Policy"].split(";")
    )
    assert directives["script-src"] == "'self'" and directives["object-src"] == "'none'"
