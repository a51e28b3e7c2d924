"""The tickets in every sample export, with their SLA results worked out by hand.

Every sample holds the same seven tickets, written the way its tool writes them (its own ids,
columns, priority names, date format and time zone), so one hand-worked table serves all.

The agreement used (``make_monitoring``): service hours Mon–Fri 08:00–17:00 Europe/Berlin,
public holidays of Bavaria (DE-BY), targets in business time:

    P1 response 30 min, resolution  4 h      P4 response  8 h, resolution 40 h
    P2 response  1 h,   resolution  8 h      P5 response 16 h, resolution 80 h
    P3 response  4 h,   resolution 16 h

A business day has 9 hours. Berlin is on CEST (UTC+2) until Sunday 25.10.2026 03:00, then on
CET (UTC+1). All instants below are UTC. The import runs "now" = NOW (3 November 2026),
before the open ticket T5 is due.

T1  created Mon 19.10. 09:00 CEST, response 09:20, resolved 12:30.
    P1: response due 09:30 (07:30Z) met; resolution due 13:00 (11:00Z) met.
    P2: response due 10:00 (08:00Z) met; resolution due 17:00 (15:00Z) met.
T2  P2, created Tue 20.10. 16:30 CEST, response Wed 21.10. 08:45, resolved Wed 16:00.
    response: 30 min on Tuesday + 30 min on Wednesday -> due Wed 08:30 (06:30Z); 08:45 is
    late: breached. resolution: 0.5 h + 7.5 h -> due Wed 15:30 (13:30Z); 16:00: breached.
    The provider's export says "met": its verdict and ours differ.
T3  P2, across the change to winter time: created Fri 23.10. 16:00 CEST (14:00Z), response
    16:45 CEST, resolved Mon 26.10. 10:00 CET (09:00Z).
    response due Fri 17:00 CEST (15:00Z): met. resolution: 1 h on Friday + 7 h on Monday
    -> due Mon 26.10. 15:00 CET (14:00Z); resolved 10:00: met.
    The provider's export says "breached": its verdict and ours differ.
T4  P3, created Mon 26.10. 10:00 CET, response 13:00, resolved Tue 27.10. 10:00.
    response due 14:00 (13:00Z) met; resolution 7 h Monday + 9 h Tuesday -> due Tue 17:00
    (16:00Z) met.
T5  P4, created Wed 28.10. 14:00 CET, response Thu 29.10. 09:00, still open.
    response: 3 h Wednesday + 5 h Thursday -> due Thu 13:00 (12:00Z), met.
    resolution: 3 + 9 + 9 (Fri 30.10.) + 9 (Mon 2.11.) + 9 (Tue 3.11.) = 39 h, the 40th hour
    on Wed 4.11. -> due Wed 4.11. 09:00 (08:00Z); no verdict yet (open).
T6  created Thu 29.10. 16:50 CET, response Fri 30.10. 08:30, resolved Fri 11:00.
    P1: response 10 min Thursday + 20 min Friday -> due Fri 08:20 (07:20Z): breached;
        resolution 10 min + 3 h 50 -> due Fri 11:50 (10:50Z): met.
    P2: response due Fri 08:50 (07:50Z) met; resolution due Fri 15:50 (14:50Z) met.
    Where the export has a verdict, it says the response was missed (we agree).
T7  created Mon 2.11. 09:00 CET, response 10:30, resolved Tue 3.11. 11:00.
    P4: response due Mon 17:00 (16:00Z) met; resolution 8 + 9 + 9 + 9 = 35 h to Thu 5.11.,
        5 more on Fri 6.11. -> due Fri 13:00 (12:00Z) met.
    P5: response 8 h Monday + 8 h Tuesday -> due Tue 16:00 (15:00Z) met; resolution 8 + 8×9
        = 80 h at the end of Thu 12.11. -> due Thu 17:00 (16:00Z) met.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from vendorwatch.monitoring.tests.samples.make_xlsx import write_zammad
from vendorwatch.providers.models import Provider
from vendorwatch.sla.models import SlaPolicy
from vendorwatch.sla.services import PrioritySpec
from vendorwatch.sla.tests.factory import make_calendar, make_policy, terms
from vendorwatch.testing.factory import make_organisation, make_provider

SAMPLE_DIR = Path(__file__).parent

NOW = datetime(2026, 11, 3, 12, 0, tzinfo=UTC)

PRIORITIES = [
    PrioritySpec("P1", "Kritisch", (30, "minutes", "business"), (4, "hours", "business")),
    PrioritySpec("P2", "Hoch", (1, "hours", "business"), (8, "hours", "business")),
    PrioritySpec("P3", "Mittel", (4, "hours", "business"), (16, "hours", "business")),
    PrioritySpec("P4", "Niedrig", (8, "hours", "business"), (40, "hours", "business")),
    PrioritySpec("P5", "Sehr niedrig", (16, "hours", "business"), (80, "hours", "business")),
]


def make_monitoring() -> tuple[Provider, SlaPolicy]:
    """The company in Bavaria, its provider and the agreement described above."""
    make_organisation(name="Beispiel GmbH", federal_state="DE-BY")
    provider = make_provider(name="Brandl IT GmbH")
    calendar = make_calendar(
        name="Mo–Fr 8–17 Uhr", time_zone="Europe/Berlin", holiday_region="DE-BY"
    )
    policy = make_policy(
        name="SLA Brandl", provider=provider, terms=terms(calendar), priorities=PRIORITIES
    )
    return provider, policy


def utc(text: str) -> datetime:
    """ "2026-10-19 07:00" as an aware UTC datetime."""
    return datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=UTC)


@dataclass(frozen=True)
class Expected:
    created: datetime
    first_response: datetime | None
    resolved: datetime | None
    response_due: datetime
    response_met: bool
    resolution_due: datetime
    resolution_met: bool | None

    def of(self, ticket: Any) -> Expected:
        """The same fields read from an ExternalTicket, for one comparison."""
        return Expected(
            ticket.created,
            ticket.first_response,
            ticket.resolved,
            ticket.response_due,
            ticket.response_met,
            ticket.resolution_due,
            ticket.resolution_met,
        )


def _e(created: str, response: str, resolved: str, *results: Any) -> Expected:
    response_due, response_met, resolution_due, resolution_met = results
    return Expected(
        utc(created),
        utc(response) if response else None,
        utc(resolved) if resolved else None,
        utc(response_due),
        response_met,
        utc(resolution_due),
        resolution_met,
    )


# (ticket, our priority rank) -> the result worked out above
# fmt: off
EXPECTED: dict[tuple[str, int], Expected] = {
    ("T1", 1): _e(
        "2026-10-19 07:00",
        "2026-10-19 07:20",
        "2026-10-19 10:30",
        "2026-10-19 07:30",
        True,
        "2026-10-19 11:00",
        True,
    ),
    ("T1", 2): _e(
        "2026-10-19 07:00",
        "2026-10-19 07:20",
        "2026-10-19 10:30",
        "2026-10-19 08:00",
        True,
        "2026-10-19 15:00",
        True,
    ),
    ("T2", 2): _e(
        "2026-10-20 14:30",
        "2026-10-21 06:45",
        "2026-10-21 14:00",
        "2026-10-21 06:30",
        False,
        "2026-10-21 13:30",
        False,
    ),
    ("T3", 2): _e(
        "2026-10-23 14:00",
        "2026-10-23 14:45",
        "2026-10-26 09:00",
        "2026-10-23 15:00",
        True,
        "2026-10-26 14:00",
        True,
    ),
    ("T4", 3): _e(
        "2026-10-26 09:00",
        "2026-10-26 12:00",
        "2026-10-27 09:00",
        "2026-10-26 13:00",
        True,
        "2026-10-27 16:00",
        True,
    ),
    ("T5", 4): _e(
        "2026-10-28 13:00",
        "2026-10-29 08:00",
        "",
        "2026-10-29 12:00",
        True,
        "2026-11-04 08:00",
        None,
    ),
    ("T6", 1): _e(
        "2026-10-29 15:50",
        "2026-10-30 07:30",
        "2026-10-30 10:00",
        "2026-10-30 07:20",
        False,
        "2026-10-30 10:50",
        True,
    ),
    ("T6", 2): _e(
        "2026-10-29 15:50",
        "2026-10-30 07:30",
        "2026-10-30 10:00",
        "2026-10-30 07:50",
        True,
        "2026-10-30 14:50",
        True,
    ),
    ("T7", 4): _e(
        "2026-11-02 08:00",
        "2026-11-02 09:30",
        "2026-11-03 10:00",
        "2026-11-02 16:00",
        True,
        "2026-11-06 12:00",
        True,
    ),
    ("T7", 5): _e(
        "2026-11-02 08:00",
        "2026-11-02 09:30",
        "2026-11-03 10:00",
        "2026-11-03 15:00",
        True,
        "2026-11-12 16:00",
        True,
    ),
}
# fmt: on

# The tickets where an export's own verdict differs from ours (T2 "met", T3 "breached").
DISAGREE = {"T2", "T3"}


TICKETS = ("T1", "T2", "T3", "T4", "T5", "T6", "T7")


@dataclass(frozen=True)
class Sample:
    """One tool's export of the seven tickets: its file, ids, and what the ranks become."""

    preset: str
    file: str  # in this folder; "zammad_report.xlsx" is written by make_xlsx.py
    ids: tuple[str, ...]  # T1..T7 as the tool numbers them
    priorities: tuple[str, ...]  # T1..T7's priority as written in the file
    ranks: tuple[int, ...]  # T1..T7's priority as our rank
    verdicts: bool  # the export carries the provider's own verdict

    def expected(self, ticket: str) -> Expected:
        return EXPECTED[(ticket, self.ranks[TICKETS.index(ticket)])]

    def id_of(self, ticket: str) -> str:
        return self.ids[TICKETS.index(ticket)]


# fmt: off
_SAMPLES = (
    Sample(
        "zammad", "zammad_report.xlsx",
        ("31001", "31002", "31003", "31004", "31005", "31006", "31007"),
        ("3 high", "3 high", "3 high", "2 normal", "1 low", "3 high", "1 low"),
        (2, 2, 2, 3, 4, 2, 4), verdicts=False,
    ),
    Sample(
        "znuny", "znuny_ticket_search.csv",
        ("2026101910000016", "2026102010000027", "2026102310000013", "2026102610000011",
         "2026102810000024", "2026102910000039", "2026110210000018"),
        ("5 sehr hoch", "4 hoch", "4 hoch", "3 normal", "2 niedrig", "5 sehr hoch",
         "1 sehr niedrig"),
        (1, 2, 2, 3, 4, 1, 5), verdicts=False,
    ),
    Sample(
        "glpi", "glpi_tickets.csv",
        ("4711", "4712", "4713", "4714", "4715", "4716", "4717"),
        ("Very high", "High", "High", "Medium", "Low", "Major", "Very low"),
        (1, 2, 2, 3, 4, 1, 5), verdicts=True,
    ),
    Sample(
        "jira", "jira_service_management.csv",
        ("SD-101", "SD-102", "SD-103", "SD-104", "SD-105", "SD-106", "SD-107"),
        ("Highest", "High", "High", "Medium", "Low", "Highest", "Lowest"),
        (1, 2, 2, 3, 4, 1, 5), verdicts=False,
    ),
    Sample(
        "freshdesk", "freshdesk_tickets.csv",
        ("5101", "5102", "5103", "5104", "5105", "5106", "5107"),
        ("Urgent", "High", "High", "Medium", "Low", "Urgent", "Low"),
        (1, 2, 2, 3, 4, 1, 4), verdicts=True,
    ),
    Sample(
        "zendesk", "zendesk_export.csv",
        ("8801", "8802", "8803", "8804", "8805", "8806", "8807"),
        ("Urgent", "High", "High", "Normal", "Low", "Urgent", "Low"),
        (1, 2, 2, 3, 4, 1, 4), verdicts=False,
    ),
    Sample(
        "autotask", "autotask_tickets.csv",
        ("T20261019.0001", "T20261020.0004", "T20261023.0002", "T20261026.0001",
         "T20261028.0003", "T20261029.0005", "T20261102.0001"),
        ("Critical", "High", "High", "Medium", "Low", "Critical", "Low"),
        (1, 2, 2, 3, 4, 1, 4), verdicts=True,
    ),
    Sample(
        "connectwise", "connectwise_service_tickets.csv",
        ("120451", "120467", "120503", "120522", "120548", "120560", "120577"),
        ("Priority 1 - Emergency Response", "Priority 2 - Quick Response",
         "Priority 2 - Quick Response", "Priority 3 - Normal Response",
         "Priority 4 - Schedule Maintenance", "Priority 1 - Emergency Response",
         "Priority 5 - Next Time"),
        (1, 2, 2, 3, 4, 1, 5), verdicts=False,
    ),
    Sample(
        "halopsa", "halopsa_report.csv",
        ("3301", "3302", "3303", "3304", "3305", "3306", "3307"),
        ("Critical", "High", "High", "Medium", "Low", "Critical", "Low"),
        (1, 2, 2, 3, 4, 1, 4), verdicts=True,
    ),
    Sample(
        "atera", "atera_tickets.csv",
        ("701", "702", "703", "704", "705", "706", "707"),
        ("Critical", "High", "High", "Medium", "Low", "Critical", "Low"),
        (1, 2, 2, 3, 4, 1, 4), verdicts=False,
    ),
    Sample(
        "excel_de", "excel_de_tickets.csv",
        ("1001", "1002", "1003", "1004", "1005", "1006", "1007"),
        ("Kritisch", "Hoch", "Hoch", "Mittel", "Niedrig", "Kritisch", "Sehr niedrig"),
        (1, 2, 2, 3, 4, 1, 5), verdicts=True,
    ),
)
# fmt: on
SAMPLES: dict[str, Sample] = {sample.preset: sample for sample in _SAMPLES}


def sample_path(sample: Sample, tmp_path: Path) -> Path:
    """The sample's file; the Zammad workbook is written into ``tmp_path`` first."""
    if sample.file.endswith(".xlsx"):
        return write_zammad(tmp_path / sample.file)
    return SAMPLE_DIR / sample.file
