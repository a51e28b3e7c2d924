"""Year-end receipt risk, the same advice everywhere: where the last day for receipt is
24.12. or 31.12., every "arrive by" shows the business day before with the legal deadline
next to it, days left count to that day, and once it has passed, the day that is left.

The demo's "Cloud-Telefonanlage": 24 months from 01.07.2024, then 1 month to any month's end.
Notice to 31.01.2027 must be received by Thursday 31.12.2026 (legal); the advice is
Wednesday 30.12.2026; three business days before it (29., 28., then 24.12.) is the send date.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from vendorwatch.contracts.jobs import queue_notice_reminders
from vendorwatch.contracts.models import CalendarFeedToken, Contract
from vendorwatch.contracts.tests.factory import make_contract, nrw
from vendorwatch.jobs.models import OutboxMessage

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")
EARLY_DECEMBER = "2026-12-04 10:00 +0100"
NEW_YEARS_EVE = "2026-12-31 08:00 +0100"


def telephony() -> Contract:
    nrw()
    return make_contract(
        title="Cloud-Telefonanlage",
        start_date=date(2024, 7, 1),
        minimum_term_amount=24,
        after_minimum_term=Contract.AfterMinimum.OPEN_ENDED,
        renewal_term_amount=None,
        continuation_notice_amount=1,
        continuation_notice_unit="months",
        continuation_notice_anchor="month_end",
        notice_amount=3,
        notice_unit="months",
        notice_anchor=Contract.Anchor.TERM_END,
    )


def page(client: Client, user, name: str, *args: object) -> str:
    client.force_login(user)
    return client.get(reverse(name, args=args)).text


@time_machine.travel(EARLY_DECEMBER, tick=False)
def test_the_list_advises_the_30th_and_names_the_legal_31st(client: Client, viewer) -> None:
    telephony()
    text = page(client, viewer, "contracts-list")
    # 04.12. to 30.12.: 26 days (27 to the legal deadline)
    assert (
        "Kündigung möglich bis 30.12.2026 (gesetzlich 31.12.) zum 31.01.2027 – noch 26 Tage"
    ) in text
    assert "<td>30.12.2026 (gesetzlich 31.12.)</td>" in text
    assert "<td>24.12.2026</td>" in text  # send by


@time_machine.travel(NEW_YEARS_EVE, tick=False)
def test_on_new_years_eve_the_list_names_today_not_yesterday(client: Client, viewer) -> None:
    telephony()
    text = page(client, viewer, "contracts-list")
    assert "Kündigung möglich bis 31.12.2026 zum 31.01.2027" in text
    assert "30.12.2026" not in text


@time_machine.travel(EARLY_DECEMBER, tick=False)
def test_the_dashboard_panel_advises_the_30th(client: Client, viewer) -> None:
    telephony()
    text = page(client, viewer, "web-dashboard")
    assert (
        "spätestens absenden am 24.12.2026, Zugang beim Dienstleister bis 30.12.2026"
        " (gesetzlich 31.12.), Vertragsende 31.01.2027"
    ) in text


@time_machine.travel(NEW_YEARS_EVE, tick=False)
def test_on_new_years_eve_the_dashboard_panel_names_today(client: Client, viewer) -> None:
    telephony()
    text = page(client, viewer, "web-dashboard")
    assert "Zugang beim Dienstleister bis 31.12.2026, Vertragsende 31.01.2027" in text
    assert "30.12.2026" not in text


@time_machine.travel(EARLY_DECEMBER, tick=False)
def test_the_deadline_card_agrees_with_the_summary_above_it(client: Client, viewer) -> None:
    contract = telephony()
    text = page(client, viewer, "contracts-detail", contract.pk)
    assert "Die Kündigung muss ankommen bis: 30.12.2026 – nicht erst an Silvester" in text
    assert "<dd>30.12.2026 (gesetzlich 31.12.)</dd>" in text
    assert "<dt>Verbleibende Tage bis dahin</dt><dd>26</dd>" in text


@time_machine.travel("2026-12-30 10:00 +0100", tick=False)
def test_on_the_30th_the_contract_page_still_advises_the_30th(client: Client, viewer) -> None:
    contract = telephony()
    text = page(client, viewer, "contracts-detail", contract.pk)
    assert "Die Kündigung muss ankommen bis: 30.12.2026 – nicht erst an Silvester" in text
    assert "<dt>Verbleibende Tage bis dahin</dt><dd>0</dd>" in text


@time_machine.travel(NEW_YEARS_EVE, tick=False)
def test_on_new_years_eve_the_contract_page_says_the_deadline_is_today(
    client: Client, viewer
) -> None:
    contract = telephony()
    text = page(client, viewer, "contracts-detail", contract.pk)
    assert "Die Kündigung muss heute ankommen, am 31.12.2026 (Silvester)" in text
    assert "Stellen Sie sie vormittags per Boten oder Kurier zu" in text
    assert "<dd>31.12.2026</dd>" in text
    assert "muss ankommen bis: 30.12.2026" not in text


@time_machine.travel("2026-12-24 08:00 +0100", tick=False)
def test_on_christmas_eve_as_the_deadline_the_contract_page_says_today(
    client: Client, viewer
) -> None:
    nrw()
    # 1 week to 31.12.2026: the legal deadline is Thursday 24.12.2026, the advice 23.12.
    contract = make_contract(notice_amount=1, notice_unit="weeks")
    text = page(client, viewer, "contracts-detail", contract.pk)
    assert "Die Kündigung muss heute ankommen, am 24.12.2026 (Heiligabend)" in text
    above_the_derivation = text.split("So werden die Termine berechnet")[0]
    assert "23.12.2026" not in above_the_derivation


@time_machine.travel(EARLY_DECEMBER, tick=False)
def test_the_calendar_puts_arrive_by_on_the_30th_with_the_legal_date(
    client: Client, viewer
) -> None:
    contract = telephony()
    _feed, token = CalendarFeedToken.issue(user=viewer, language="de")
    raw = client.get(reverse("contracts-calendar-feed", args=[token])).content
    events = {str(e["UID"]): e for e in icalendar.Calendar.from_ical(raw).walk("VEVENT")}
    receipt = events[f"contract-{contract.pk}-receipt-20261230@vendorwatch"]
    assert receipt.decoded("DTSTART") == date(2026, 12, 30)
    assert str(receipt["SUMMARY"]).startswith("Kündigung muss zugegangen sein: Cloud-Telefonanlage")
    description = str(receipt["DESCRIPTION"])
    assert description.startswith("Gesetzliche Frist für den Zugang: 31.12.2026\n")
    assert f"contract-{contract.pk}-receipt-20261231@vendorwatch" not in events


def run_day(day: date) -> None:
    with time_machine.travel(datetime(day.year, day.month, day.day, 7, tzinfo=BERLIN), tick=False):
        queue_notice_reminders(timezone.now())


def test_the_urgent_reminder_names_the_advised_day_and_the_legal_one(editor) -> None:
    telephony()
    run_day(date(2026, 12, 28))  # the send date 24.12. has passed
    message = OutboxMessage.objects.get()
    assert message.key.endswith(":20261231:urgent")
    assert message.subject.endswith("(Zugang bis 30.12.2026)")
    assert "Sie muss bis zum 30.12.2026 (gesetzlich 31.12.) zugehen" in message.body


def test_a_last_day_reminder_comes_on_new_years_eve_after_the_urgent_one(editor) -> None:
    telephony()
    for day in range(25, 32):
        run_day(date(2026, 12, day))
        run_day(date(2026, 12, day))
    keys = sorted(OutboxMessage.objects.values_list("key", flat=True))
    assert [key.rsplit(":", 1)[1] for key in keys] == ["last-day", "urgent"]
    last = OutboxMessage.objects.get(key__endswith=":last-day")
    assert last.subject == (
        "Letzter Tag: Kündigung für „Cloud-Telefonanlage“ heute Vormittag per Bote oder"
        " Kurier zustellen (gesetzliche Frist 31.12.2026)"
    )
    assert "Heute, am 31.12.2026, ist der letzte Tag" in last.body
    assert "Die Kündigung muss heute ankommen, am 31.12.2026 (Silvester)" in last.body


def test_no_last_day_reminder_on_the_advised_day_itself(editor) -> None:
    telephony()
    run_day(date(2026, 12, 30))
    assert OutboxMessage.objects.get().key.endswith(":urgent")


def test_a_contract_entered_on_new_years_eve_gets_the_last_day_reminder(editor) -> None:
    telephony()
    run_day(date(2026, 12, 31))
    assert OutboxMessage.objects.get().key.endswith(":20261231:last-day")


def test_a_christmas_eve_deadline_gets_its_last_day_reminder_that_morning(editor) -> None:
    nrw()
    make_contract(notice_amount=1, notice_unit="weeks")  # legal deadline Thursday 24.12.2026
    run_day(date(2026, 12, 24))
    message = OutboxMessage.objects.get()
    assert message.key.endswith(":20261224:last-day")
    assert "Heute, am 24.12.2026, ist der letzte Tag" in message.body
