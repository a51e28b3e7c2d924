"""The minutes page: review of earlier action items, notes, decisions, approval, correction."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone, translation

from vendorwatch.meetings.minutes_doc import minutes_text
from vendorwatch.meetings.models import (
    ActionItem,
    ActionReview,
    AgendaItem,
    Decision,
    Meeting,
    MinutesRevision,
)
from vendorwatch.meetings.tests.factory import BERLIN, make_action, make_meeting
from vendorwatch.problems.tests.factory import make_problem

pytestmark = pytest.mark.django_db


@pytest.fixture
def earlier():
    return make_meeting(starts_at=datetime(2026, 2, 3, 10, 0, tzinfo=BERLIN))


@pytest.fixture
def meeting(earlier):
    return make_meeting(earlier.provider, starts_at=datetime(2026, 3, 3, 10, 0, tzinfo=BERLIN))


@pytest.fixture
def item(meeting):
    return AgendaItem.objects.create(meeting=meeting, position=1, title="Backup")


def url(meeting, tail=""):
    return f"/meetings/{meeting.pk}/minutes/{tail}"


def test_the_review_outcomes_set_the_statuses_of_the_action_items(client, editor, earlier, meeting):
    done, still_open, dropped = (make_action(meeting=earlier) for _ in range(3))
    client.force_login(editor)
    response = client.post(
        url(meeting, "review/"),
        {
            f"review-{done.pk}-outcome": "done",
            f"review-{still_open.pk}-outcome": "open",
            f"review-{dropped.pk}-outcome": "dropped",
            f"review-{dropped.pk}-reason": "Not needed after the move",
        },
    )
    assert response.status_code == 302
    for action in (done, still_open, dropped):
        action.refresh_from_db()
    assert done.status == "done" and done.closed_at is not None
    assert still_open.status == "open" and still_open.closed_at is None
    assert dropped.status == "dropped" and dropped.dropped_reason == "Not needed after the move"
    assert ActionReview.objects.filter(meeting=meeting).count() == 3
    meeting.refresh_from_db()
    assert meeting.minutes_status == Meeting.Minutes.DRAFT


def test_dropping_an_item_without_a_reason_is_refused(client, editor, earlier, meeting):
    action = make_action(meeting=earlier)
    client.force_login(editor)
    response = client.post(url(meeting, "review/"), {f"review-{action.pk}-outcome": "dropped"})
    assert response.status_code == 200
    assert "Bitte sagen Sie, warum" in response.content.decode()
    action.refresh_from_db()
    assert action.status == "open" and not ActionReview.objects.exists()


def test_reviewed_items_stay_on_the_page_after_they_were_closed(client, editor, earlier, meeting):
    action = make_action(meeting=earlier, title="Firewall-Regeln prüfen")
    client.force_login(editor)
    client.post(url(meeting, "review/"), {f"review-{action.pk}-outcome": "done"})
    assert "Firewall-Regeln prüfen" in client.get(url(meeting)).content.decode()


def test_notes_are_saved_per_agenda_item(client, editor, meeting, item):
    client.force_login(editor)
    response = client.post(url(meeting, f"items/{item.pk}/notes/"), {f"notes-{item.pk}-notes": "X"})
    assert response.status_code == 302 and response["Location"].endswith(f"#item-{item.pk}")
    item.refresh_from_db()
    assert item.notes == "X"


def test_a_text_of_ten_thousand_characters_is_refused(client, editor, meeting, item):
    client.force_login(editor)
    response = client.post(
        url(meeting, f"items/{item.pk}/notes/"), {f"notes-{item.pk}-notes": "x" * 10_000}
    )
    assert response.status_code == 200
    assert "höchstens 5000 Zeichen" in response.content.decode()
    item.refresh_from_db()
    assert item.notes == ""


def test_a_decision_and_an_action_item_are_added_to_an_agenda_item(client, editor, meeting, item):
    problem = make_problem(provider=meeting.provider)
    item.problem = problem
    item.save()
    client.force_login(editor)
    client.post(
        url(meeting, "decisions/new/"),
        {"agenda_item": item.pk, f"decision-{item.pk}-text": "Backup nachts um 2 Uhr"},
    )
    client.post(
        url(meeting, "actions/new/"),
        {
            "agenda_item": item.pk,
            f"action-{item.pk}-kind": "action",
            f"action-{item.pk}-title": "Zeitplan ändern",
            f"action-{item.pk}-side": "provider",
            f"action-{item.pk}-due_date": "17.03.2026",
            f"action-{item.pk}-problem": problem.pk,
        },
    )
    assert Decision.objects.get().agenda_item == item
    action = ActionItem.objects.get()
    assert (action.meeting, action.agenda_item, action.problem) == (meeting, item, problem)
    assert action.due_date == date(2026, 3, 17) and action.created_by == editor


def test_the_new_action_form_links_the_agenda_items_problem_by_default(
    client, editor, meeting, item
):
    problem = make_problem(provider=meeting.provider)
    item.problem = problem
    item.save()
    client.force_login(editor)
    form = client.get(url(meeting)).context["entries"][0]["action_form"]
    assert form.initial["problem"] == problem.pk


def test_approval_creates_revision_1_and_locks_the_minutes(client, editor, meeting, item):
    Decision.objects.create(meeting=meeting, agenda_item=item, text="Backup bleibt")
    client.force_login(editor)
    client.post(url(meeting, "approve/"))
    meeting.refresh_from_db()
    revision = MinutesRevision.objects.get()
    assert meeting.minutes_status == Meeting.Minutes.APPROVED
    assert (revision.number, revision.approved_by) == (1, editor)
    assert "Backup bleibt" in revision.text
    response = client.post(
        url(meeting, f"items/{item.pk}/notes/"), {f"notes-{item.pk}-notes": "later"}, follow=True
    )
    assert "freigegeben und gesperrt" in response.content.decode()
    item.refresh_from_db()
    assert item.notes == ""


def test_decisions_and_action_items_cannot_be_added_after_approval(client, editor, meeting, item):
    client.force_login(editor)
    client.post(url(meeting, "approve/"))
    client.post(url(meeting, "decisions/new/"), {"decision-general-text": "Zu spät"})
    client.post(
        url(meeting, "actions/new/"),
        {
            "action-general-kind": "action",
            "action-general-title": "Zu spät",
            "action-general-side": "ours",
            "action-general-due_date": "17.03.2026",
        },
    )
    assert not Decision.objects.exists() and not ActionItem.objects.exists()


def test_a_correction_creates_revision_2_shown_with_its_reason(client, editor, meeting):
    client.force_login(editor)
    client.post(url(meeting, "approve/"))
    client.post(url(meeting, "correct/"), {"reason": "Datum des Tests berichtigt"})
    meeting.refresh_from_db()
    assert meeting.revision == 2 and meeting.minutes_status == Meeting.Minutes.DRAFT
    client.post(url(meeting, "approve/"))
    page = client.get(url(meeting)).content.decode()
    assert "Version 2" in page and "Datum des Tests berichtigt" in page and "Version 1" in page
    second = MinutesRevision.objects.get(number=2)
    assert second.reason == "Datum des Tests berichtigt"


def test_a_correction_needs_a_reason(client, editor, meeting):
    client.force_login(editor)
    client.post(url(meeting, "approve/"))
    response = client.post(url(meeting, "correct/"), {"reason": ""})
    assert response.status_code == 200
    meeting.refresh_from_db()
    assert meeting.revision == 1 and meeting.minutes_locked


def test_draft_minutes_cannot_be_sent(client, editor, meeting):
    client.force_login(editor)
    response = client.post(url(meeting, "send/"), follow=True)
    assert "Nur freigegebene Protokolle" in response.content.decode()


def test_approved_minutes_are_handed_to_the_mail(client, editor, meeting, monkeypatch):
    import sys
    import types

    sent = []
    fake = types.ModuleType("vendorwatch.meetings.mail")
    fake.minutes_already_sent = lambda meeting: False  # type: ignore[attr-defined]
    fake.minutes_send = lambda meeting, by: sent.append((meeting.pk, by)) or 1  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "vendorwatch.meetings.mail", fake)
    client.force_login(editor)
    client.post(url(meeting, "approve/"))
    client.post(url(meeting, "send/"))
    assert sent == [(meeting.pk, editor)]


@pytest.mark.parametrize(
    "tail",
    ["review/", "items/{item}/notes/", "decisions/new/", "actions/new/", "approve/", "correct/"],
)
def test_a_viewer_cannot_change_the_minutes(client, viewer, meeting, item, tail):
    client.force_login(viewer)
    response = client.post(url(meeting, tail.format(item=item.pk)), {"reason": "x"})
    assert response.status_code == 403


def test_a_viewer_sees_the_minutes_without_forms(client, viewer, meeting, item):
    client.force_login(viewer)
    response = client.get(url(meeting))
    assert response.status_code == 200
    assert "<textarea" not in response.content.decode()


def test_an_action_item_of_one_meeting_is_reviewed_at_the_next(client, editor, earlier, meeting):
    client.force_login(editor)
    client.post(
        url(earlier, "actions/new/"),
        {
            "action-general-kind": "action",
            "action-general-title": "Virenscanner erneuern",
            "action-general-side": "ours",
            "action-general-due_date": "20.02.2026",
        },
    )
    forms_ = client.get(url(meeting)).context["review_forms"]
    assert [form.action.title for form in forms_] == ["Virenscanner erneuern"]


def test_sending_approved_minutes_queues_a_mail_to_each_participant(client, editor, meeting):
    from vendorwatch.jobs.models import OutboxMessage
    from vendorwatch.testing.factory import make_user

    meeting.participants.add(make_user(email="anna@example.com"))
    client.force_login(editor)
    client.post(url(meeting, "approve/"))
    response = client.post(url(meeting, "send/"), follow=True)
    assert response.status_code == 200
    meeting.refresh_from_db()
    assert meeting.minutes_sent_at is not None
    assert any("anna@example.com" in message.to for message in OutboxMessage.objects.all())


def fake_mail(monkeypatch, *, already_sent):
    """A stand-in for the mail module: the revision was sent already (to everyone) or not."""
    import sys
    import types

    fake = types.ModuleType("vendorwatch.meetings.mail")
    fake.minutes_already_sent = lambda meeting: already_sent  # type: ignore[attr-defined]
    fake.minutes_send = lambda meeting, by: 0  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "vendorwatch.meetings.mail", fake)


def test_sending_minutes_again_says_when_they_were_sent(client, editor, meeting, monkeypatch):
    meeting.minutes_status = Meeting.Minutes.APPROVED
    meeting.minutes_sent_at = datetime(2026, 3, 4, 9, 30, tzinfo=BERLIN)
    meeting.save()
    fake_mail(monkeypatch, already_sent=True)
    client.force_login(editor)
    page = client.post(url(meeting, "send/"), follow=True).content.decode()
    assert "bereits am 04.03.2026 09:30 versendet" in page
    assert "Keine teilnehmende Person hat eine E-Mail-Adresse" not in page


def test_sending_minutes_to_nobody_with_an_address_says_so(client, editor, meeting, monkeypatch):
    meeting.minutes_status = Meeting.Minutes.APPROVED
    meeting.save()
    fake_mail(monkeypatch, already_sent=False)
    client.force_login(editor)
    page = client.post(url(meeting, "send/"), follow=True).content.decode()
    assert "Keine teilnehmende Person hat eine E-Mail-Adresse" in page


def test_sending_the_same_revision_twice_queues_the_mails_once(client, editor, meeting):
    from vendorwatch.jobs.models import OutboxMessage
    from vendorwatch.testing.factory import make_user

    meeting.participants.add(make_user(email="anna@example.com"))
    client.force_login(editor)
    client.post(url(meeting, "approve/"))
    client.post(url(meeting, "send/"))
    queued = OutboxMessage.objects.count()
    page = client.post(url(meeting, "send/"), follow=True).content.decode()
    assert OutboxMessage.objects.count() == queued
    assert "bereits am" in page


def test_minutes_cannot_be_approved_before_the_meeting_has_started(client, editor):
    meeting = make_meeting(starts_at=timezone.now() + timedelta(hours=2))
    client.force_login(editor)
    response = client.post(url(meeting, "approve/"), follow=True)
    assert "hat noch nicht stattgefunden" in response.content.decode()
    meeting.refresh_from_db()
    assert not meeting.minutes_locked and not MinutesRevision.objects.exists()


def test_the_approve_button_is_not_offered_before_the_meeting_has_started(client, editor):
    meeting = make_meeting(starts_at=timezone.now() + timedelta(hours=2))
    client.force_login(editor)
    page = client.get(url(meeting)).content.decode()
    assert url(meeting, "approve/") not in page


def test_minutes_of_a_cancelled_meeting_cannot_be_approved(client, editor):
    meeting = make_meeting(status=Meeting.Status.CANCELLED)
    client.force_login(editor)
    response = client.post(url(meeting, "approve/"), follow=True)
    assert "wurde abgesagt" in response.content.decode()
    meeting.refresh_from_db()
    assert not meeting.minutes_locked and not MinutesRevision.objects.exists()


def test_approved_minutes_label_an_items_later_status_as_todays(client, editor, meeting, item):
    make_action(meeting=meeting, agenda_item=item, title="Lizenzen zählen")
    client.force_login(editor)
    client.post(url(meeting, "approve/"))
    action = ActionItem.objects.get()
    client.post(f"/actions/{action.pk}/close/", {"outcome": "done"})
    page = client.get(url(meeting)).content.decode()
    assert "Stand heute: erledigt" in page


def test_the_text_of_approved_minutes_stays_when_an_item_is_closed_later(
    client, editor, meeting, item
):
    action = make_action(meeting=meeting, agenda_item=item, title="Lizenzen zählen")
    client.force_login(editor)
    client.post(url(meeting, "approve/"))
    meeting.refresh_from_db()
    with translation.override("de"):
        approved = minutes_text(meeting)
        client.post(f"/actions/{action.pk}/close/", {"outcome": "dropped", "reason": "Entfällt"})
        assert minutes_text(meeting) == approved


def test_the_decision_form_of_an_agenda_item_is_folded(client, editor, meeting, item):
    client.force_login(editor)
    page = client.get(url(meeting)).content.decode()
    folded = page.split('<details class="minutes-add minutes-add-decision">', 1)[1]
    assert f'name="decision-{item.pk}-text"' in folded.split("</details>", 1)[0]


def test_a_decision_sent_empty_opens_its_form_with_the_error(client, editor, meeting, item):
    client.force_login(editor)
    response = client.post(
        url(meeting, "decisions/new/"), {"agenda_item": item.pk, f"decision-{item.pk}-text": ""}
    )
    assert response.status_code == 200
    assert '<details class="minutes-add minutes-add-decision" open>' in response.content.decode()


def test_sending_again_reaches_a_participant_added_since(client, editor, meeting):
    from vendorwatch.jobs.models import OutboxMessage
    from vendorwatch.testing.factory import make_user

    meeting.participants.add(make_user(email="anna@example.com"))
    client.force_login(editor)
    client.post(url(meeting, "approve/"))
    client.post(url(meeting, "send/"))
    meeting.participants.add(make_user(email="bernd@example.com"))
    client.post(url(meeting, "send/"))
    assert any("bernd@example.com" in message.to for message in OutboxMessage.objects.all())


def test_approved_minutes_show_after_the_approver_was_deleted(client, editor, meeting):
    from vendorwatch.testing.factory import make_user

    approver = make_user()
    client.force_login(approver)
    client.post(url(meeting, "approve/"))
    approver.delete()
    client.force_login(editor)
    response = client.get(url(meeting))
    assert response.status_code == 200
    assert "freigegeben am" in response.content.decode().lower()
