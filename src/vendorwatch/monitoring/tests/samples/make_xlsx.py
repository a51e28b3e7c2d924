"""Writes the Zammad sample: a report download as Zammad's Excel writer lays it out.

Row 1 the report title, row 2 empty, row 3 the header, then one row per ticket with native
Excel datetimes in the report's time zone, an empty row and the footer "Timezone: …".
Kept as a script (run by the tests into a temporary folder) so the sample stays reviewable.
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook

HEADER = [
    "#", "Title", "State", "Priority", "Group", "Owner", "Customer", "Organization",
    "Create Channel", "Sender", "Tags", "Time Units Total", "Created At", "Updated At",
    "Closed At", "Close Escalation At", "Close In Min", "Close Diff In Min",
    "First Response At", "First Response Escalation At", "First Response In Min",
    "First Response Diff In Min", "Update Escalation At", "Update In Min",
    "Update Diff In Min", "Last Contact At", "Last Contact Agent At",
    "Last Contact Customer At", "Article Count", "Escalation At",
]  # fmt: skip


def d(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%d %H:%M")


# number, title, state, priority, group, created, closed, first response, updated
TICKETS = [
    ("31001", "Server nicht erreichbar", "closed", "3 high", "Störungen",
     "2026-10-19 09:00", "2026-10-19 12:30", "2026-10-19 09:20", "2026-10-19 12:31"),
    ("31002", "VPN-Zugang Außendienst", "closed", "3 high", "Störungen",
     "2026-10-20 16:30", "2026-10-21 16:00", "2026-10-21 08:45", "2026-10-21 16:05"),
    ("31003", "E-Mail-Postfach voll", "closed", "3 high", "Anfragen",
     "2026-10-23 16:00", "2026-10-26 10:00", "2026-10-23 16:45", "2026-10-26 10:02"),
    ("31004", "Drucker im 2. OG", "closed", "2 normal", "Anfragen",
     "2026-10-26 10:00", "2026-10-27 10:00", "2026-10-26 13:00", "2026-10-27 10:10"),
    ("31005", "Neuer Benutzer für Frau Öztürk", "open", "1 low", "Anfragen",
     "2026-10-28 14:00", "", "2026-10-29 09:00", "2026-11-02 11:00"),
    ("31006", "Firewall meldet Angriffe", "closed", "3 high", "Störungen",
     "2026-10-29 16:50", "2026-10-30 11:00", "2026-10-30 08:30", "2026-10-30 11:05"),
    ("31007", "Bildschirm flackert", "closed", "1 low", "Anfragen",
     "2026-11-02 09:00", "2026-11-03 11:00", "2026-11-02 10:30", "2026-11-03 11:01"),
]  # fmt: skip


def write_zammad(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    sheet.cell(row=1, column=1, value="2026-10")
    for column, name in enumerate(HEADER, start=1):
        sheet.cell(row=3, column=column, value=name)
    for offset, ticket in enumerate(TICKETS):
        number, title, state, priority, group, created, closed, response, updated = ticket
        values = {
            "#": number,
            "Title": title,
            "State": state,
            "Priority": priority,
            "Group": group,
            "Owner": "Max Mustermann",
            "Customer": "Anna Huber",
            "Organization": "Beispiel GmbH",
            "Create Channel": "email",
            "Sender": "Customer",
            "Time Units Total": 1.5,
            "Created At": d(created),
            "Updated At": d(updated),
            "Closed At": d(closed) if closed else None,
            "First Response At": d(response),
            "First Response In Min": 20,
            "Article Count": 4,
        }
        for column, name in enumerate(HEADER, start=1):
            value = values.get(name)
            cell = sheet.cell(row=4 + offset, column=column, value=value)
            if isinstance(value, datetime):
                cell.number_format = "yyyy-mm-dd hh:mm:ss"
    sheet.cell(row=4 + len(TICKETS) + 1, column=1, value="Timezone: Europe/Berlin")
    book.save(path)
    return path


if __name__ == "__main__":
    print(write_zammad(Path(sys.argv[1] if len(sys.argv) > 1 else "zammad_report.xlsx")))
