import re
import time

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from vendorwatch.accounts.models import PasswordResetRequest
from vendorwatch.accounts.password_reset import password_reset_requests_process
from vendorwatch.jobs.models import OutboxMessage
from vendorwatch.jobs.outbox import outbox_send_due
from vendorwatch.jobs.registry import run_due_jobs
from vendorwatch.testing.factory import make_user

pytestmark = pytest.mark.django_db
URL = reverse("accounts-password-reset")


def ask(client: Client, email: str):
    return client.post(URL, {"email": email})


def deliver() -> None:
    """What the job runner does: queue the links, then send the outbox."""
    password_reset_requests_process()
    outbox_send_due()


def without_tokens(html: bytes) -> str:
    """The page without its CSRF tokens, which differ on every response."""
    return re.sub(r"[A-Za-z0-9]{64}", "TOKEN", html.decode())


def link_in(body: str) -> str:
    return re.search(r"http://\S+", body).group(0)


def test_it_sends_a_reset_link_by_email(client: Client, editor) -> None:
    ask(client, editor.email)
    deliver()
    assert mail.outbox[0].to == [editor.email]
    assert "/password-reset/" in mail.outbox[0].body


def test_the_answer_sends_nothing_itself(client: Client, editor) -> None:
    ask(client, editor.email)
    assert mail.outbox == []
    assert not OutboxMessage.objects.exists()


def test_known_and_unknown_addresses_get_the_same_answer(client: Client, editor) -> None:
    known = ask(Client(), editor.email.upper())
    unknown = ask(Client(), "nobody@example.com")
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert known["Location"] == reverse("accounts-password-reset-sent")
    page = without_tokens(client.get(known["Location"]).content)
    assert page == without_tokens(client.get(unknown["Location"]).content)


def test_with_smtp_down_known_and_unknown_addresses_get_the_same_answer(
    editor, smtp_server
) -> None:
    smtp_server.stop()
    known = ask(Client(), editor.email)
    unknown = ask(Client(), "nobody@example.com")
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])


def test_a_slow_mail_server_does_not_slow_the_answer(editor, smtp_server) -> None:
    smtp_server.slow_down(3)
    started = time.monotonic()
    ask(Client(), editor.email)
    assert time.monotonic() - started < 2


def test_known_and_unknown_addresses_cause_the_same_work(editor) -> None:
    ask(Client(), editor.email)
    ask(Client(), "nobody@example.com")
    recorded = PasswordResetRequest.objects.values_list("email", flat=True)
    assert sorted(recorded) == sorted([editor.email, "nobody@example.com"])


def test_an_unknown_address_gets_no_email(client: Client) -> None:
    ask(client, "nobody@example.com")
    deliver()
    assert mail.outbox == []


def test_a_deactivated_user_gets_no_email(client: Client, editor) -> None:
    editor.is_active = False
    editor.save()
    ask(client, editor.email)
    deliver()
    assert mail.outbox == []


def test_a_request_is_turned_into_one_email_however_often_the_runner_looks(
    client: Client, editor
) -> None:
    ask(client, editor.email)
    deliver()
    deliver()
    assert len(mail.outbox) == 1


def test_an_invited_user_who_lost_the_invitation_can_ask_for_a_link(client: Client) -> None:
    invited = make_user(username="ina.neu", email="ina@example.com")
    invited.set_unusable_password()
    invited.save()
    ask(client, "ina@example.com")
    deliver()
    assert mail.outbox[0].to == ["ina@example.com"]


def test_the_email_is_in_the_language_of_the_page(client: Client, editor) -> None:
    client.post(reverse("web-language"), {"language": "en", "next": "/"})
    ask(client, editor.email)
    deliver()
    assert mail.outbox[0].subject == "Vendorwatch: choose a new password"


def test_the_link_sets_a_new_password(client: Client, editor) -> None:
    ask(client, editor.email)
    deliver()
    form_page = client.get(link_in(mail.outbox[0].body), follow=True)
    new = "ein ganz neues Passwort 2026"
    client.post(form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    editor.refresh_from_db()
    assert editor.check_password(new)


def test_the_runner_delivers_the_link_over_smtp(client: Client, editor, smtp_server) -> None:
    ask(client, editor.email)
    run_due_jobs()  # one round of `vendorwatch run-jobs`
    outbox_send_due()
    assert [str(m["To"]) for m in smtp_server.inbox.messages] == [editor.email]


def test_the_answer_says_in_german_that_the_link_is_on_its_way(client: Client, editor) -> None:
    response = ask(client, editor.email)
    page = client.get(response["Location"]).text
    assert "Bitte prüfen Sie Ihre E-Mails" in page
    assert "Er sollte in wenigen Minuten ankommen" in page
