"""The evidence pack: a ZIP whose manifest ``sha256sum -c`` verifies, with a summary PDF and
the records behind it."""

from __future__ import annotations

import csv
import io
import subprocess
import zipfile
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pypdf
import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from vendorwatch.contracts.models import Contract, ContractDocument
from vendorwatch.contracts.tests.factory import make_contract, make_invoice
from vendorwatch.meetings.models import MinutesRevision
from vendorwatch.meetings.tests.factory import make_meeting
from vendorwatch.monitoring.tests.report_factory import make_job, make_ticket
from vendorwatch.problems.models import Attachment, Problem
from vendorwatch.problems.tests.factory import add_event, make_problem
from vendorwatch.sla.tests.factory import make_policy
from vendorwatch.termination.evidence_pack import build_evidence_pack
from vendorwatch.termination.evidence_zip import safe_name
from vendorwatch.termination.models import TerminationFile
from vendorwatch.termination.tests.factory import make_dispatch, make_letter, make_termination
from vendorwatch.testing.factory import longest_text, make_organisation, make_provider, make_user
from vendorwatch.web.pdf import PdfUnavailable

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")
TODAY = date(2026, 12, 2)
ROOT = "evidence-brandl-it-gmbh-2026-12-02"
Unpack = Callable[..., Path]


@pytest.fixture(autouse=True)
def _media_and_clock(settings, tmp_path, time_machine):
    settings.MEDIA_ROOT = tmp_path / "media"
    time_machine.move_to(datetime(2026, 12, 2, 10, 0, tzinfo=BERLIN), tick=False)
    make_organisation(name="Beispiel GmbH", federal_state="DE-BY", document_language="de")


@pytest.fixture
def contract() -> Contract:
    provider = make_provider(name="Brandl IT GmbH", street="Hauptstraße 1", city="München")
    policy = make_policy(provider=provider, name="SLA Brandl")
    return make_contract(provider=provider, number="MS-2025-17", sla_policy=policy)


@pytest.fixture
def problem(contract) -> Problem:
    """P2 (response 1 h, resolution 8 h): answered after 3 h, 2 h too late; resolved in time."""
    problem = make_problem(
        "2026-11-23 09:00+01:00", sla_policy=contract.sla_policy, title="Server steht"
    )
    add_event(problem, "first_response", "2026-11-23 12:00+01:00", "Wir schauen")
    add_event(problem, "resolved", "2026-11-23 16:00+01:00")
    return problem


@pytest.fixture
def unpack(tmp_path) -> Unpack:
    def unpacked(contract: Contract, user=None) -> Path:
        """The pack of ``contract``, unzipped; its top folder."""
        handle = build_evidence_pack(contract, today=TODAY, user=user)
        with handle, zipfile.ZipFile(handle) as archive:
            assert {name.split("/")[0] for name in archive.namelist()} == {ROOT}
            archive.extractall(tmp_path / "unpacked")
        return tmp_path / "unpacked" / ROOT

    return unpacked


def attach(problem: Problem, name: str, content: bytes) -> Attachment:
    attachment = Attachment(
        problem=problem,
        token=f"token{Attachment.objects.count()}",
        filename=name,
        content_type="text/plain",
        size=len(content),
    )
    attachment.file.save(name, ContentFile(content), save=True)
    return attachment


def verify(folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["sha256sum", "-c", "SHA256SUMS"], cwd=folder, capture_output=True, text=True
    )


def pdf_text(path: Path) -> str:
    reader = pypdf.PdfReader(io.BytesIO(path.read_bytes()))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def csv_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle, delimiter=";"))


def full_records(contract: Contract, problem: Problem) -> None:
    """An attachment, a ticket, a letter sent with its proof, approved minutes, a document."""
    attach(problem, "fehler.log", b"disk full")
    job = make_job(contract.provider, contract.sla_policy)
    make_ticket(job, "2026-11-02 09:00", ticket_id="BR-4711", response_met=False)
    termination = make_termination(contract)
    letter = make_letter(termination, letter_date=date(2026, 9, 1))
    dispatch = make_dispatch(letter, sent_on=date(2026, 9, 2), received_on=date(2026, 9, 3))
    proof = TerminationFile(
        termination=termination,
        dispatch=dispatch,
        kind=TerminationFile.Kind.DELIVERY_RECORD,
        filename="Einlieferungsbeleg.pdf",
        content_type="application/pdf",
        size=8,
    )
    proof.file.save("beleg.pdf", ContentFile(b"%PDF-1.4"), save=True)
    meeting = make_meeting(contract.provider, title="Jour fixe November")
    MinutesRevision.objects.create(
        meeting=meeting, number=1, approved_at=meeting.starts_at, text="Protokoll: Jour fixe\n"
    )
    document = ContractDocument(contract=contract, title="Rahmenvertrag")
    document.file.save("rahmenvertrag.pdf", ContentFile(b"%PDF-1.4 contract"), save=True)


# --- the manifest ---------------------------------------------------------------------------


def test_the_manifest_verifies_with_sha256sum(contract, problem, unpack) -> None:
    full_records(contract, problem)
    result = verify(unpack(contract))
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines and all(line.endswith(": OK") for line in lines)
    assert (
        "00_summary.pdf: OK" in lines
        and "problems/" + str(problem.pk) + "/timeline.csv: OK" in lines
    )


def test_the_manifest_lists_every_file_but_itself(contract, problem, unpack) -> None:
    full_records(contract, problem)
    folder = unpack(contract)
    listed = {line.split("  ", 1)[1] for line in (folder / "SHA256SUMS").read_text().splitlines()}
    present = {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()}
    assert listed == present - {"SHA256SUMS"}


def test_the_manifest_has_the_exact_sha256sum_format(contract, unpack) -> None:
    text = (unpack(contract) / "SHA256SUMS").read_text(encoding="ascii")
    assert text.endswith("\n")
    for line in text.splitlines():
        digest, path = line.split("  ", 1)
        assert len(digest) == 64 and set(digest) <= set("0123456789abcdef")
        assert not path.startswith(("/", "."))


def test_a_changed_byte_fails_the_check(contract, problem, unpack) -> None:
    folder = unpack(contract)
    timeline = folder / "problems" / str(problem.pk) / "timeline.csv"
    content = bytearray(timeline.read_bytes())
    content[-2] ^= 1
    timeline.write_bytes(bytes(content))
    result = verify(folder)
    assert result.returncode != 0
    assert f"problems/{problem.pk}/timeline.csv: FAILED" in result.stdout


# --- the summary ------------------------------------------------------------------------------


def test_the_summary_names_the_contract_a_breach_and_a_letter(contract, problem, unpack) -> None:
    full_records(contract, problem)
    text = pdf_text(unpack(contract) / "00_summary.pdf")
    assert "MS-2025-17" in text and "Brandl IT GmbH" in text
    assert f"#{problem.pk} Server steht" in text
    assert "23.11.2026 10:00" in text and "3:00 h" in text and "2:00 h" in text
    assert "01.09.2026" in text and "03.09.2026" in text


def test_the_summary_states_the_promised_targets(contract, unpack) -> None:
    text = pdf_text(unpack(contract) / "00_summary.pdf")
    assert "SLA Brandl" in text
    assert "P2 Hoch" in text and "8 Std. Servicezeit" in text


def test_the_summary_has_the_sla_report_figures_per_month(contract, problem, unpack) -> None:
    full_records(contract, problem)
    text = pdf_text(unpack(contract) / "00_summary.pdf")
    assert "November 2026" in text and "0,00 % (0 von 1)" in text


def test_the_summary_lists_the_approved_minutes(contract, problem, unpack) -> None:
    full_records(contract, problem)
    text = pdf_text(unpack(contract) / "00_summary.pdf")
    assert "Jour fixe November" in text and "2026-03-03_rev1.txt" in text


def test_the_pack_is_written_in_the_document_language(contract, problem, unpack) -> None:
    make_organisation(document_language="en")
    folder = unpack(contract)
    assert csv_rows(folder / "problems" / "breaches.csv")[0][0] == "Problem number"
    assert "The promised SLA" in pdf_text(folder / "00_summary.pdf")


# --- the records ------------------------------------------------------------------------------


def test_every_missed_deadline_is_a_row_with_its_computation(contract, problem, unpack) -> None:
    rows = csv_rows(unpack(contract) / "problems" / "breaches.csv")
    assert rows[0][:4] == ["Problemnummer", "Titel", "Priorität", "Frist"]
    assert rows[1:] == [
        [
            str(problem.pk),
            "Server steht",
            "P2 Hoch",
            "Reaktionszeit",
            "1 Std.",
            "23.11.2026 09:00",
            "23.11.2026 10:00",
            "23.11.2026 12:00",
            "3:00 h",
            "2:00 h",
            "SLA Brandl, Version 1",
        ]
    ]


def test_the_calculation_is_explained_day_by_day(contract, problem, unpack) -> None:
    text = (unpack(contract) / "problems" / str(problem.pk) / "sla_calculation.txt").read_text()
    assert "Reaktionszeit" in text
    assert "Gezählt 23.11.2026: 09:00–12:00 (3:00 h)" in text


def test_a_problem_that_kept_its_times_has_no_calculation(contract, unpack) -> None:
    kept = make_problem("2026-11-24 09:00+01:00", sla_policy=contract.sla_policy)
    add_event(kept, "first_response", "2026-11-24 09:30+01:00")
    add_event(kept, "resolved", "2026-11-24 11:00+01:00")
    folder = unpack(contract) / "problems"
    assert not (folder / str(kept.pk) / "sla_calculation.txt").exists()
    assert len(csv_rows(folder / "breaches.csv")) == 1


def test_the_timeline_has_every_event_in_order(contract, problem, unpack) -> None:
    rows = csv_rows(unpack(contract) / "problems" / str(problem.pk) / "timeline.csv")
    assert [row[:3] for row in rows[1:]] == [
        ["23.11.2026 09:00", "gemeldet", "Telefon"],
        ["23.11.2026 12:00", "erste Reaktion", "Wir schauen"],
        ["23.11.2026 16:00", "gelöst", ""],
    ]


def test_the_problem_list_and_its_description_are_in_the_pack(contract, problem, unpack) -> None:
    folder = unpack(contract) / "problems"
    rows = csv_rows(folder / "problems.csv")
    assert [row[:2] for row in rows[1:]] == [[str(problem.pk), "Server steht"]]
    description = (folder / str(problem.pk) / "description.txt").read_text()
    assert "Fehlermeldung 'Offline'" in description


def test_attachments_are_copied_as_they_are(contract, problem, unpack) -> None:
    attach(problem, "fehler.log", b"disk full")
    folder = unpack(contract) / "problems" / str(problem.pk) / "attachments"
    assert (folder / "fehler.log").read_bytes() == b"disk full"


def test_problems_of_other_providers_are_not_in_the_pack(contract, problem, unpack) -> None:
    other = make_problem("2026-11-24 09:00+01:00", title="Fremdes Problem")
    rows = csv_rows(unpack(contract) / "problems" / "problems.csv")
    assert str(other.pk) not in [row[0] for row in rows]


def test_the_tickets_carry_our_verdict(contract, problem, unpack) -> None:
    full_records(contract, problem)
    rows = csv_rows(unpack(contract) / "tickets.csv")
    assert len(rows) == 2
    ticket = dict(zip(rows[0], rows[1], strict=True))
    assert ticket["Ticket"] == "BR-4711" and ticket["Priorität"] == "P2 Hoch"
    assert ticket["Reaktion (unsere Bewertung)"] == "verfehlt"


def test_the_letter_is_in_the_pack_as_pdf_and_text(contract, problem, unpack) -> None:
    full_records(contract, problem)
    letters = unpack(contract) / "letters"
    assert (letters / "2026-09-01_termination.pdf").read_bytes().startswith(b"%PDF")
    assert "hiermit kündigen wir" in (letters / "2026-09-01_termination.txt").read_text()


def test_the_dispatch_names_its_proof_of_receipt(contract, problem, unpack) -> None:
    full_records(contract, problem)
    folder = unpack(contract)
    rows = csv_rows(folder / "letters" / "dispatches.csv")
    dispatch = dict(zip(rows[0], rows[1], strict=True))
    assert dispatch["Eingegangen am"] == "03.09.2026"
    proof = dispatch["Nachweise"]
    assert proof == "proofs/2026-12-02_delivery_record_Einlieferungsbeleg.pdf"
    assert (folder / proof).read_bytes() == b"%PDF-1.4"


def test_the_minutes_are_the_approved_text(contract, problem, unpack) -> None:
    full_records(contract, problem)
    minutes = unpack(contract) / "minutes" / "2026-03-03_rev1.txt"
    assert minutes.read_text() == "Protokoll: Jour fixe\n"


def test_contract_documents_and_invoices_are_in_the_pack(contract, unpack) -> None:
    invoice = make_invoice(contract, number="RE/2026/11")
    invoice.pdf.save("re.pdf", ContentFile(b"%PDF invoice"), save=True)
    document = ContractDocument(contract=contract, title="Rahmenvertrag")
    document.file.save("rahmenvertrag.pdf", ContentFile(b"%PDF contract"), save=True)
    folder = unpack(contract) / "contract"
    assert (folder / "documents" / "Rahmenvertrag_v1.pdf").read_bytes() == b"%PDF contract"
    assert (folder / "invoices" / "2026-03-03_RE_2026_11.pdf").read_bytes() == b"%PDF invoice"
    rows = csv_rows(folder / "invoices.csv")
    assert rows[1][:2] == ["RE/2026/11", "03.03.2026"]


# --- what can go wrong ------------------------------------------------------------------------


def test_a_record_whose_file_is_missing_is_listed(contract, problem, unpack) -> None:
    attachment = attach(problem, "screenshot.png", b"png")
    attachment.file.storage.delete(attachment.file.name)
    folder = unpack(contract)
    assert verify(folder).returncode == 0
    rows = csv_rows(folder / "missing_files.csv")
    assert rows[1][1] == f"problems/{problem.pk}/attachments/screenshot.png"
    assert "screenshot.png" in pdf_text(folder / "00_summary.pdf")


def test_a_contract_with_nothing_recorded_gives_a_small_valid_pack(unpack) -> None:
    contract = make_contract(provider=make_provider(name="Brandl IT GmbH"))
    folder = unpack(contract)
    assert verify(folder).returncode == 0
    files = sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())
    assert files == [
        "00_summary.pdf",
        "README.txt",
        "SHA256SUMS",
        "contract/invoices.csv",
        "letters/dispatches.csv",
        "problems/breaches.csv",
        "problems/problems.csv",
        "sla_report_per_month.csv",
        "tickets.csv",
    ]
    assert "Für diesen Vertrag ist keine Kündigung erfasst." in pdf_text(folder / "00_summary.pdf")


def test_file_names_cannot_climb_out_of_the_pack(contract, problem, unpack) -> None:
    attach(problem, "../../etc/passwd", b"a")
    attach(problem, "Prüfbericht März (final).pdf", b"b")
    attach(problem, "Prüfbericht März (final).pdf", b"c")
    attach(problem, "Log.txt", b"d")
    attach(problem, "log.txt", b"e")
    folder = unpack(contract)
    attachments = folder / "problems" / str(problem.pk) / "attachments"
    assert {p.name for p in attachments.iterdir()} == {
        "etc_passwd",
        "Pruefbericht_Maerz_final.pdf",
        "Pruefbericht_Maerz_final-2.pdf",
        "Log.txt",
        "log-2.txt",
    }
    assert verify(folder).returncode == 0


def test_long_texts_and_year_9999_dates_do_not_break_the_pack(contract, problem, unpack) -> None:
    long = "Ausfall " * 625  # 5,000 characters
    Contract.objects.filter(pk=contract.pk).update(
        title=long[:200], notes=long, start_date=date(9999, 12, 31)
    )
    Problem.objects.filter(pk=problem.pk).update(
        what_happened=long, title=longest_text(Problem, "title", 5000)
    )
    attach(problem, longest_text(Attachment, "filename", 5000)[:-4] + ".log", b"x")
    termination = make_termination(contract, kind="for_cause", reason=long[:5000])
    letter = make_letter(
        termination, letter_date=date(9999, 12, 31), subject=long[:300], body=long[:5000]
    )
    make_dispatch(letter, sent_on=date(9999, 12, 31), notes=long[:5000], tracking_number="x" * 100)
    meeting = make_meeting(contract.provider, title=long[:200])
    MinutesRevision.objects.create(
        meeting=meeting, number=1, approved_at=meeting.starts_at, text=long, reason=long[:500]
    )
    contract.refresh_from_db()
    folder = unpack(contract)
    assert verify(folder).returncode == 0
    assert (folder / "letters" / "9999-12-31_termination.txt").exists()
    assert "31.12.9999" in pdf_text(folder / "00_summary.pdf")


def test_files_beyond_the_size_limit_are_left_out_and_listed(
    contract, problem, unpack, monkeypatch
) -> None:
    monkeypatch.setattr("vendorwatch.termination.evidence_zip.MAX_FILES_BYTES", 10)
    attach(problem, "klein.txt", b"12345")
    attach(problem, "gross.txt", b"1234567890")
    folder = unpack(contract)
    attachments = folder / "problems" / str(problem.pk) / "attachments"
    assert [p.name for p in attachments.iterdir()] == ["klein.txt"]
    rows = csv_rows(folder / "missing_files.csv")
    assert rows[1][1].endswith("gross.txt") and "10 GB" not in rows[1][2]
    assert verify(folder).returncode == 0


def test_a_letter_whose_pdf_cannot_be_made_keeps_its_text(
    contract, problem, unpack, monkeypatch
) -> None:
    def unavailable(letter):
        raise PdfUnavailable(PdfUnavailable.TIMEOUT)

    monkeypatch.setattr("vendorwatch.termination.letters.render_letter_pdf", unavailable)
    make_letter(make_termination(contract), letter_date=date(2026, 9, 1))
    folder = unpack(contract)
    assert (folder / "letters" / "2026-09-01_termination.txt").exists()
    assert not (folder / "letters" / "2026-09-01_termination.pdf").exists()
    assert csv_rows(folder / "missing_files.csv")[1][1] == "letters/2026-09-01_termination.pdf"


def test_the_day_by_day_account_is_bounded(contract, problem, unpack, monkeypatch) -> None:
    monkeypatch.setattr("vendorwatch.termination.evidence_problems.MAX_CALCULATIONS", 1)
    second = make_problem("2026-11-24 09:00+01:00", sla_policy=contract.sla_policy)
    add_event(second, "first_response", "2026-11-24 12:00+01:00")
    folder = unpack(contract)
    assert (folder / "problems" / str(problem.pk) / "sla_calculation.txt").exists()
    assert not (folder / "problems" / str(second.pk) / "sla_calculation.txt").exists()
    assert len(csv_rows(folder / "problems" / "breaches.csv")) == 4  # header, 1 + 2 breaches
    assert "in den Ordnern der ersten 1 Probleme" in pdf_text(folder / "00_summary.pdf")


def test_no_pack_without_its_summary(contract, monkeypatch) -> None:
    def unavailable(*args, **kwargs):
        raise PdfUnavailable(PdfUnavailable.BUSY)

    monkeypatch.setattr("vendorwatch.termination.evidence_pack.render_pdf", unavailable)
    with pytest.raises(PdfUnavailable):
        build_evidence_pack(contract, today=TODAY, user=None)


def test_the_summary_names_who_made_the_pack(contract, unpack) -> None:
    user = make_user(first_name="Anna", last_name="Keller")
    folder = unpack(contract, user)
    assert "Erstellt am 02.12.2026 10:00 von Anna Keller" in pdf_text(folder / "00_summary.pdf")
    assert "von Anna Keller" in (folder / "README.txt").read_text()


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("../../etc/passwd", "etc_passwd"),
        ("Prüfbericht März.pdf", "Pruefbericht_Maerz.pdf"),
        (".htaccess", "htaccess"),
        ("notes.", "notes"),
        ("a..b", "a.b"),
        ("CON.txt", "_CON.txt"),
        ("", "file"),
        ("日本語.png", "file.png"),
        ("a" * 300 + ".log", "a" * 76 + ".log"),
        ("C:\\Windows\\evil.exe", "C_Windows_evil.exe"),
        ("RE/2026/11.pdf", "RE_2026_11.pdf"),
    ],
)
def test_file_names_are_made_safe(name, safe) -> None:
    assert safe_name(name) == safe


def test_more_problems_cost_no_more_queries(contract, problem) -> None:
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            build_evidence_pack(contract, today=TODAY, user=None).close()
        return len(captured)

    attach(problem, "a.log", b"a")
    few = queries()
    for hour in range(10, 20):
        more = make_problem(f"2026-11-24 {hour:02d}:00+01:00", sla_policy=contract.sla_policy)
        add_event(more, "first_response", f"2026-11-25 {hour:02d}:00+01:00")
        attach(more, "b.log", b"b")
    assert queries() == few
