"""Starter sets a small business can pick from: typical requirements, services and tasks.

Each entry is in German and English; what a user adds is stored in the language of the page
they added it from, and can be edited afterwards like anything they typed themselves.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Text:
    de: str
    en: str

    def get(self, language: str) -> str:
        return self.de if language.startswith("de") else self.en


@dataclass(frozen=True)
class StarterRequirement:
    key: str
    category: Text
    priority: str
    title: Text
    criterion: Text


SUPPORT = Text("Support", "Support")
SECURITY = Text("Sicherheit", "Security")
BACKUP = Text("Datensicherung", "Backup")
OPERATIONS = Text("Betrieb", "Operations")
DOCUMENTATION = Text("Dokumentation", "Documentation")
COMMUNICATION = Text("Kommunikation", "Communication")
PEOPLE = Text("Mitarbeitende", "Staff")
CONTRACT = Text("Vertrag und Kosten", "Contract and costs")


def _r(
    key: str, category: Text, priority: str, title: tuple[str, str], criterion: tuple[str, str]
) -> StarterRequirement:
    return StarterRequirement(key, category, priority, Text(*title), Text(*criterion))


REQUIREMENTS: tuple[StarterRequirement, ...] = (
    _r(
        "support-hours",
        SUPPORT,
        "must",
        (
            "Erreichbarer Support zu unseren Arbeitszeiten",
            "Support reachable during our working hours",
        ),
        (
            "Telefon und E-Mail Mo–Fr 8–17 Uhr besetzt; Annahme jeder Meldung mit Ticketnummer.",
            "Phone and e-mail staffed Mon–Fri 8:00–17:00; every report acknowledged with a ticket number.",
        ),
    ),
    _r(
        "response-times",
        SUPPORT,
        "must",
        ("Verbindliche Reaktionszeiten je Priorität", "Binding response times per priority"),
        (
            "Reaktionszeiten im SLA festgelegt; monatlicher Nachweis der Einhaltung.",
            "Response times set in the SLA; compliance reported monthly.",
        ),
    ),
    _r(
        "ticket-updates",
        SUPPORT,
        "should",
        (
            "Regelmäßige Statusmeldungen zu offenen Problemen",
            "Regular status updates on open problems",
        ),
        (
            "Bei Priorität 1 und 2 mindestens alle 4 Geschäftsstunden ein Zwischenstand per E-Mail.",
            "For priority 1 and 2 an e-mail update at least every 4 business hours.",
        ),
    ),
    _r(
        "ticket-export",
        SUPPORT,
        "should",
        ("Export der Tickets zu unseren Meldungen", "Export of the tickets for our reports"),
        (
            "Monatlich eine CSV-Datei mit allen Tickets, Zeitstempeln und Status.",
            "A monthly CSV file with all tickets, timestamps and statuses.",
        ),
    ),
    _r(
        "remote-support",
        SUPPORT,
        "should",
        ("Fernwartung nur mit unserer Zustimmung", "Remote support only with our consent"),
        (
            "Jede Fernwartungssitzung wird von uns freigegeben und protokolliert.",
            "Every remote session is approved by us and logged.",
        ),
    ),
    _r(
        "onsite",
        SUPPORT,
        "could",
        ("Vor-Ort-Einsatz bei Bedarf", "On-site visit when needed"),
        (
            "Techniker bei Priorität 1 innerhalb von 4 Geschäftsstunden vor Ort.",
            "Technician on site within 4 business hours for priority 1.",
        ),
    ),
    _r(
        "backup-daily",
        BACKUP,
        "must",
        (
            "Tägliche Datensicherung aller Server und Cloud-Daten",
            "Daily backup of all servers and cloud data",
        ),
        (
            "Sicherung täglich, Aufbewahrung 30 Tage; Fehlschläge werden am selben Tag gemeldet.",
            "Backup every day, kept for 30 days; failures reported the same day.",
        ),
    ),
    _r(
        "backup-offsite",
        BACKUP,
        "must",
        ("Eine Sicherungskopie außer Haus", "One backup copy off site"),
        (
            "Mindestens eine Kopie getrennt vom Firmengebäude und vor Löschung geschützt.",
            "At least one copy away from the building and protected against deletion.",
        ),
    ),
    _r(
        "restore-test",
        BACKUP,
        "must",
        ("Wiederherstellung regelmäßig getestet", "Restore tested regularly"),
        (
            "Rücksicherung vierteljährlich getestet, Protokoll an uns übergeben.",
            "Restore tested quarterly, report delivered to us.",
        ),
    ),
    _r(
        "patching",
        SECURITY,
        "must",
        ("Sicherheitsupdates zeitnah eingespielt", "Security updates installed promptly"),
        (
            "Kritische Updates innerhalb von 7 Tagen, übrige monatlich; monatlicher Bericht.",
            "Critical updates within 7 days, others monthly; monthly report.",
        ),
    ),
    _r(
        "antivirus",
        SECURITY,
        "must",
        ("Schutz vor Schadsoftware auf allen Geräten", "Malware protection on all devices"),
        (
            "Virenschutz auf allen Arbeitsplätzen und Servern aktiv; Alarme werden bearbeitet.",
            "Malware protection active on all workstations and servers; alerts are handled.",
        ),
    ),
    _r(
        "firewall",
        SECURITY,
        "must",
        ("Firewall gepflegt und überwacht", "Firewall maintained and monitored"),
        (
            "Firmware aktuell, Regeln dokumentiert und halbjährlich geprüft.",
            "Firmware current, rules documented and reviewed twice a year.",
        ),
    ),
    _r(
        "mfa",
        SECURITY,
        "must",
        (
            "Zwei-Faktor-Anmeldung für E-Mail und Fernzugriff",
            "Two-factor sign-in for e-mail and remote access",
        ),
        (
            "Für alle Konten eingerichtet; Ausnahmen schriftlich begründet.",
            "Set up for all accounts; exceptions justified in writing.",
        ),
    ),
    _r(
        "admin-accounts",
        SECURITY,
        "should",
        ("Persönliche Administratorkonten", "Personal administrator accounts"),
        (
            "Keine geteilten Administratorkonten; Liste aller Admin-Zugänge halbjährlich an uns.",
            "No shared administrator accounts; list of all admin accounts sent to us twice a year.",
        ),
    ),
    _r(
        "security-incident",
        SECURITY,
        "must",
        ("Meldung von Sicherheitsvorfällen", "Reporting of security incidents"),
        (
            "Verdacht auf einen Vorfall wird uns innerhalb von 24 Stunden gemeldet (DSGVO Art. 33).",
            "A suspected incident is reported to us within 24 hours (GDPR Art. 33).",
        ),
    ),
    _r(
        "avv",
        CONTRACT,
        "must",
        ("Vertrag zur Auftragsverarbeitung (AVV)", "Data processing agreement (GDPR Art. 28)"),
        (
            "Unterschriebener AVV liegt vor, inklusive Liste der Unterauftragnehmer.",
            "Signed agreement on file, including the list of subcontractors.",
        ),
    ),
    _r(
        "monitoring",
        OPERATIONS,
        "should",
        ("Überwachung von Servern und Netzwerk", "Monitoring of servers and network"),
        (
            "Ausfälle werden automatisch erkannt und ohne unsere Meldung bearbeitet.",
            "Outages are detected automatically and handled without our report.",
        ),
    ),
    _r(
        "availability",
        OPERATIONS,
        "should",
        ("Zugesagte Verfügbarkeit der wichtigen Dienste", "Promised availability of key services"),
        (
            "Server und E-Mail mindestens 99,5 % in den Servicezeiten, monatlich nachgewiesen.",
            "Servers and e-mail at least 99.5% during service hours, shown monthly.",
        ),
    ),
    _r(
        "licences",
        OPERATIONS,
        "should",
        ("Übersicht über Lizenzen", "Overview of licences"),
        (
            "Aktuelle Liste aller Lizenzen mit Anzahl, Laufzeit und Kosten, halbjährlich.",
            "Current list of all licences with count, term and cost, twice a year.",
        ),
    ),
    _r(
        "hardware-lifecycle",
        OPERATIONS,
        "could",
        ("Planung für den Austausch von Geräten", "Plan for replacing devices"),
        (
            "Jährliche Liste der Geräte mit Alter, Garantie und Austauschempfehlung.",
            "Yearly list of devices with age, warranty and replacement advice.",
        ),
    ),
    _r(
        "documentation",
        DOCUMENTATION,
        "must",
        ("Aktuelle IT-Dokumentation bei uns", "Current IT documentation held by us"),
        (
            "Netzplan, Systeme, Zugänge und Konfigurationen; jederzeit für uns abrufbar, halbjährlich aktualisiert.",
            "Network plan, systems, accounts and configurations; available to us at any time, updated twice a year.",
        ),
    ),
    _r(
        "emergency-plan",
        DOCUMENTATION,
        "should",
        ("Notfallplan für Ausfälle", "Emergency plan for outages"),
        (
            "Schriftlicher Plan für Server-, Internet- und Stromausfall; jährlich gemeinsam geprüft.",
            "Written plan for server, internet and power outages; reviewed together yearly.",
        ),
    ),
    _r(
        "credentials-handover",
        DOCUMENTATION,
        "must",
        ("Herausgabe aller Zugangsdaten auf Verlangen", "All credentials handed over on request"),
        (
            "Innerhalb von 5 Geschäftstagen vollständig und verschlüsselt übergeben.",
            "Handed over completely and encrypted within 5 business days.",
        ),
    ),
    _r(
        "monthly-report",
        COMMUNICATION,
        "should",
        ("Monatlicher Leistungsbericht", "Monthly performance report"),
        (
            "Bis zum 10. des Folgemonats: Tickets, Reaktionszeiten, Updates, Sicherungen, offene Punkte.",
            "By the 10th of the following month: tickets, response times, updates, backups, open items.",
        ),
    ),
    _r(
        "service-meeting",
        COMMUNICATION,
        "should",
        ("Regelmäßiges Abstimmungsgespräch", "Regular review meeting"),
        (
            "Vierteljährlich ein Termin mit Protokoll und Aufgabenliste.",
            "A quarterly meeting with minutes and a task list.",
        ),
    ),
    _r(
        "named-contact",
        COMMUNICATION,
        "must",
        ("Fester Ansprechpartner", "Named contact person"),
        (
            "Ein namentlich benannter Ansprechpartner mit Vertretung.",
            "A named contact person with a deputy.",
        ),
    ),
    _r(
        "onboarding",
        PEOPLE,
        "should",
        (
            "Arbeitsplatz für neue Mitarbeitende bis zum ersten Tag",
            "Workplace ready for new staff on day one",
        ),
        (
            "Gerät, Konten und Zugänge bereit, wenn wir 5 Geschäftstage vorher Bescheid geben.",
            "Device, accounts and access ready when we give 5 business days' notice.",
        ),
    ),
    _r(
        "offboarding",
        PEOPLE,
        "must",
        (
            "Zugänge ausscheidender Mitarbeitender sofort gesperrt",
            "Access of leaving staff removed at once",
        ),
        (
            "Sperrung am letzten Arbeitstag, Bestätigung per E-Mail.",
            "Disabled on the last working day, confirmed by e-mail.",
        ),
    ),
    _r(
        "awareness",
        PEOPLE,
        "could",
        ("Schulung zu Phishing und sicherem Arbeiten", "Training on phishing and safe working"),
        (
            "Einmal im Jahr eine kurze Schulung für alle Mitarbeitenden.",
            "A short training for all staff once a year.",
        ),
    ),
    _r(
        "price-transparency",
        CONTRACT,
        "must",
        ("Nachvollziehbare Rechnungen", "Invoices we can check"),
        (
            "Jede Position mit Leistung, Menge, Einzelpreis und Bezug zum Vertrag.",
            "Every line with service, quantity, unit price and reference to the contract.",
        ),
    ),
    _r(
        "exit-support",
        CONTRACT,
        "must",
        ("Unterstützung beim Wechsel des Dienstleisters", "Support when changing provider"),
        (
            "Übergabe von Daten, Dokumentation und Zugängen an einen Nachfolger zu festen Stundensätzen.",
            "Handover of data, documentation and access to a successor at fixed hourly rates.",
        ),
    ),
)


@dataclass(frozen=True)
class StarterService:
    key: str
    name: Text
    scope: Text
    unit: Text
    availability: str | None = None


def _s(
    key: str,
    name: tuple[str, str],
    scope: tuple[str, str],
    unit: tuple[str, str],
    availability: str | None = None,
) -> StarterService:
    return StarterService(key, Text(*name), Text(*scope), Text(*unit), availability)


SERVICES: tuple[StarterService, ...] = (
    _s(
        "helpdesk",
        ("Helpdesk", "Helpdesk"),
        (
            "Annahme und Bearbeitung von Störungen und Anfragen per Telefon, E-Mail und Portal.",
            "Taking and handling problems and requests by phone, e-mail and portal.",
        ),
        ("Pauschale", "flat rate"),
    ),
    _s(
        "workplace",
        ("Arbeitsplatzbetreuung", "Workplace support"),
        (
            "PCs, Notebooks, Drucker: Einrichtung, Pflege, Fehlerbehebung.",
            "PCs, laptops, printers: set-up, care, troubleshooting.",
        ),
        ("Arbeitsplätze", "workplaces"),
    ),
    _s(
        "server",
        ("Serverbetrieb", "Server operation"),
        (
            "Betrieb, Überwachung und Pflege der Server (vor Ort oder in der Cloud).",
            "Running, monitoring and maintaining the servers (on site or in the cloud).",
        ),
        ("Server", "servers"),
        "99.5",
    ),
    _s(
        "backup",
        ("Datensicherung und Wiederherstellungstests", "Backup and restore tests"),
        (
            "Tägliche Sicherung, Kopie außer Haus, vierteljährlicher Wiederherstellungstest mit Protokoll.",
            "Daily backup, off-site copy, quarterly restore test with report.",
        ),
        ("Pauschale", "flat rate"),
    ),
    _s(
        "patching",
        ("Patch-Management", "Patch management"),
        (
            "Sicherheitsupdates für Betriebssysteme und Programme, monatlicher Bericht.",
            "Security updates for operating systems and software, monthly report.",
        ),
        ("Geräte", "devices"),
    ),
    _s(
        "firewall",
        ("Firewall und Internetzugang", "Firewall and internet access"),
        (
            "Betrieb und Pflege der Firewall, VPN-Zugänge, Internetleitung.",
            "Running and maintaining the firewall, VPN access, internet line.",
        ),
        ("Pauschale", "flat rate"),
        "99.5",
    ),
    _s(
        "email",
        ("E-Mail und Microsoft 365", "E-mail and Microsoft 365"),
        (
            "Verwaltung der Konten, Postfächer, Lizenzen und Sicherheitseinstellungen.",
            "Managing accounts, mailboxes, licences and security settings.",
        ),
        ("Benutzer", "users"),
        "99.9",
    ),
    _s(
        "network",
        ("Netzwerk und WLAN", "Network and Wi-Fi"),
        (
            "Switche, WLAN-Zugangspunkte, Verkabelung: Betrieb und Fehlerbehebung.",
            "Switches, Wi-Fi access points, cabling: operation and troubleshooting.",
        ),
        ("Pauschale", "flat rate"),
        "99.5",
    ),
    _s(
        "telephony",
        ("Telefonie", "Telephony"),
        (
            "Telefonanlage oder Cloud-Telefonie, Rufnummern, Endgeräte.",
            "Phone system or cloud telephony, numbers, handsets.",
        ),
        ("Anschlüsse", "lines"),
        "99.5",
    ),
    _s(
        "awareness",
        ("Sicherheitsschulung", "Security awareness training"),
        (
            "Jährliche Schulung und Phishing-Übungen für alle Mitarbeitenden.",
            "Yearly training and phishing exercises for all staff.",
        ),
        ("Teilnehmende", "participants"),
    ),
    _s(
        "onoffboarding",
        ("Ein- und Austritt von Mitarbeitenden", "Staff onboarding and offboarding"),
        (
            "Arbeitsplatz, Konten und Zugänge einrichten und wieder entziehen.",
            "Setting up and removing workplace, accounts and access.",
        ),
        ("Vorgänge", "cases"),
    ),
    _s(
        "documentation",
        ("IT-Dokumentation", "IT documentation"),
        (
            "Pflege von Netzplan, Systemliste, Zugängen und Notfallplan.",
            "Keeping the network plan, system list, accounts and emergency plan up to date.",
        ),
        ("Pauschale", "flat rate"),
    ),
    _s(
        "monitoring",
        ("Überwachung", "Monitoring"),
        (
            "Automatische Überwachung von Servern, Sicherungen und Netzwerk mit Alarmierung.",
            "Automatic monitoring of servers, backups and network with alerting.",
        ),
        ("Pauschale", "flat rate"),
    ),
)


@dataclass(frozen=True)
class StarterTask:
    key: str
    title: Text
    category: Text


TASKS: tuple[StarterTask, ...] = (
    StarterTask("report-problem", Text("Störung melden", "Report a problem"), SUPPORT),
    StarterTask("fix-problem", Text("Störung beheben", "Fix a problem"), SUPPORT),
    StarterTask("confirm-fix", Text("Behebung bestätigen", "Confirm a fix"), SUPPORT),
    StarterTask("backup-run", Text("Datensicherung durchführen", "Run the backup"), BACKUP),
    StarterTask("restore-test", Text("Wiederherstellung testen", "Test a restore"), BACKUP),
    StarterTask("patching", Text("Updates einspielen", "Install updates"), SECURITY),
    StarterTask(
        "user-accounts",
        Text("Benutzerkonten anlegen und sperren", "Create and disable user accounts"),
        PEOPLE,
    ),
    StarterTask("buy-licences", Text("Lizenzen beschaffen", "Buy licences"), OPERATIONS),
    StarterTask("buy-hardware", Text("Hardware beschaffen", "Buy hardware"), OPERATIONS),
    StarterTask(
        "documentation",
        Text("IT-Dokumentation pflegen", "Keep the IT documentation"),
        DOCUMENTATION,
    ),
    StarterTask(
        "emergency-plan",
        Text("Notfallplan pflegen und üben", "Keep and rehearse the emergency plan"),
        DOCUMENTATION,
    ),
    StarterTask(
        "security-incident",
        Text("Sicherheitsvorfall melden (DSGVO)", "Report a security incident (GDPR)"),
        SECURITY,
    ),
    StarterTask(
        "approve-changes",
        Text("Änderungen an Systemen freigeben", "Approve changes to systems"),
        OPERATIONS,
    ),
    StarterTask(
        "monthly-report", Text("Monatsbericht erstellen", "Write the monthly report"), COMMUNICATION
    ),
    StarterTask("check-invoices", Text("Rechnungen prüfen", "Check invoices"), CONTRACT),
)

PARTIES: tuple[tuple[str, Text, str], ...] = (
    ("management", Text("Geschäftsführung", "Management"), "internal"),
    ("office", Text("Büroleitung", "Office manager"), "internal"),
    ("staff", Text("Mitarbeitende", "Staff"), "internal"),
    ("provider-support", Text("Dienstleister: Support", "Provider: support desk"), "provider"),
    (
        "provider-account",
        Text("Dienstleister: Kundenbetreuung", "Provider: account manager"),
        "provider",
    ),
)


def requirement_by_key(key: str) -> StarterRequirement | None:
    return next((r for r in REQUIREMENTS if r.key == key), None)


def service_by_key(key: str) -> StarterService | None:
    return next((s for s in SERVICES if s.key == key), None)
