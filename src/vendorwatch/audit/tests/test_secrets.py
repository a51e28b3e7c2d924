"""Secrets never reach the trail: a password change is recorded as "changed", without the
hash; API tokens, calendar feed keys and rating links only by that they exist."""

from __future__ import annotations

import json

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from vendorwatch.api.models import ApiToken
from vendorwatch.audit.models import AuditEntry
from vendorwatch.audit.policy import is_audited
from vendorwatch.audit.values import HIDDEN
from vendorwatch.contracts.models import CalendarFeedToken
from vendorwatch.feedback.services import rating_submit
from vendorwatch.feedback.tests.factory import make_rating
from vendorwatch.problems.tests.factory import make_problem
from vendorwatch.testing.factory import PASSWORD

pytestmark = pytest.mark.django_db


def trail_text() -> str:
    return json.dumps(list(AuditEntry.objects.values_list("changes", flat=True)))


def test_a_password_change_is_recorded_without_any_value(client: Client, editor) -> None:
    client.force_login(editor)
    new = "ein ganz neues Kennwort 42"
    client.post(
        reverse("accounts-password-change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    editor.refresh_from_db()
    entry = AuditEntry.objects.filter(
        content_type__model="user", object_id=str(editor.pk), action="update"
    ).first()  # the newest
    assert entry is not None
    assert entry.changes["password"] == [HIDDEN, HIDDEN]
    assert editor.password not in trail_text()
    assert new not in trail_text()


def test_a_new_user_has_its_password_marked_set_not_stored(editor) -> None:
    entry = AuditEntry.objects.get(
        content_type__model="user", object_id=str(editor.pk), action="create"
    )
    assert entry.changes["password"] == [None, HIDDEN]
    assert editor.password not in trail_text()


def test_an_api_token_is_recorded_without_its_digest(editor) -> None:
    row, token = ApiToken.issue(editor, "Auswertung", "read")
    text = trail_text()
    assert row.digest not in text and token not in text
    entry = AuditEntry.objects.get(
        content_type__model="apitoken", object_id=str(row.pk), action="create"
    )
    assert entry.changes["digest"] == [None, HIDDEN]


def test_a_calendar_feed_key_is_never_stored(editor) -> None:
    row, token = CalendarFeedToken.issue(user=editor, language="de")
    text = trail_text()
    assert row.token_hash not in text and token not in text


def test_a_rating_link_is_never_stored_but_the_rating_is() -> None:
    rating, token = make_rating(make_problem())
    rating_submit(rating=rating, stars=4, comment="Schnell gelöst", now=timezone.now())
    text = trail_text()
    assert rating.nonce_hash not in text and token not in text
    entry = AuditEntry.objects.filter(
        content_type__model="problemrating", object_id=str(rating.pk), changes__has_key="stars"
    ).get()
    assert entry.changes["stars"] == [None, 4]


def test_sessions_are_not_recorded() -> None:
    assert not is_audited(Session)
