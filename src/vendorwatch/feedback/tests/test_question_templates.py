"""Question templates: the built-in ones shown in the reader's language, read-only; the
user's own added, changed and deleted."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from vendorwatch.feedback.models import QuestionTemplate

pytestmark = pytest.mark.django_db
LIST = reverse("feedback-templates")
ADD = reverse("feedback-template-add")


def url(name: str, *args: object) -> str:
    return reverse(name, args=args)


def text_of(response) -> str:
    return " ".join(response.content.decode().split())


def get(client: Client, user, address: str, language: str = "en") -> str:
    client.force_login(user)
    client.cookies["vendorwatch_language"] = language
    response = client.get(address)
    assert response.status_code == 200
    return text_of(response)


def post(client: Client, user, address: str, data: dict | None = None, language: str = "en"):
    client.force_login(user)
    client.cookies["vendorwatch_language"] = language
    return client.post(address, data or {}, follow=True)


def own(**fields: object) -> QuestionTemplate:
    fields.setdefault("text", "Wie klar sind die Rechnungen?")
    fields.setdefault("kind", "rating")
    fields.setdefault("language", "de")
    return QuestionTemplate.objects.create(**fields)


def test_the_built_in_templates_are_shown_in_english(client: Client, viewer) -> None:
    text = get(client, viewer, LIST, "en")
    assert "How quickly does the provider react when you need help?" in text
    assert "phone · e-mail · ticket portal" in text


def test_the_built_in_templates_are_shown_in_german(client: Client, viewer) -> None:
    text = get(client, viewer, LIST, "de")
    assert "How quickly does the provider react" not in text
    assert "Wie schnell reagiert der Dienstleister, wenn Sie Hilfe brauchen?" in text


def test_own_templates_are_listed_with_kind_and_language(client: Client, viewer) -> None:
    own(kind="choice", choices="Telefon\nE-Mail")
    text = get(client, viewer, LIST)
    assert "Wie klar sind die Rechnungen?<br><small>Telefon · E-Mail</small>" in text
    assert "<td>One choice from a list</td> <td>German</td>" in text


def test_without_own_templates_the_list_explains_them(client: Client, viewer) -> None:
    assert "No template of your own yet." in get(client, viewer, LIST)


def test_a_viewer_sees_no_change_links(client: Client, viewer) -> None:
    template = own()
    text = get(client, viewer, LIST)
    assert ADD not in text
    assert url("feedback-template-edit", template.pk) not in text


def test_a_template_is_added(client: Client, editor) -> None:
    data = {"text": "Was fehlt?", "kind": "text", "language": "en"}
    response = post(client, editor, ADD, data)
    assert response.redirect_chain[-1][0] == LIST
    assert QuestionTemplate.objects.get().language == "en"


def test_a_choice_template_needs_two_options(client: Client, editor) -> None:
    data = {"text": "Welcher Kanal?", "kind": "choice", "choices": "Telefon", "language": "de"}
    text = text_of(post(client, editor, ADD, data))
    assert "A choice needs at least 2 options, one per line." in text
    assert not QuestionTemplate.objects.exists()


def test_a_template_is_changed(client: Client, editor) -> None:
    template = own()
    data = {"text": "Neu?", "kind": "choice", "choices": "Ja\nNein", "language": "de"}
    post(client, editor, url("feedback-template-edit", template.pk), data)
    template.refresh_from_db()
    assert (template.text, template.choices) == ("Neu?", "Ja\nNein")


def test_a_template_is_deleted_after_asking(client: Client, editor) -> None:
    template = own()
    text = get(client, editor, url("feedback-template-delete", template.pk))
    assert "Surveys that already ask this question keep it." in text
    post(client, editor, url("feedback-template-delete", template.pk))
    assert not QuestionTemplate.objects.exists()


def test_a_viewer_cannot_add_change_or_delete(client: Client, viewer) -> None:
    template = own()
    client.force_login(viewer)
    data = {"text": "X?", "kind": "text", "language": "de"}
    assert client.post(ADD, data).status_code == 403
    assert client.post(url("feedback-template-edit", template.pk), data).status_code == 403
    assert client.post(url("feedback-template-delete", template.pk)).status_code == 403
    assert QuestionTemplate.objects.get().text == "Wie klar sind die Rechnungen?"


def test_the_longest_template_renders(client: Client, viewer) -> None:
    own(text="x" * 500, kind="choice", choices="\n".join("y" * 200 for _ in range(20)))
    assert "yyyy" in get(client, viewer, LIST)
