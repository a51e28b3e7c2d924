"""Demo problems of the last four months with Brandl IT-Systemhaus, and its escalation ladder.

Times are relative to today (weekdays during office hours), so the demo always shows recent
history: most problems met the SLA, some missed it, one was reopened, one waits on us and two
are still open. Every problem goes through the services, so the clock columns are filled.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.contrib.auth.models import User
from django.utils import timezone

from vendorwatch.demo import DemoContext, loader
from vendorwatch.expectations.models import Service
from vendorwatch.problems.models import EscalationRule, EventKind, Problem
from vendorwatch.problems.services import problem_create, problem_event_add
from vendorwatch.providers.models import Provider
from vendorwatch.sla.demo import POLICY
from vendorwatch.sla.models import SlaPolicy

PROVIDER = "Brandl IT-Systemhaus GmbH"
Target, Action = EscalationRule.Target, EscalationRule.Action
# clock, at % of the target, business hours after the breach, action, contact level
RULES = [
    (Target.RESOLUTION, 75, 0, Action.NOTIFY_OWNER, 1),
    (Target.RESOLUTION, 100, 0, Action.DRAFT_PROVIDER, 1),
    (Target.RESOLUTION, 100, 4, Action.DRAFT_PROVIDER, 2),
]


@dataclass
class DemoProblem:
    title: str
    days_ago: int  # calendar days; a weekend moves the report back to the Friday before
    at: str
    impact: str
    urgency: str
    service: str
    what_happened: str
    affected: str = ""
    business_impact: str = ""
    already_tried: str = ""
    channel: str = "phone"
    # kind, working days after the report, time of day, note
    events: list[tuple[str, int, str, str]] = field(default_factory=list)


E = EventKind
PROBLEMS = [
    DemoProblem(
        "Virenwarnung auf dem Empfangs-PC",
        118,
        "08:20",
        "high",
        "high",
        "workplace",
        "Der Virenscanner meldet „Trojan:Win32/Wacatac“ und sperrt den Empfangs-PC.",
        "Empfang (1 Person), Telefonzentrale",
        "Besucher und Anrufe können nicht angenommen werden.",
        "PC vom Netz getrennt.",
        events=[
            (E.FIRST_RESPONSE, 0, "08:45", "Techniker schaltet sich per Fernwartung auf."),
            (E.RESOLVED, 0, "11:30", "Fund bereinigt, vollständiger Scan ohne Befund."),
            (E.CONFIRMED, 0, "12:00", ""),
        ],
    ),
    DemoProblem(
        "Drucker in der Buchhaltung druckt nicht",
        104,
        "09:10",
        "medium",
        "medium",
        "workplace",
        "Der Drucker HP LaserJet im 1. OG zeigt „Offline“; Aufträge bleiben in der Warteschlange.",
        "Buchhaltung (3 Personen)",
        "Rechnungen müssen am anderen Drucker im EG ausgedruckt werden.",
        "Drucker aus- und eingeschaltet, Netzwerkkabel geprüft.",
        events=[
            (E.FIRST_RESPONSE, 0, "11:00", "Ticket angenommen, Rückruf am Nachmittag."),
            (E.STATUS_UPDATE, 1, "10:00", "Druckertreiber auf dem Druckserver beschädigt."),
            (E.RESOLVED, 1, "15:30", "Treiber neu installiert."),
            (E.CONFIRMED, 2, "08:30", ""),
        ],
    ),
    DemoProblem(
        "VPN-Verbindung aus dem Homeoffice bricht ständig ab",
        88,
        "10:00",
        "medium",
        "high",
        "network",
        "Die VPN-Verbindung trennt sich alle 10–15 Minuten; danach ist keine Anmeldung möglich.",
        "Vertrieb im Homeoffice (6 Personen)",
        "Angebote können nicht rechtzeitig verschickt werden.",
        "Router zu Hause neu gestartet, anderer Internetanschluss getestet.",
        channel="email",
        events=[
            (E.FIRST_RESPONSE, 0, "10:40", "Dienstleister prüft die Firewall-Protokolle."),
            (E.STATUS_UPDATE, 1, "09:00", "Ursache vermutlich ein Firmware-Fehler der Firewall."),
            (E.RESOLVED, 3, "16:00", "Firmware aktualisiert, Verbindung stabil."),
            (E.CONFIRMED, 4, "09:00", ""),
        ],
    ),
    DemoProblem(
        "E-Mails an Kunden werden abgewiesen (Fehler 550)",
        73,
        "08:05",
        "high",
        "high",
        "email",
        "Ausgehende E-Mails kommen zurück: „550 5.7.1 Message rejected as spam“.",
        "Alle (28 Personen)",
        "Keine Auftragsbestätigungen und Angebote per E-Mail möglich.",
        "Test an private Adresse: ebenfalls abgewiesen.",
        events=[
            (E.FIRST_RESPONSE, 0, "08:25", "Störung bekannt, wird untersucht."),
            (E.WORKAROUND, 0, "09:30", "Versand vorübergehend über das Ausweich-Relay."),
            (E.RESOLVED, 0, "11:45", "SPF-Eintrag korrigiert, Sperrliste bereinigt."),
            (E.CONFIRMED, 0, "13:00", ""),
        ],
    ),
    DemoProblem(
        "Dateiserver sehr langsam",
        58,
        "13:30",
        "high",
        "medium",
        "server",
        "Öffnen und Speichern auf Laufwerk S: dauert über eine Minute.",
        "Konstruktion und Arbeitsvorbereitung (9 Personen)",
        "Zeichnungen können kaum bearbeitet werden.",
        "Andere Laufwerke sind normal schnell.",
        events=[
            (E.FIRST_RESPONSE, 0, "16:10", "Rückmeldung erst nach zweiter Nachfrage."),
            (E.RESOLVED, 1, "11:00", "Defekte Festplatte im RAID ersetzt."),
            (E.CONFIRMED, 1, "15:00", ""),
        ],
    ),
    DemoProblem(
        "Nächtliche Datensicherung fehlgeschlagen",
        45,
        "07:50",
        "high",
        "medium",
        "backup",
        "Die Sicherung des Servers meldet seit zwei Nächten „Job failed: target not reachable“.",
        "Alle Daten des Servers",
        "Ohne Sicherung droht Datenverlust.",
        channel="portal",
        events=[
            (E.FIRST_RESPONSE, 0, "08:30", ""),
            (E.STATUS_UPDATE, 0, "11:00", "NAS nach Stromausfall nicht wieder hochgefahren."),
            (E.RESOLVED, 0, "14:30", "NAS gestartet, Sicherung manuell nachgeholt."),
            (E.CONFIRMED, 1, "09:00", ""),
        ],
    ),
    DemoProblem(
        "Benutzerkonto für neue Mitarbeiterin anlegen",
        36,
        "10:15",
        "low",
        "medium",
        "onoffboarding",
        "Frau Yilmaz beginnt am Montag im Einkauf: Konto, Postfach, Zugriff auf Laufwerk E:.",
        "1 Person",
        channel="portal",
        events=[
            (E.FIRST_RESPONSE, 0, "14:00", "Rückfrage: Freigabe der Geschäftsführung fehlt."),
            (E.WAITING_ON_US, 0, "14:05", "Freigabe bei Herrn Müller angefragt."),
            (E.RESUMED, 1, "09:00", "Freigabe nachgereicht."),
            (E.RESOLVED, 2, "11:00", "Konto und Postfach eingerichtet."),
            (E.CONFIRMED, 2, "11:30", ""),
        ],
    ),
    DemoProblem(
        "Warenwirtschaft startet nach Update nicht mehr",
        27,
        "08:40",
        "high",
        "high",
        "server",
        "Nach dem Update am Wochenende bricht die Warenwirtschaft beim Start ab (0x80004005).",
        "Vertrieb, Lager, Buchhaltung (15 Personen)",
        "Keine Lieferscheine und Rechnungen; Versand steht.",
        "PC neu gestartet, auf zwei Arbeitsplätzen probiert.",
        events=[
            (E.FIRST_RESPONSE, 0, "09:30", ""),
            (E.STATUS_UPDATE, 0, "14:00", "Hersteller der Warenwirtschaft eingeschaltet."),
            (E.RESOLVED, 1, "10:00", "Update zurückgenommen, Datenbank repariert."),
            (E.CONFIRMED, 1, "11:00", ""),
        ],
    ),
    DemoProblem(
        "Outlook fragt ständig nach dem Passwort",
        19,
        "09:00",
        "medium",
        "medium",
        "email",
        "Outlook fordert mehrmals pro Stunde das Kennwort an, obwohl es stimmt.",
        "Geschäftsführung und Sekretariat (3 Personen)",
        already_tried="Kennwort neu eingegeben, Outlook neu gestartet.",
        channel="email",
        events=[
            (E.FIRST_RESPONSE, 0, "10:30", ""),
            (E.RESOLVED, 1, "15:00", "Anmeldeinformationen zurückgesetzt."),
            (E.REOPENED, 3, "08:45", "Tritt seit heute früh wieder auf."),
            (E.STATUS_UPDATE, 3, "13:00", "Moderne Authentifizierung war deaktiviert."),
            (E.RESOLVED, 4, "10:00", "Moderne Authentifizierung aktiviert, Profil neu angelegt."),
            (E.CONFIRMED, 4, "16:00", ""),
        ],
    ),
    DemoProblem(
        "WLAN im Besprechungsraum fällt immer wieder aus",
        8,
        "10:30",
        "medium",
        "high",
        "network",
        "Im Besprechungsraum bricht das WLAN mehrmals pro Stunde ab; Videokonferenzen reißen ab.",
        "Geschäftsführung, Vertrieb bei Kundenterminen",
        "Kundentermine per Video müssen ins Büro verlegt werden.",
        "Laptop neu gestartet, Access Point aus- und eingesteckt.",
        events=[
            (E.FIRST_RESPONSE, 0, "11:00", ""),
            (E.STATUS_UPDATE, 1, "09:30", "Access Point defekt, Ersatzgerät ist bestellt."),
        ],
    ),
    DemoProblem(
        "Scanner speichert nicht mehr im Netzwerkordner",
        4,
        "11:00",
        "medium",
        "medium",
        "workplace",
        "Der Kopierer scannt, meldet dann aber „Übertragung fehlgeschlagen (SMB)“.",
        "Verwaltung (5 Personen)",
        already_tried="Scan an E-Mail geht als Umweg.",
        events=[
            (E.FIRST_RESPONSE, 0, "13:00", ""),
            (E.WAITING_ON_US, 0, "13:20", "Dienstleister braucht das Kennwort des Scan-Benutzers."),
        ],
    ),
    DemoProblem(
        "Rufumleitung aufs Handy funktioniert nicht",
        1,
        "14:00",
        "low",
        "high",
        "telephony",
        "Anrufe an die Durchwahl 21 werden nicht mehr auf das Handy umgeleitet.",
        "Außendienst (2 Personen)",
        "Kundenanrufe gehen verloren.",
        events=[(E.FIRST_RESPONSE, 0, "15:30", "Wird an den Telefonie-Partner weitergegeben.")],
    ),
    DemoProblem(
        "Neuen Laptop für den Außendienst einrichten",
        1,
        "16:00",
        "low",
        "low",
        "workplace",
        "Herr Maier braucht einen eingerichteten Laptop mit VPN und Warenwirtschaft.",
        "1 Person",
        channel="portal",
    ),
]


def last_weekday(day: datetime) -> datetime:
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day


def add_working_days(day: datetime, count: int) -> datetime:
    for _n in range(count):
        day += timedelta(days=1)
        while day.weekday() >= 5:
            day += timedelta(days=1)
    return day


def at_time(day: datetime, clock: str) -> datetime:
    hour, minute = (int(part) for part in clock.split(":"))
    return timezone.make_aware(datetime.combine(day.date(), time(hour, minute)))


def load_rules(policy: SlaPolicy) -> None:
    for target, percent, hours, action, level in RULES:
        EscalationRule.objects.get_or_create(
            policy=policy,
            target=target,
            percent=percent,
            hours_after_breach=hours,
            action=action,
            defaults={"contact_level": level},
        )


def load_problem(
    spec: DemoProblem, number: int, *, policy: SlaPolicy, provider: Provider, people: list[User]
) -> None:
    now = timezone.localtime()
    day = last_weekday(now - timedelta(days=spec.days_ago))
    reported = at_time(day, spec.at)
    reporter, owner = people[number % len(people)], people[0]
    problem = Problem(
        title=spec.title,
        what_happened=spec.what_happened,
        since=reported - timedelta(minutes=20),
        affected_users=spec.affected,
        business_impact=spec.business_impact,
        already_tried=spec.already_tried,
        expected="Wieder normales Arbeiten; kurze Rückmeldung, wenn es länger dauert.",
        impact=spec.impact,
        urgency=spec.urgency,
        provider=provider,
        service=Service.objects.filter(starter_key=spec.service).first(),
        sla_policy=policy,
        reported_to_provider_at=reported,
        channel=spec.channel,
        provider_ticket_number=f"BR-{reported:%y%m}-{4100 + number * 37}",
        owner=owner,
    )
    problem_create(problem=problem, user=reporter)
    for kind, days, clock, text in spec.events:
        when = at_time(add_working_days(day, days), clock)
        if when <= now:
            problem_event_add(problem=problem, kind=kind, occurred_at=when, text=text, user=owner)


@loader(order=50)
def load_problems(context: DemoContext) -> None:
    policy = SlaPolicy.objects.filter(name=POLICY).first()
    provider = Provider.objects.filter(name=PROVIDER).first()
    if policy is None or provider is None:
        return
    load_rules(policy)
    people = list(User.objects.filter(username__in=["s.keller", "admin"]).order_by("-username"))
    if not people:
        return
    existing = set(Problem.objects.filter(provider=provider).values_list("title", flat=True))
    for number, spec in enumerate(PROBLEMS):
        if spec.title not in existing:
            load_problem(spec, number, policy=policy, provider=provider, people=people)
