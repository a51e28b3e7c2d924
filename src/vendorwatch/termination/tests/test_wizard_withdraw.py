"""Withdrawing a termination: asked first, done by POST only, the records kept."""

import pytest
from django.test import Client
from django.urls import reverse

from vendorwatch.termination.models import Termination
from vendorwatch.termination.tests.factory import make_letter, make_task, make_termination

pytestmark = pytest.mark.django_db


def url(termination: Termination) -> str:
    return reverse("termination-withdraw", args=[termination.pk])


def test_it_asks_first(client: Client, editor) -> None:
    termination = make_termination()
    client.force_login(editor)
    response = client.get(url(termination))
    assert "Kündigung zurücknehmen?" in response.text
    termination.refresh_from_db()
    assert termination.status == Termination.Status.PREPARING


def test_posting_withdraws_and_keeps_the_records(client: Client, editor) -> None:
    termination = make_termination()
    make_letter(termination)
    make_task(termination)
    client.force_login(editor)
    response = client.post(url(termination))
    assert response["Location"] == reverse("termination-detail", args=[termination.pk])
    termination.refresh_from_db()
    assert termination.status == Termination.Status.WITHDRAWN
    assert (termination.letters.count(), termination.exit_tasks.count()) == (1, 1)


def test_a_withdrawn_termination_cannot_be_withdrawn_again(client: Client, editor) -> None:
    termination = make_termination(status=Termination.Status.WITHDRAWN)
    client.force_login(editor)
    response = client.get(url(termination))
    assert response["Location"] == reverse("termination-detail", args=[termination.pk])


def test_a_viewer_cannot_withdraw(client: Client, viewer) -> None:
    termination = make_termination()
    client.force_login(viewer)
    assert client.get(url(termination)).status_code == 403
    assert client.post(url(termination)).status_code == 403
    termination.refresh_from_db()
    assert termination.status == Termination.Status.PREPARING


def test_anonymous_visitors_are_sent_to_log_in(client: Client) -> None:
    response = client.post(url(make_termination()))
    assert response["Location"].startswith("/login/")
