"""Once a feedback e-mail has gone out, the outbox keeps it without its link: the database
holds only a hash of each link's random part."""

from __future__ import annotations

from django.utils import timezone

from vendorwatch.feedback import services
from vendorwatch.feedback.tests.factory import make_employees, make_survey
from vendorwatch.jobs.models import OutboxMessage
from vendorwatch.jobs.outbox import outbox_send_due


def open_round_with_two_invitations() -> None:
    survey = make_survey()
    survey.recipients.set(make_employees(2))
    services.survey_open_round(survey=survey, now=timezone.now())


def test_a_sent_invitation_keeps_no_link(db, mailoutbox) -> None:
    open_round_with_two_invitations()
    outbox_send_due()
    assert services.sent_links_forget() == 2
    bodies = list(OutboxMessage.objects.values_list("body", flat=True))
    assert all("/feedback/survey/…/" in body for body in bodies)
    assert "/feedback/survey/…/" not in mailoutbox[0].body


def test_an_unsent_invitation_keeps_its_link(db) -> None:
    open_round_with_two_invitations()
    assert services.sent_links_forget() == 0
    assert all(
        "/feedback/survey/…/" not in b for b in OutboxMessage.objects.values_list("body", flat=True)
    )


def test_forgetting_twice_changes_nothing_more(db) -> None:
    open_round_with_two_invitations()
    outbox_send_due()
    services.sent_links_forget()
    assert services.sent_links_forget() == 0
