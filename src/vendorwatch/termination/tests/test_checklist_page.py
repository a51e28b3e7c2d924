"""The checklist page: progress first, the items by due date with who, state and evidence;
due dates follow the end of the contract."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from vendorwatch.contracts.tests.factory import make_contract
from vendorwatch.termination.checklist import checklist_generate, checklist_read
from vendorwatch.termination.models import ExitTask, Termination
from vendorwatch.termination.tests.factory import (
    make_dispatch,
    make_letter,
    make_task,
    make_termination,
)
from vendorwatch.testing.factory import longest_text, make_contact

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")


def on(day: date) -> time_machine.travel:
    return time_machine.travel(datetime(day.year, day.month, day.day, 9, tzinfo=BERLIN), tick=False)


def started(**fields) -> Termination:
    """An ordinary termination started on 01.03.2026: the contract ends on 31.12.2026."""
    with on(date(2026, 3, 1)):
        return make_termination(**fields)


def page(client, user, termination: Termination, day: date = date(2026, 3, 2)) -> str:
    client.force_login(user)
    with on(day):
        response = client.get(f"/exit/{termination.pk}/checklist/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_leads_with_progress_and_the_end_of_the_contract(client, viewer) -> None:
    termination = started()
    make_task(termination, title="Erledigt", done_on=date(2026, 3, 1))
    make_task(termination, title="Zu spät", days_from_end=-300)  # due 05.03.2026
    make_task(termination, title="Offen")
    html = page(client, viewer, termination, date(2026, 3, 10))
    assert "1 von 3 Punkten erledigt" in html
    assert "1 überfällig" in html
    assert "Die Fälligkeiten richten sich nach dem Vertragsende am 31.12.2026." in html
    assert html.index("1 von 3") < html.index("Zu spät")


def test_the_items_are_sorted_by_due_date(client, viewer) -> None:
    termination = started()
    make_task(termination, title="Nachher", days_from_end=14)
    make_task(termination, title="Vorher", days_from_end=-30)
    make_task(termination, title="Am Ende", days_from_end=0)
    html = page(client, viewer, termination)
    assert html.index("Vorher") < html.index("Am Ende") < html.index("Nachher")
    assert "01.12.2026" in html and "31.12.2026" in html and "14.01.2027" in html


def test_each_item_shows_its_area_owner_contact_and_state(client, viewer, editor) -> None:
    termination = started()
    contact = make_contact(termination.contract.provider, name="Max Muster")
    make_task(
        termination,
        category=ExitTask.Category.DOMAINS,
        owner=editor,
        provider_contact=contact,
        done_on=date(2026, 3, 1),
        done_by=editor,
        evidence="Auth-Code per Einschreiben erhalten",
    )
    html = page(client, viewer, termination)
    assert "Domains, DNS und Zertifikate" in html
    assert "beim Dienstleister: Max Muster" in html
    assert "Erledigt am 01.03.2026" in html
    assert "Auth-Code per Einschreiben erhalten" in html


def test_the_due_dates_follow_the_end_when_it_moves() -> None:
    termination = started()
    make_task(termination, title="Wissenstransfer", days_from_end=-45)
    before = checklist_read(termination, date(2026, 3, 2))
    # The notice arrived after the deadline (30.09.2026): the contract runs another year.
    make_dispatch(
        make_letter(termination), sent_on=date(2026, 9, 29), received_on=date(2026, 10, 2)
    )
    after = checklist_read(Termination.objects.get(pk=termination.pk), date(2026, 10, 3))
    assert (before.contract_end, before.rows[0].due) == (date(2026, 12, 31), date(2026, 11, 16))
    assert (after.contract_end, after.rows[0].due) == (date(2027, 12, 31), date(2027, 11, 16))


def test_without_an_end_date_the_page_says_when_due_dates_appear(client, viewer) -> None:
    termination = started(contract=make_contract(notice_amount=None))
    make_task(termination, title="Zugangsdaten übergeben", days_from_end=-30)
    html = page(client, viewer, termination)
    assert "Noch kein Vertragsende" in html
    assert "Zugangsdaten übergeben" in html


def test_a_contract_starting_in_the_year_9999_shows_no_due_dates(client, viewer) -> None:
    termination = started(contract=make_contract(start_date=date(9999, 1, 1)))
    make_task(termination, title="Zugangsdaten übergeben")
    html = page(client, viewer, termination)
    assert "Noch kein Vertragsende" in html and "Zugangsdaten übergeben" in html


def test_an_empty_checklist_says_so_and_offers_the_standard_items(client, editor) -> None:
    termination = started()
    html = page(client, editor, termination)
    assert "Die Checkliste ist leer." in html
    assert f"/exit/{termination.pk}/checklist/generate/" in html
    assert f"/exit/{termination.pk}/checklist/pdf/" not in html


def test_a_viewer_sees_no_buttons_that_change_anything(client, viewer) -> None:
    termination = started()
    task = make_task(termination)
    html = page(client, viewer, termination)
    for path in (
        f"/exit/{termination.pk}/checklist/generate/",
        f"/exit/{termination.pk}/checklist/new/",
        f"/exit/tasks/{task.pk}/edit/",
        f"/exit/tasks/{task.pk}/done/",
        f"/exit/tasks/{task.pk}/delete/",
    ):
        assert path not in html
    assert f"/exit/{termination.pk}/checklist/pdf/" in html


def test_an_editor_sees_the_buttons(client, editor) -> None:
    termination = started()
    task = make_task(termination)
    html = page(client, editor, termination)
    assert f"/exit/tasks/{task.pk}/done/" in html and f"/exit/tasks/{task.pk}/edit/" in html


def test_a_withdrawn_terminations_checklist_is_read_only(client, editor) -> None:
    termination = started(status=Termination.Status.WITHDRAWN)
    task = make_task(termination)
    html = page(client, editor, termination)
    assert "zurückgenommen" in html
    assert f"/exit/tasks/{task.pk}/done/" not in html


def test_the_longest_texts_and_the_year_9999_show_without_error(client, editor) -> None:
    contract = make_contract(title=longest_text(type(make_contract()), "title", 200))
    termination = make_termination(
        contract, kind=Termination.Kind.FOR_CAUSE, effective_date=date(9999, 12, 31)
    )
    checklist_generate(termination)
    make_task(
        termination,
        title=longest_text(ExitTask, "title"),
        details="d" * 5_000,
        evidence="e" * 5_000,
        days_from_end=-45,
        done_on=date(2026, 3, 1),
    )
    html = page(client, editor, termination)
    assert "31.12.9999" in html
    assert "16.11.9999" in html  # 45 days before the end
    assert html.count("d" * 30) >= 100 // 30  # the details are on the page, broken up


def test_a_due_date_beyond_the_calendar_shows_a_dash(client, editor) -> None:
    termination = make_termination(
        kind=Termination.Kind.FOR_CAUSE, effective_date=date(9999, 12, 31)
    )
    make_task(termination, title="Hardware", days_from_end=14)
    html = page(client, editor, termination)
    assert "Hardware" in html


def test_the_page_of_an_unknown_termination_is_not_found(client, viewer) -> None:
    client.force_login(viewer)
    assert client.get("/exit/999999/checklist/").status_code == 404


def queries_for(client, user, termination: Termination) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/exit/{termination.pk}/checklist/").status_code == 200
    return len(queries)


def test_the_page_asks_the_database_as_often_for_many_items_as_for_one(client, editor) -> None:
    from vendorwatch.termination.models import TerminationFile

    termination = started()
    contact = make_contact(termination.contract.provider)

    def add_item(number: int) -> None:
        task = make_task(
            termination,
            title=f"Punkt {number}",
            owner=editor,
            provider_contact=contact,
            done_on=date(2026, 3, 1),
            done_by=editor,
        )
        TerminationFile.objects.create(
            termination=termination,
            exit_task=task,
            kind="evidence",
            file=f"x{number}.txt",
            filename=f"x{number}.txt",
            content_type="text/plain",
            size=1,
        )

    add_item(0)
    queries_for(client, editor, termination)  # what is kept per process is read now
    few = queries_for(client, editor, termination)
    for number in range(1, 10):
        add_item(number)
    assert queries_for(client, editor, termination) == few
