"""Demo meetings with Brandl IT-Systemhaus: a monthly jour fixe with three past meetings, their
approved minutes, decisions and action items (some done, some overdue), and the next
meeting's generated agenda.

Dates are relative to the day the demo is first loaded: the series starts with the third-last
first Tuesday before it. Loading again finds the series and its meetings and adds nothing;
the next meeting's agenda is refreshed (a refresh adds only what is new).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.contrib.auth.models import User
from django.db.models import Max
from django.utils import timezone

from vendorwatch.demo import DemoContext, loader
from vendorwatch.meetings.agenda import agenda_refresh
from vendorwatch.meetings.models import (
    ActionItem,
    ActionReview,
    AgendaItem,
    Decision,
    Meeting,
    MeetingSeries,
    MinutesRevision,
)
from vendorwatch.meetings.recurrence import occurrences
from vendorwatch.meetings.services import meeting_for_occurrence, upcoming_occurrences
from vendorwatch.providers.models import Contact, Provider

PROVIDER = "Brandl IT-Systemhaus GmbH"
SERIES = "Jour fixe mit Brandl IT"
RULE = "FREQ=MONTHLY;BYDAY=1TU"
START = time(10, 0)
ZONE = "Europe/Berlin"
Side, Outcome = ActionItem.Side, ActionReview.Outcome


@dataclass
class DemoAction:
    title: str
    side: str
    due_days: int  # after the meeting
    kind: str = ActionItem.Kind.ACTION
    # what the next meeting found: outcome and reason (None: not reviewed)
    review: tuple[str, str] | None = None


@dataclass
class DemoMeeting:
    notes: str
    decisions: list[str]
    actions: list[DemoAction] = field(default_factory=list)


MEETINGS = [
    DemoMeeting(
        "Reaktionszeiten bei Druckerstörungen besprochen; Brandl sagt Besserung zu.",
        ["Störungen werden nur noch über das Ticketportal oder die Hotline gemeldet."],
        [
            DemoAction(
                "Zugang zum Ticketportal für alle Mitarbeiter einrichten",
                Side.PROVIDER,
                14,
                review=(Outcome.DONE, ""),
            ),
            DemoAction(
                "Liste aller Drucker mit Standort an Brandl schicken",
                Side.OURS,
                10,
                review=(Outcome.DONE, ""),
            ),
            DemoAction(
                "Angebot für zweiten Internetanschluss einholen",
                Side.OURS,
                21,
                review=(Outcome.DROPPED, "Nach Rücksprache mit der Geschäftsführung nicht nötig."),
            ),
        ],
    ),
    DemoMeeting(
        "Die Datensicherung ist zweimal ausgefallen; Brandl prüft die Überwachung.",
        ["Brandl meldet fehlgeschlagene Sicherungen künftig noch am selben Tag."],
        [
            DemoAction(
                "Überwachung der Datensicherung mit E-Mail-Warnung einrichten",
                Side.PROVIDER,
                14,
                review=(Outcome.OPEN, ""),
            ),
            DemoAction(
                "Wiederherstellungstest für den Dateiserver durchführen",
                Side.PROVIDER,
                21,
                review=(Outcome.DONE, ""),
            ),
            DemoAction(
                "Ist die Sicherung der Warenwirtschaft im Vertrag enthalten?",
                Side.PROVIDER,
                14,
                kind=ActionItem.Kind.QUESTION,
            ),
        ],
    ),
    DemoMeeting(
        "WLAN im Besprechungsraum und die Kosten für Sonderleistungen besprochen.",
        [
            "Der Access Point im Besprechungsraum wird auf Kosten von Brandl ersetzt.",
            "Sonderleistungen werden nur nach schriftlichem Auftrag berechnet.",
        ],
        [
            DemoAction("Ersatz-Access-Point im Besprechungsraum montieren", Side.PROVIDER, 7),
            DemoAction("Gutschrift für die Sonderleistungen aus dem Oktober prüfen", Side.OURS, 10),
            DemoAction("Nachverhandlung der Reaktionszeiten vorbereiten", Side.OURS, 40),
        ],
    ),
]


def first_date(today: date) -> date:
    """The first Tuesday of the month, three occurrences before today."""
    probe = MeetingSeries(
        rule=RULE,
        first_date=(today - timedelta(days=130)).replace(day=1),
        start_time=START,
        time_zone=ZONE,
    )
    now = timezone.now()
    past = occurrences(probe, now - timedelta(days=200), now)
    return past[-3].date()


def demo_series(provider: Provider, people: list[User]) -> MeetingSeries:
    series, created = MeetingSeries.objects.get_or_create(
        provider=provider,
        title=SERIES,
        defaults={
            "rule": RULE,
            "first_date": first_date(timezone.localdate()),
            "start_time": START,
            "duration_minutes": 60,
            "time_zone": ZONE,
            "location": "Müller Metallbau, Besprechungsraum 1",
            "video_link": "https://meet.brandl-it.example/jourfixe",
        },
    )
    if created:
        series.participants.set(people)
        series.contacts.set(
            Contact.objects.filter(provider=provider, name__in=["Petra Lang", "Jonas Huber"])
        )
    return series


def past_meetings(series: MeetingSeries) -> list[Meeting]:
    zone_start = timezone.make_aware(datetime.combine(series.first_date, time.min))
    starts = occurrences(series, zone_start, timezone.now())[: len(MEETINGS)]
    return [meeting_for_occurrence(series, start) for start in starts]


def minutes_text(meeting: Meeting) -> str:
    lines = [meeting.title, f"{timezone.localtime(meeting.starts_at):%d.%m.%Y %H:%M}", ""]
    for item in meeting.agenda_items.filter(removed=False).order_by("position", "pk"):
        lines.append(f"- {item.title}")
        if item.notes:
            lines.append(f"  {item.notes}")
    lines.append("")
    lines += [f"Beschluss: {d.text}" for d in meeting.decisions.all()]
    lines += [
        f"Aufgabe: {a.title} (fällig {a.due_date:%d.%m.%Y})" for a in meeting.action_items.all()
    ]
    return "\n".join(lines)


def review_earlier(meeting: Meeting, specs: dict[int, DemoAction]) -> None:
    """The meeting's verdict on the action items of the one before, and their new status."""
    for action in ActionItem.objects.filter(pk__in=specs, status=ActionItem.Status.OPEN):
        review = specs[action.pk].review
        if review is None:
            continue
        outcome, reason = review
        ActionReview.objects.get_or_create(
            meeting=meeting, action=action, defaults={"outcome": outcome, "reason": reason}
        )
        if outcome != Outcome.OPEN:
            action.status = outcome
            action.dropped_reason = reason
            action.closed_at = meeting.starts_at
            action.save()


def hold_meeting(
    meeting: Meeting, spec: DemoMeeting, people: list[User], earlier: dict[int, DemoAction]
) -> dict[int, DemoAction]:
    """Agenda, minutes, decisions and action items of one past meeting."""
    agenda_refresh(meeting, now=meeting.starts_at - timedelta(days=2))
    review_earlier(meeting, earlier)
    last = meeting.agenda_items.aggregate(last=Max("position"))["last"] or 0
    topic = AgendaItem.objects.create(
        meeting=meeting, position=last + 1, title="Aktuelle Themen", notes=spec.notes
    )
    for text in spec.decisions:
        Decision.objects.create(meeting=meeting, agenda_item=topic, text=text)
    contact = meeting.contacts.order_by("name").first()
    raised = {}
    for action_spec in spec.actions:
        action = ActionItem.objects.create(
            kind=action_spec.kind,
            title=action_spec.title,
            provider=meeting.provider,
            side=action_spec.side,
            owner=people[0] if action_spec.side == Side.OURS else None,
            contact=contact if action_spec.side == Side.PROVIDER else None,
            due_date=timezone.localdate(meeting.starts_at) + timedelta(days=action_spec.due_days),
            meeting=meeting,
            created_by=people[0],
        )
        ActionItem.objects.filter(pk=action.pk).update(created_at=meeting.ends_at)
        raised[action.pk] = action_spec
    approve(meeting, people[-1])
    return raised


def approve(meeting: Meeting, user: User) -> None:
    approved = meeting.ends_at + timedelta(days=1)
    MinutesRevision.objects.create(
        meeting=meeting,
        number=1,
        approved_at=approved,
        approved_by=user,
        text=minutes_text(meeting),
    )
    Meeting.objects.filter(pk=meeting.pk).update(
        minutes_status=Meeting.Minutes.APPROVED,
        minutes_approved_at=approved,
        minutes_approved_by=user,
        minutes_sent_at=approved,
    )


def prepare_next(series: MeetingSeries) -> None:
    upcoming = upcoming_occurrences(series, timezone.now(), 1)
    if not upcoming:
        return
    meeting = meeting_for_occurrence(series, upcoming[0].recurrence_id)
    agenda_refresh(meeting)
    if not meeting.agenda_items.filter(kind=AgendaItem.Kind.FREE).exists():
        last = meeting.agenda_items.aggregate(last=Max("position"))["last"] or 0
        AgendaItem.objects.create(
            meeting=meeting,
            position=last + 1,
            title="Planung der Urlaubsvertretung über den Jahreswechsel",
            details="Wer ist bei Brandl erreichbar, wenn Herr Huber im Urlaub ist?",
        )


@loader(order=80)
def load_meetings(context: DemoContext) -> None:
    provider = Provider.objects.filter(name=PROVIDER).first()
    people = list(User.objects.filter(username__in=["s.keller", "admin"]).order_by("-username"))
    if provider is None or not people:
        return
    series = demo_series(provider, people)
    earlier: dict[int, DemoAction] = {}
    for meeting, spec in zip(past_meetings(series), MEETINGS, strict=False):
        if meeting.minutes_locked:
            continue
        earlier = hold_meeting(meeting, spec, people, earlier)
    prepare_next(series)
