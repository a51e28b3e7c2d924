"""The pages of a user's own API tokens, and what a token may do once created or revoked."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.contrib.sessions.models import Session
from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse

from vendorwatch.accounts.roles import Role, set_role
from vendorwatch.api.models import ApiToken, token_hash
from vendorwatch.testing.factory import make_user

pytestmark = pytest.mark.django_db
LIST = reverse("api-tokens")
ADD = reverse("api-tokens-add")
API = "/api/v1/schema/"


def create(client: Client, name: str = "Monatszahlen Excel", scope: str = "read") -> Any:
    return client.post(reverse("api-tokens-add"), {"name": name, "scope": scope})


def api_get(token: str, keyword: str = "Bearer") -> HttpResponse:
    return Client().get(API, headers={"Authorization": f"{keyword} {token}"})


def test_creating_shows_the_token_in_the_answer_and_stores_only_its_hash(
    client: Client, editor
) -> None:
    client.force_login(editor)
    response = create(client)
    token = response.context["token"]
    assert response.status_code == 200
    assert f"Authorization: Bearer {token}" in response.text
    row = ApiToken.objects.get()
    assert row.digest == token_hash(token)
    assert not any(token in str(value) for value in ApiToken.objects.values().get().values())


def test_the_token_is_kept_in_no_session_and_no_message(client: Client, editor) -> None:
    client.force_login(editor)
    token = create(client).context["token"]
    sessions = [str(session.get_decoded()) for session in Session.objects.all()]
    assert sessions and not any(token in text for text in sessions)
    assert token not in str(client.cookies)


def test_the_token_is_not_shown_again(client: Client, editor) -> None:
    client.force_login(editor)
    token = create(client).context["token"]
    response = client.get(LIST)
    assert "Monatszahlen Excel" in response.text
    assert token not in response.text
    assert token[:9] in response.text


def test_the_same_form_sent_again_does_not_show_the_token_again(client: Client, editor) -> None:
    client.force_login(editor)
    once = client.get(ADD).context["form"]["once"].value()
    data = {"name": "Excel", "scope": "read", "once": once}
    token = client.post(ADD, data).context["token"]
    response = client.post(ADD, data, follow=True)
    assert response.redirect_chain == [(LIST, 302)]
    assert token not in response.text
    assert "wurde schon erstellt und wird nicht noch einmal angezeigt" in response.text
    assert ApiToken.objects.count() == 1


def test_a_created_token_reads_the_api(client: Client, viewer) -> None:
    client.force_login(viewer)
    token = create(client).context["token"]
    assert api_get(token).status_code == 200


@pytest.mark.parametrize("keyword", ["Bearer", "Token", "bearer"])
def test_both_header_forms_work(editor, keyword: str) -> None:
    _row, token = ApiToken.issue(editor, "Excel", ApiToken.Scope.READ)
    assert api_get(token, keyword).status_code == 200


def test_a_revoked_token_gets_401(client: Client, editor) -> None:
    row, token = ApiToken.issue(editor, "Excel", ApiToken.Scope.WRITE)
    client.force_login(editor)
    client.post(reverse("api-tokens-revoke", args=[row.pk]))
    assert api_get(token).status_code == 401
    assert Client().get("/api/v1/", headers={"Authorization": f"Bearer {token}"}).status_code == 401


def test_an_inactive_users_token_gets_401(editor) -> None:
    _row, token = ApiToken.issue(editor, "Excel", ApiToken.Scope.READ)
    editor.is_active = False
    editor.save(update_fields=["is_active"])
    assert api_get(token).status_code == 401


def test_last_used_is_written(editor, time_machine) -> None:
    time_machine.move_to("2026-12-03 09:15 +0100", tick=False)
    row, token = ApiToken.issue(editor, "Excel", ApiToken.Scope.READ)
    time_machine.shift(timedelta(hours=2))
    api_get(token)
    row.refresh_from_db()
    assert row.last_used_at is not None
    assert row.last_used_at.isoformat() == "2026-12-03T10:15:00+00:00"


def test_the_list_says_never_for_an_unused_token(client: Client, editor) -> None:
    ApiToken.issue(editor, "Excel", ApiToken.Scope.READ)
    client.force_login(editor)
    assert "nie" in client.get(LIST).text


def test_a_viewer_is_offered_read_only(client: Client, viewer) -> None:
    client.force_login(viewer)
    response = client.get(ADD)
    assert 'value="read"' in response.text
    assert 'value="write"' not in response.text


def test_a_viewer_cannot_create_a_write_token(client: Client, viewer) -> None:
    client.force_login(viewer)
    response = create(client, scope="write")
    assert "Ihre Rolle darf Daten nur ansehen" in response.text
    assert not ApiToken.objects.exists()


def test_a_viewer_may_create_a_read_token(client: Client, viewer) -> None:
    client.force_login(viewer)
    create(client)
    assert ApiToken.objects.get().user == viewer


def test_an_editor_may_create_a_write_token(client: Client, editor) -> None:
    client.force_login(editor)
    create(client, scope="write")
    assert ApiToken.objects.get().scope == ApiToken.Scope.WRITE


def test_the_name_is_required(client: Client, editor) -> None:
    client.force_login(editor)
    response = create(client, name="  ")
    assert response.context["form"].errors["name"] == ["Dieses Feld ist zwingend erforderlich."]
    assert not ApiToken.objects.exists()


def test_a_name_over_100_characters_is_refused(client: Client, editor) -> None:
    client.force_login(editor)
    create(client, name="x" * 101)
    assert not ApiToken.objects.exists()


def test_a_duplicate_name_is_refused(client: Client, editor) -> None:
    ApiToken.issue(editor, "Excel", ApiToken.Scope.READ)
    client.force_login(editor)
    response = create(client, name="Excel")
    assert "Sie haben schon ein Token mit diesem Namen" in response.text
    assert ApiToken.objects.count() == 1


def test_a_revoked_tokens_name_may_be_used_again(client: Client, editor) -> None:
    row, _token = ApiToken.issue(editor, "Excel", ApiToken.Scope.READ)
    row.revoke()
    client.force_login(editor)
    create(client, name="Excel")
    assert ApiToken.objects.filter(name="Excel", revoked_at__isnull=True).count() == 1


def test_another_user_may_use_the_same_name(client: Client, editor, viewer) -> None:
    ApiToken.issue(viewer, "Excel", ApiToken.Scope.READ)
    client.force_login(editor)
    create(client, name="Excel")
    assert ApiToken.objects.filter(name="Excel").count() == 2


def test_the_list_shows_only_the_users_own_tokens(client: Client, editor, viewer) -> None:
    ApiToken.issue(viewer, "Leser-Token", ApiToken.Scope.READ)
    ApiToken.issue(editor, "Editor-Token", ApiToken.Scope.READ)
    client.force_login(editor)
    response = client.get(LIST)
    assert "Editor-Token" in response.text
    assert "Leser-Token" not in response.text


def test_revoked_tokens_show_only_when_asked(client: Client, editor) -> None:
    row, _token = ApiToken.issue(editor, "Altes Excel", ApiToken.Scope.READ)
    row.revoke()
    client.force_login(editor)
    assert "Altes Excel" not in client.get(LIST).text
    shown = client.get(LIST, {"revoked": "1"}).text
    assert "Altes Excel" in shown
    assert "widerrufen" in shown


def test_the_empty_list_explains_tokens_and_links_to_the_documentation(
    client: Client, viewer
) -> None:
    client.force_login(viewer)
    response = client.get(LIST)
    assert "Sie haben noch keine API-Tokens." in response.text
    assert f'href="{reverse("api-docs")}"' in response.text


def test_revoking_asks_for_confirmation_first(client: Client, viewer) -> None:
    row, _token = ApiToken.issue(viewer, "Excel", ApiToken.Scope.READ)
    client.force_login(viewer)
    response = client.get(reverse("api-tokens-revoke", args=[row.pk]))
    assert "Token „Excel“ widerrufen?" in response.text
    row.refresh_from_db()
    assert not row.is_revoked


def test_a_viewer_may_revoke_their_own_token(client: Client, viewer) -> None:
    row, _token = ApiToken.issue(viewer, "Excel", ApiToken.Scope.READ)
    client.force_login(viewer)
    response = client.post(reverse("api-tokens-revoke", args=[row.pk]))
    assert response["Location"] == LIST
    row.refresh_from_db()
    assert row.is_revoked


def test_another_users_token_cannot_be_revoked(client: Client, editor, viewer) -> None:
    row, token = ApiToken.issue(viewer, "Excel", ApiToken.Scope.READ)
    client.force_login(editor)
    url = reverse("api-tokens-revoke", args=[row.pk])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    row.refresh_from_db()
    assert not row.is_revoked
    assert api_get(token).status_code == 200


def test_a_write_token_of_a_viewer_is_marked_as_reading_only(client: Client) -> None:
    # A user who was an editor and became a viewer: the API lets the token only read.
    user = make_user()
    ApiToken.issue(user, "Excel", ApiToken.Scope.WRITE)
    set_role(user, Role.VIEWER)
    client.force_login(user)
    assert "Liest nur, solange Ihre Rolle" in client.get(LIST).text


def test_the_settings_page_links_to_api_access(client: Client, viewer) -> None:
    client.force_login(viewer)
    assert f'href="{LIST}"' in client.get(reverse("web-settings")).text


def test_the_database_refuses_two_active_tokens_with_one_name(editor) -> None:
    ApiToken.issue(editor, "Excel", ApiToken.Scope.READ)
    with pytest.raises(IntegrityError), transaction.atomic():
        ApiToken.issue(editor, "Excel", ApiToken.Scope.READ)
