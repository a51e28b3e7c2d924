"""The problem report states the SLA and its deadlines; its PDF stays bounded.

Service hours Mo–Fr 08–17 (Bavaria). A P3 problem (impact and urgency medium) has 4 business
hours to respond and 3 business days to resolve. Reported Wednesday 25.11.2026 09:00:
response due Wed 13:00; resolution due after 27 business hours (Wed 8 + Thu 9 + Fri 9 + 1),
i.e. Monday 30.11.2026 09:00.
"""

import fcntl
import io
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pypdf
import pytest

from vendorwatch.problems.report import report_pdf, report_text
from vendorwatch.problems.tests.factory import add_event, make_problem
from vendorwatch.problems.tests.test_unreadable_problems import END_OF_TIME, SPOILERS, report_at
from vendorwatch.sla.tests.factory import make_policy
from vendorwatch.testing.factory import make_organisation, make_provider

WEDNESDAY_9 = "2026-11-25 09:00+01:00"


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


def pdf_text(document: bytes) -> str:
    return "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(document)).pages)


@pytest.fixture
def policy(db: None, settings: Any) -> Any:
    settings.PDF_WAIT = 0
    make_organisation(name="Beispiel GmbH", document_language="de")
    return make_policy(name="SLA Systemhaus", provider=make_provider(name="Brandl IT GmbH"))


def p3_problem(policy: Any, **fields: Any) -> Any:
    return make_problem(WEDNESDAY_9, sla_policy=policy, impact="medium", urgency="medium", **fields)


def test_report_names_the_sla_that_applies(policy: Any, time_machine: Any) -> None:
    time_machine.move_to(WEDNESDAY_9, tick=False)
    text = report_text(p3_problem(policy))
    assert "SLA-Vereinbarung: SLA Systemhaus, Fassung 1, Priorität P3 Mittel" in text


def test_report_states_both_due_times(policy: Any, time_machine: Any) -> None:
    time_machine.move_to(WEDNESDAY_9, tick=False)
    text = report_text(p3_problem(policy))
    assert "Reaktion fällig: 25.11.2026 13:00\n" in text
    assert "Lösung fällig: 30.11.2026 09:00\n" in text


def test_a_passed_due_time_says_by_how_much_in_business_time(
    policy: Any, time_machine: Any
) -> None:
    time_machine.move_to(WEDNESDAY_9, tick=False)
    problem = p3_problem(policy)
    # Thursday 09:00: Wednesday 13–17 and Thursday 08–09 are 5 business hours (not 20 hours).
    text = report_text(problem, now=at("2026-11-26 09:00+01:00"))
    assert "Reaktion fällig: 25.11.2026 13:00 (überschritten um 5:00 h Servicezeit)" in text
    assert "Lösung fällig: 30.11.2026 09:00\n" in text


def test_a_late_answer_still_shows_how_late_it_was(policy: Any, time_machine: Any) -> None:
    time_machine.move_to(WEDNESDAY_9, tick=False)
    problem = p3_problem(policy)
    time_machine.move_to("2026-11-25 15:30+01:00", tick=False)
    add_event(problem, "first_response", "2026-11-25 14:30+01:00")
    text = report_text(problem)
    assert "Reaktion fällig: 25.11.2026 13:00 (überschritten um 1:30 h Servicezeit)" in text


def test_an_answer_in_time_says_the_response_was_met(policy: Any, time_machine: Any) -> None:
    time_machine.move_to(WEDNESDAY_9, tick=False)
    problem = p3_problem(policy)
    time_machine.move_to("2026-11-25 11:00+01:00", tick=False)
    add_event(problem, "first_response", "2026-11-25 10:00+01:00")
    text = report_text(problem)
    assert "Reaktion fällig: 25.11.2026 13:00 (eingehalten: 25.11.2026 10:00)" in text


def test_a_problem_without_sla_says_so_instead_of_due_times(policy: Any, time_machine: Any) -> None:
    time_machine.move_to(WEDNESDAY_9, tick=False)
    later = make_policy(valid_from=date(2027, 1, 1), provider=make_provider())
    text = report_text(p3_problem(later))
    assert "SLA-Vereinbarung: kein SLA vereinbart" in text
    assert "fällig" not in text


def test_report_in_english_when_documents_are_english(policy: Any, time_machine: Any) -> None:
    time_machine.move_to(WEDNESDAY_9, tick=False)
    make_organisation(document_language="en")
    text = report_text(p3_problem(policy))
    assert "Service level agreement (SLA): SLA Systemhaus, version 1, priority P3 Mittel" in text
    assert "Response due: 25.11.2026 13:00\n" in text
    assert "Resolution due: 30.11.2026 09:00\n" in text


def test_pdf_states_the_sla_and_both_due_times(policy: Any, time_machine: Any) -> None:
    time_machine.move_to(WEDNESDAY_9, tick=False)
    text = pdf_text(report_pdf(p3_problem(policy)))
    assert "SLA Systemhaus, Fassung 1, Priorität P3 Mittel" in text
    assert "Reaktion fällig 25.11.2026 13:00" in text
    assert "Lösung fällig 30.11.2026 09:00" in text


def test_pdf_of_a_problem_without_sla_says_so(policy: Any, time_machine: Any) -> None:
    time_machine.move_to(WEDNESDAY_9, tick=False)
    later = make_policy(valid_from=date(2027, 1, 1), provider=make_provider())
    text = pdf_text(report_pdf(p3_problem(later)))
    assert "kein SLA vereinbart" in text and "fällig" not in text


def test_pdf_of_two_megabytes_of_text_is_shortened_and_carries_it_in_full(
    policy: Any, time_machine: Any
) -> None:
    time_machine.move_to(WEDNESDAY_9, tick=False)
    log = "".join(f"Zeile {n}: Verbindung zum Server abgebrochen\n" for n in range(50_000))
    problem = p3_problem(policy, what_happened=log)
    document = report_pdf(problem)
    text = pdf_text(document)
    assert "Zeile 0: Verbindung" in text and "Zeile 79: Verbindung" in text
    assert "Zeile 80: Verbindung" not in text
    assert f"stoerung-{problem.pk}-vollstaendiger-text.txt" in text
    assert "von 2.338.889 Zeichen" in text
    attached = pypdf.PdfReader(io.BytesIO(document)).attachments
    full = attached[f"stoerung-{problem.pk}-vollstaendiger-text.txt"][0].decode()
    assert "Zeile 49999: Verbindung zum Server abgebrochen" in full


# --- the pages -------------------------------------------------------------------------------


def test_report_pdf_download_is_a_pdf_with_both_due_times(
    policy: Any, time_machine: Any, client: Any, viewer: Any
) -> None:
    time_machine.move_to(WEDNESDAY_9, tick=False)
    problem = p3_problem(policy)
    client.force_login(viewer)
    response = client.get(f"/problems/{problem.pk}/report.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "25.11.2026 13:00" in text and "30.11.2026 09:00" in text


def test_report_pdf_when_too_many_render_at_once_is_a_calm_page(
    policy: Any, time_machine: Any, client: Any, viewer: Any, settings: Any
) -> None:
    time_machine.move_to(WEDNESDAY_9, tick=False)
    settings.PDF_SLOTS = 1
    problem = p3_problem(policy)
    client.force_login(viewer)
    slot = Path(settings.DATA_DIR) / "pdf-slots" / "slot-0.lock"
    slot.parent.mkdir(parents=True, exist_ok=True)
    with open(slot, "ab") as other_worker:
        fcntl.flock(other_worker.fileno(), fcntl.LOCK_EX)
        response = client.get(f"/problems/{problem.pk}/report.pdf")
    assert response.status_code == 503 and response["Retry-After"] == "60"
    page = response.content.decode()
    assert "zu vielen Personen gleichzeitig erstellt" in page
    assert f'href="/problems/{problem.pk}/report/"' in page


def test_report_page_mail_link_carries_the_text(
    policy: Any, time_machine: Any, client: Any, viewer: Any
) -> None:
    time_machine.move_to(WEDNESDAY_9, tick=False)
    problem = p3_problem(policy)
    client.force_login(viewer)
    response = client.get(f"/problems/{problem.pk}/report/")
    assert "&amp;body=" in response.content.decode()
    assert "Reaktion fällig: 25.11.2026 13:00" in response.context["text"]


def test_report_page_mail_link_of_a_long_text_carries_only_the_subject(
    policy: Any, time_machine: Any, client: Any, viewer: Any
) -> None:
    time_machine.move_to(WEDNESDAY_9, tick=False)
    problem = p3_problem(policy, what_happened="Protokollzeile mit Fehler\n" * 2000)
    client.force_login(viewer)
    response = client.get(f"/problems/{problem.pk}/report/")
    page = response.content.decode()
    assert "&amp;body=" not in page and "zu lang" in page


# --- records no clock can use ----------------------------------------------------------------


@pytest.fixture(params=list(SPOILERS))
def bad(request: Any, policy: Any, time_machine: Any) -> Any:
    """A problem spoiled in the database the ways the problem log must survive."""
    time_machine.move_to("2026-11-25 12:00+01:00", tick=False)
    problem = p3_problem(policy)
    add_event(problem, "first_response", "2026-11-25 10:00+01:00")
    SPOILERS[request.param](problem)
    problem.refresh_from_db()
    return problem


def test_report_of_a_record_no_clock_can_use_says_so_instead_of_due_times(
    bad: Any, client: Any, editor: Any
) -> None:
    client.force_login(editor)
    page = client.get(f"/problems/{bad.pk}/report/")
    assert page.status_code == 200
    text = page.context["text"]
    assert "Fristen: kann nicht berechnet werden – bitte prüfen" in text
    assert "fällig" not in text
    document = client.get(f"/problems/{bad.pk}/report.pdf")
    assert document.status_code == 200
    assert "kann nicht berechnet werden" in pdf_text(document.content)


def test_a_report_time_in_9999_is_stated_in_utc(
    policy: Any, time_machine: Any, client: Any, editor: Any
) -> None:
    time_machine.move_to(WEDNESDAY_9, tick=False)
    problem = p3_problem(policy)
    report_at(END_OF_TIME)(problem)
    client.force_login(editor)
    text = client.get(f"/problems/{problem.pk}/report/").context["text"]
    assert "Ihnen gemeldet: 31.12.9999 23:59 UTC" in text
