import threading
from datetime import datetime

import pytest
from django.db import connection

from vendorwatch.jobs.models import OutboxMessage
from vendorwatch.jobs.outbox import messages_about, outbox_send_due
from vendorwatch.jobs.registry import run_due_jobs
from vendorwatch.problems.escalation import escalation_confirm, escalation_discard, escalations_run
from vendorwatch.problems.models import Escalation, EscalationRule, EventKind
from vendorwatch.problems.tests.factory import add_event, make_problem, make_rule
from vendorwatch.sla.tests.factory import make_policy
from vendorwatch.testing.factory import make_contact, make_organisation, make_provider, make_user

MONDAY_9 = "2026-11-23 09:00+01:00"
Action_DRAFT = EscalationRule.Action.DRAFT_PROVIDER


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


@pytest.fixture
def setup(db, time_machine):
    time_machine.move_to(MONDAY_9, tick=False)
    provider = make_provider(name="Brandl IT-Systemhaus GmbH")
    make_contact(provider, name="Support", email="support@brandl.example", escalation_level=1)
    make_contact(provider, name="Chefin", email="chefin@brandl.example", escalation_level=2)
    policy = make_policy(provider=provider)
    owner = make_user(email="owner@example.com")
    problem = make_problem(MONDAY_9, sla_policy=policy, owner=owner, provider_ticket_number="T-42")
    return policy, problem


@pytest.mark.django_db
def test_notifies_the_owner_at_75_percent(setup) -> None:
    policy, problem = setup
    make_rule(policy, percent=75)
    assert escalations_run(now=at("2026-11-23 09:44+01:00")) == 0
    assert escalations_run(now=at("2026-11-23 09:45+01:00")) == 1
    message = messages_about(problem).get()
    assert message.to == ["owner@example.com"]


@pytest.mark.django_db
def test_a_rule_fires_once_per_problem(setup) -> None:
    policy, _problem = setup
    make_rule(policy, percent=75)
    escalations_run(now=at("2026-11-23 09:45+01:00"))
    escalations_run(now=at("2026-11-23 09:50+01:00"))
    assert OutboxMessage.objects.count() == 1


@pytest.mark.django_db
def test_on_breach_drafts_an_email_to_contact_level_1(setup) -> None:
    policy, _problem = setup
    make_rule(policy, action=EscalationRule.Action.DRAFT_PROVIDER, contact_level=1)
    assert escalations_run(now=at("2026-11-23 10:00+01:00")) == 0  # due, not yet exceeded
    assert escalations_run(now=at("2026-11-23 10:01+01:00")) == 1
    draft = Escalation.objects.get()
    assert draft.status == Escalation.Status.DRAFTED
    assert draft.recipient == "support@brandl.example"
    assert "T-42" in draft.subject and "23.11.2026 10:00" in draft.body
    assert OutboxMessage.objects.count() == 0  # nothing goes to the provider unconfirmed


@pytest.mark.django_db
def test_hours_after_breach_drafts_to_level_2(setup) -> None:
    policy, _problem = setup
    make_rule(
        policy,
        target=EscalationRule.Target.RESOLUTION,
        action=EscalationRule.Action.DRAFT_PROVIDER,
        hours_after_breach=2,
        contact_level=2,
    )
    # Resolution due Monday 17:00 (8 h); 2 business hours later is Tuesday 10:00.
    assert escalations_run(now=at("2026-11-24 09:59+01:00")) == 0
    assert escalations_run(now=at("2026-11-24 10:01+01:00")) == 1
    assert Escalation.objects.get().recipient == "chefin@brandl.example"


@pytest.mark.django_db
def test_rules_do_not_fire_for_a_stopped_clock(setup) -> None:
    policy, problem = setup
    make_rule(policy, percent=75)
    add_event(problem, EventKind.FIRST_RESPONSE, "2026-11-23 09:10+01:00")
    assert escalations_run(now=at("2026-11-23 12:00+01:00")) == 0


@pytest.mark.django_db
def test_rules_do_not_fire_while_paused(setup) -> None:
    policy, problem = setup
    make_rule(policy, percent=75)
    add_event(problem, EventKind.WAITING_ON_US, "2026-11-23 09:00+01:00")
    assert escalations_run(now=at("2026-11-24 12:00+01:00")) == 0


@pytest.mark.django_db
def test_confirming_a_draft_queues_it_and_records_an_event(setup) -> None:
    policy, problem = setup
    make_rule(policy, action=EscalationRule.Action.DRAFT_PROVIDER)
    escalations_run(now=at("2026-11-23 10:01+01:00"))
    draft = Escalation.objects.get()
    escalation_confirm(escalation=draft, recipient="support@brandl.example", user=None)
    assert messages_about(problem).get().subject == draft.subject
    assert problem.events.filter(kind=EventKind.ESCALATED).count() == 1


@pytest.mark.django_db
def test_a_discarded_draft_is_never_sent(setup) -> None:
    policy, _problem = setup
    make_rule(policy, action=EscalationRule.Action.DRAFT_PROVIDER)
    escalations_run(now=at("2026-11-23 10:01+01:00"))
    draft = escalation_discard(escalation=Escalation.objects.get(), user=None)
    assert draft.status == Escalation.Status.DISCARDED
    escalation_confirm(escalation=draft, recipient="x@example.com", user=None)
    assert OutboxMessage.objects.count() == 0


@pytest.mark.django_db
def test_an_smtp_outage_delays_but_does_not_lose_the_notice(
    setup, smtp_server, time_machine
) -> None:
    policy, problem = setup
    make_rule(policy, percent=75)
    smtp_server.stop()
    time_machine.move_to("2026-11-23 09:46+01:00", tick=False)
    run_due_jobs()
    assert outbox_send_due() == 0
    smtp_server.start()
    time_machine.move_to("2026-11-23 09:48+01:00", tick=False)
    run_due_jobs()
    assert outbox_send_due() == 1
    assert len(smtp_server.inbox.messages) == 1
    assert messages_about(problem).get().sent_at is not None


@pytest.mark.django_db(transaction=True)
def test_two_runners_at_once_send_each_escalation_email_once(smtp_server, time_machine) -> None:
    time_machine.move_to(MONDAY_9, tick=False)
    provider = make_provider()
    policy = make_policy(provider=provider)
    owner = make_user(email="owner@example.com")
    for number in range(5):
        make_problem(MONDAY_9, sla_policy=policy, owner=owner, title=f"Störung {number}")
    make_rule(policy, percent=75)
    make_rule(policy, percent=100)
    time_machine.move_to("2026-11-23 10:05+01:00", tick=False)
    barrier = threading.Barrier(2)

    def runner() -> None:
        barrier.wait()
        try:
            for _round in range(2):
                run_due_jobs()
                outbox_send_due()
        finally:
            connection.close()

    threads = [threading.Thread(target=runner) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    run_due_jobs()
    outbox_send_due()
    assert len(smtp_server.inbox.messages) == 10
    assert len(set(smtp_server.inbox.subjects)) == 5
    assert Escalation.objects.count() == 10


@pytest.mark.django_db
def test_a_reopened_problem_runs_through_the_ladder_again(setup, time_machine) -> None:
    policy, problem = setup
    make_rule(policy, target=EscalationRule.Target.RESOLUTION, percent=75)
    add_event(problem, EventKind.FIRST_RESPONSE, "2026-11-23 09:10+01:00")
    assert escalations_run(now=at("2026-11-23 15:01+01:00")) == 1  # 6 of 8 h used
    time_machine.move_to("2026-11-23 16:00+01:00", tick=False)
    add_event(problem, EventKind.RESOLVED, "2026-11-23 16:00+01:00")
    time_machine.move_to("2026-11-24 09:00+01:00", tick=False)
    add_event(problem, EventKind.REOPENED, "2026-11-24 09:00+01:00")
    # The fix did not hold: 7 of 8 h are used, past 75 %, so the owner hears of it again.
    assert escalations_run(now=at("2026-11-24 09:05+01:00")) == 1
    assert escalations_run(now=at("2026-11-24 09:30+01:00")) == 0
    assert sorted(Escalation.objects.values_list("reopen_count", flat=True)) == [0, 1]
    assert OutboxMessage.objects.count() == 2


# --- what the provider reads -----------------------------------------------------------------
# P2 under the setup's policy: response 1 h (due Mon 10:00), resolution 8 h (due Mon 17:00).


@pytest.mark.django_db
def test_the_draft_names_the_sla_and_both_due_times(setup) -> None:
    policy, _problem = setup
    make_rule(policy, action=EscalationRule.Action.DRAFT_PROVIDER)
    escalations_run(now=at("2026-11-23 10:30+01:00"))
    body = Escalation.objects.get().body
    assert f"Vereinbarung „{policy.name}“ (Fassung 1, Priorität P2 Hoch) gilt:" in body
    assert (
        "Reaktionszeit: 1 Std. Servicezeit, fällig am 23.11.2026 10:00. "
        "Überschritten um 0:30 h Servicezeit.\n" in body
    )
    assert "Lösungszeit: 8 Std. Servicezeit, fällig am 23.11.2026 17:00.\n" in body


@pytest.mark.django_db
def test_the_draft_counts_the_overrun_in_business_time(setup) -> None:
    policy, _problem = setup
    make_rule(policy, target=EscalationRule.Target.RESOLUTION, action=Action_DRAFT)
    # Tuesday 10:00: Monday 17:00 was due; Tuesday 08–10 are 2 business hours past it.
    escalations_run(now=at("2026-11-24 10:00+01:00"))
    body = Escalation.objects.get().body
    assert "fällig am 23.11.2026 17:00. Überschritten um 2:00 h Servicezeit." in body


@pytest.mark.django_db
def test_a_very_long_description_is_shortened_in_the_email(setup, time_machine) -> None:
    policy, _problem = setup
    log = "".join(f"Zeile {n}: Verbindung abgebrochen\n" for n in range(100_000))
    make_problem(MONDAY_9, sla_policy=policy, what_happened=log)
    make_rule(policy, action=Action_DRAFT)
    escalations_run(now=at("2026-11-23 10:30+01:00"))
    bodies = [e.body for e in Escalation.objects.all()]
    long_one = next(b for b in bodies if "Zeile 0:" in b)
    assert "Zeile 39: Verbindung abgebrochen […]" in long_one
    assert "Zeile 40:" not in long_one and len(long_one) < 4000


@pytest.fixture
def sender(db):
    make_organisation(
        name="Beispiel GmbH", street="Hauptstraße 1", postcode="86150", city="Augsburg"
    )
    return make_user(first_name="Maria", last_name="Huber", email="maria.huber@beispiel.de")


@pytest.mark.django_db
def test_the_sent_email_is_signed_with_name_company_and_address(
    setup, sender, smtp_server, settings
) -> None:
    settings.DEFAULT_FROM_EMAIL = "Vendorwatch Beispiel <vendorwatch@beispiel.de>"
    policy, _problem = setup
    make_rule(policy, action=Action_DRAFT)
    escalations_run(now=at("2026-11-23 10:30+01:00"))
    escalation_confirm(
        escalation=Escalation.objects.get(), recipient="support@brandl.example", user=sender
    )
    outbox_send_due()
    sent = smtp_server.inbox.messages[0]
    body = sent.get_content().replace("\r\n", "\n")  # lines end in CRLF on the wire
    assert body.rstrip().endswith(
        "Mit freundlichen Grüßen\nMaria Huber\nBeispiel GmbH\nHauptstraße 1\n86150 Augsburg"
    )
    assert sent["From"] == "Vendorwatch Beispiel <vendorwatch@beispiel.de>"
    assert sent["Reply-To"] == "maria.huber@beispiel.de"
    assert sent["To"] == "support@brandl.example"


@pytest.mark.django_db
def test_a_sender_without_email_gets_no_reply_to(setup, sender) -> None:
    sender.email = ""
    sender.save()
    policy, problem = setup
    make_rule(policy, action=Action_DRAFT)
    escalations_run(now=at("2026-11-23 10:30+01:00"))
    escalation_confirm(escalation=Escalation.objects.get(), recipient="a@b.example", user=sender)
    assert messages_about(problem).get().reply_to == []


@pytest.mark.django_db
def test_an_older_draft_is_not_greeted_twice(setup, sender) -> None:
    _policy, problem = setup
    draft = Escalation.objects.create(
        problem=problem,
        kind=Action_DRAFT,
        subject="Eskalation",
        body="Bitte melden Sie sich heute.\n\nMit freundlichen Grüßen\n",
    )
    sent = escalation_confirm(escalation=draft, recipient="a@b.example", user=sender)
    assert sent.body == (
        "Bitte melden Sie sich heute.\n\nMit freundlichen Grüßen\nMaria Huber\n"
        "Beispiel GmbH\nHauptstraße 1\n86150 Augsburg\n"
    )


@pytest.mark.django_db
def test_the_send_page_shows_the_signature_and_where_answers_go(setup, sender, client) -> None:
    policy, _problem = setup
    make_rule(policy, action=Action_DRAFT)
    escalations_run(now=at("2026-11-23 10:30+01:00"))
    client.force_login(sender)
    response = client.get(f"/problems/escalations/{Escalation.objects.get().pk}/send/")
    page = response.content.decode()
    assert "Maria Huber\nBeispiel GmbH\nHauptstraße 1\n86150 Augsburg" in page
    assert "geht an Sie (maria.huber@beispiel.de)" in page
