"""Every engine message is extractable, and has a German translation with the same
placeholders. ``GERMAN`` is the reference the project catalogue is filled from."""

import ast
import string
from pathlib import Path

import polib
import pytest

from vendorwatch.core.deadlines import i18n, translator

PACKAGE = Path(i18n.__file__).parent

GERMAN = {
    "Germany": "Deutschland",
    "Baden-Württemberg": "Baden-Württemberg",
    "Bavaria": "Bayern",
    "Berlin": "Berlin",
    "Brandenburg": "Brandenburg",
    "Bremen": "Bremen",
    "Hamburg": "Hamburg",
    "Hesse": "Hessen",
    "Mecklenburg-Western Pomerania": "Mecklenburg-Vorpommern",
    "Lower Saxony": "Niedersachsen",
    "North Rhine-Westphalia": "Nordrhein-Westfalen",
    "Rhineland-Palatinate": "Rheinland-Pfalz",
    "Saarland": "Saarland",
    "Saxony": "Sachsen",
    "Saxony-Anhalt": "Sachsen-Anhalt",
    "Schleswig-Holstein": "Schleswig-Holstein",
    "Thuringia": "Thüringen",
    "contract terms": "vertragliche Vereinbarung",
    "§ 130(1) BGB": "§ 130 Abs. 1 BGB",
    "§ 187(1) BGB": "§ 187 Abs. 1 BGB",
    "§ 187(2) BGB": "§ 187 Abs. 2 BGB",
    "§ 188(1) BGB": "§ 188 Abs. 1 BGB",
    "§ 188(2) BGB": "§ 188 Abs. 2 BGB",
    "§ 188(3) BGB": "§ 188 Abs. 3 BGB",
    "§ 189(1) BGB": "§ 189 Abs. 1 BGB",
    "§ 190 BGB": "§ 190 BGB",
    "§ 192 BGB": "§ 192 BGB",
    "§ 193 BGB does not apply to notice periods (BGH, 17.02.2005, III ZR 172/04)": (
        "§ 193 BGB gilt nicht für Kündigungsfristen (BGH, 17.02.2005, III ZR 172/04)"
    ),
    "Saturday is a Werktag (BGH, 27.04.2005, VIII ZR 206/04)": (
        "Der Samstag ist ein Werktag (BGH, 27.04.2005, VIII ZR 206/04)"
    ),
    "§ 620(2) BGB": "§ 620 Abs. 2 BGB",
    "§ 621 No. 1 BGB": "§ 621 Nr. 1 BGB",
    "§ 621 No. 2 BGB": "§ 621 Nr. 2 BGB",
    "§ 621 No. 3 BGB": "§ 621 Nr. 3 BGB",
    "§ 621 No. 4 BGB": "§ 621 Nr. 4 BGB",
    "§ 621 No. 5 BGB": "§ 621 Nr. 5 BGB",
    "Contract start: {start}; that day counts in full.": (
        "Vertragsbeginn: {start}; dieser Tag wird voll mitgerechnet."
    ),
    "The minimum term ({period}) ends on {end}.": "Die Mindestlaufzeit ({period}) endet am {end}.",
    "The contract has a fixed term: it ends on {end} without notice.": (
        "Der Vertrag ist befristet: Er endet am {end}, ohne dass es einer Kündigung bedarf."
    ),
    "The fixed term ended on {end}.": "Die feste Laufzeit endete am {end}.",
    "The contract renews by {period} at a time, each renewal counted from the end of the"
    " previous term: the term from {term_start} ends on {end}.": (
        "Der Vertrag verlängert sich jeweils um {period}, jede Verlängerung vom Ablauf der"
        " vorherigen Laufzeit an berechnet: Die Laufzeit ab dem {term_start} endet am {end}."
    ),
    "The contract runs for an indefinite period.": "Der Vertrag läuft auf unbestimmte Zeit.",
    "After the minimum term the contract continues for an indefinite period.": (
        "Nach Ablauf der Mindestlaufzeit läuft der Vertrag auf unbestimmte Zeit weiter."
    ),
    "Notice to the end of the minimum term ({end}): {period}.": (
        "Kündigungsfrist zum Ende der Mindestlaufzeit ({end}): {period}."
    ),
    "Possible ends of the contract: {anchor}.": "Mögliche Kündigungstermine: {anchor}.",
    "No notice period is agreed for this service contract; the statutory notice period"
    " applies, with pay measured {pay}.": (
        "Für diesen Dienstvertrag ist keine Kündigungsfrist vereinbart; es gilt die gesetzliche"
        " Kündigungsfrist für eine Vergütung, die {pay} bemessen ist."
    ),
    "Notice to {missed_end} had to be received by {missed_deadline}. That day has passed:"
    " the contract renews by {period}, so its earliest end is now {end}.": (
        "Eine Kündigung zum {missed_end} hätte bis zum {missed_deadline} zugehen müssen. Dieser"
        " Tag ist verstrichen: Der Vertrag verlängert sich um {period}; frühestes Vertragsende"
        " ist jetzt der {end}."
    ),
    "Notice to the end of the minimum term, {missed_end}, had to be received by"
    " {missed_deadline}. That day has passed: the contract continues after the minimum"
    " term, so its earliest end is now {end}.": (
        "Eine Kündigung zum Ende der Mindestlaufzeit, dem {missed_end}, hätte bis zum"
        " {missed_deadline} zugehen müssen. Dieser Tag ist verstrichen: Der Vertrag läuft nach"
        " der Mindestlaufzeit weiter; frühestes Vertragsende ist jetzt der {end}."
    ),
    "Next possible end of the contract: {end}.": "Nächstmögliches Vertragsende: {end}.",
    "Notice period ({period}) to {end}: counted back, the period begins on {period_start},"
    " so the notice must be received on {deadline} at the latest (the day of receipt does"
    " not count).": (
        "Kündigungsfrist ({period}) zum {end}: Rückwärts gerechnet beginnt die Frist am"
        " {period_start}; die Kündigung muss dem Empfänger daher spätestens am {deadline}"
        " zugehen (der Tag des Zugangs wird nicht mitgerechnet)."
    ),
    "Check: notice received on {deadline} leaves the period {period_start} to"
    " {period_end}, which ends no later than {end}; received one day later, the period"
    " would end on {late_end}.": (
        "Probe: Geht die Kündigung am {deadline} zu, läuft die Frist vom {period_start} bis"
        " zum {period_end} und endet nicht nach dem {end}; ginge sie einen Tag später zu,"
        " endete die Frist erst am {late_end}."
    ),
    "The month in which the period ends has no day {day}, so the period ends on its last"
    " day, {period_end}.": (
        "Der Monat, in dem die Frist endet, hat keinen {day}. Tag; die Frist endet daher mit"
        " Ablauf seines letzten Tages, dem {period_end}."
    ),
    "Notice to {end} must be received by Werktag no. {nth} of the month {month}, that is"
    " {deadline} (Saturdays count as Werktage, Sundays and public holidays do not).": (
        "Die Kündigung zum {end} muss spätestens am {nth}. Werktag des Monats {month} zugehen,"
        " also am {deadline} (Samstage zählen als Werktage, Sonn- und Feiertage nicht)."
    ),
    "{deadline} is a Saturday. Whether such a deadline moves to the next Werktag is"
    " disputed; to be safe, it is not moved here.": (
        "Der {deadline} ist ein Samstag. Ob sich eine solche Frist auf den nächsten Werktag"
        " verschiebt, ist umstritten; sicherheitshalber wird sie hier nicht verschoben."
    ),
    "Notice to Saturday {end} must be received by the first Werktag of that week, {deadline}.": (
        "Die Kündigung zum Samstag, {end}, muss spätestens am ersten Werktag dieser Woche"
        " zugehen, dem {deadline}."
    ),
    "Notice to the end of the month, {end}, must be received by the 15th of that month,"
    " {deadline}.": (
        "Die Kündigung zum Monatsende, {end}, muss spätestens am 15. dieses Monats zugehen,"
        " dem {deadline}."
    ),
    "The contract can be terminated at any time: it ends on the day the notice is"
    " received, {deadline}.": (
        "Der Vertrag ist jederzeit kündbar: Er endet mit dem Tag, an dem die Kündigung"
        " zugeht, dem {deadline}."
    ),
    "What counts is when the notice reaches the provider, not when it is sent.": (
        "Maßgeblich ist der Zugang der Kündigung beim Empfänger, nicht das Absenden."
    ),
    "{deadline} is a {day_kind}; the deadline is not moved to the next working day.": (
        "Der {deadline} ist ein {day_kind}; die Frist verschiebt sich nicht auf den nächsten"
        " Werktag."
    ),
    "{deadline} is a business day (Monday to Friday, no public holiday in {region}).": (
        "Der {deadline} ist ein Geschäftstag (Montag bis Freitag, kein gesetzlicher Feiertag"
        " in {region})."
    ),
    "A letter delivered to a business on a weekend or public holiday is generally only"
    " received on the next business day: make sure it arrives by {last_business_day}, the"
    " last business day before the deadline.": (
        "Ein Schreiben, das einem Unternehmen am Wochenende oder an einem Feiertag zugestellt"
        " wird, geht in der Regel erst am nächsten Geschäftstag zu: Es sollte spätestens am"
        " {last_business_day} ankommen, dem letzten Geschäftstag vor Fristablauf."
    ),
    "Allowing {postal_days} business days for the post, send the letter by {send_date}.": (
        "Bei {postal_days} Geschäftstagen Postlaufzeit sollte das Schreiben spätestens am"
        " {send_date} abgeschickt werden."
    ),
    "Allowing {postal_days} business day for the post, send the letter by {send_date}.": (
        "Bei {postal_days} Geschäftstag Postlaufzeit sollte das Schreiben spätestens am"
        " {send_date} abgeschickt werden."
    ),
    "Days left until the receipt deadline: {days}.": (
        "Verbleibende Tage bis zum Ablauf der Zugangsfrist: {days}."
    ),
    "The recommended send date {send_date} has passed, but the deadline {deadline} has"
    " not: too late for the post — deliver by hand or courier today, with proof of"
    " delivery.": (
        "Der empfohlene Absendetag {send_date} ist verstrichen, die Frist ({deadline}) aber"
        " noch nicht: Für die Post ist es zu spät – heute per Boten oder Kurier zustellen,"
        " mit Zustellnachweis."
    ),
    "{day} is {day_name}: a letter delivered to a business on that afternoon is often only"
    " treated as received on the next business day. To be safe, make sure it arrives by"
    " {arrival}, the business day before; the legal deadline stays {deadline}.": (
        "Der {day} ist {day_name}: Ein Schreiben, das einem Unternehmen an diesem Nachmittag"
        " zugestellt wird, gilt oft erst am nächsten Geschäftstag als zugegangen."
        " Sicherheitshalber sollte es bis zum {arrival} ankommen, dem Geschäftstag davor; die"
        " gesetzliche Frist bleibt der {deadline}."
    ),
    "Earliest end of the contract: {end}": "Frühestes Vertragsende: {end}",
    "Notice must arrive by: {arrival}": "Die Kündigung muss ankommen bis: {arrival}",
    "Notice must arrive by: {arrival}, the last business day before the deadline ({deadline})": (
        "Die Kündigung muss ankommen bis: {arrival}, dem letzten Geschäftstag vor Fristablauf"
        " ({deadline})"
    ),
    "Notice must arrive by: {arrival} – not on {day_name} ({day}): a letter delivered"
    " to a business that afternoon often only counts as received on the next business"
    " day (legal deadline: {deadline})": (
        "Die Kündigung muss ankommen bis: {arrival} – nicht erst an {day_name} ({day}): Ein"
        " Schreiben, das einem Unternehmen an diesem Nachmittag zugestellt wird, gilt oft erst"
        " am nächsten Geschäftstag als zugegangen (gesetzliche Frist: {deadline})"
    ),
    "Send by: {send_date}": "Spätestens absenden am: {send_date}",
    "Send by: {send_date} has passed – too late for the post; deliver by hand or courier today": (
        "Spätestens absenden am: {send_date} – dieser Tag ist verstrichen, für die Post ist es"
        " zu spät; heute per Boten oder Kurier zustellen"
    ),
    "BGH, 05.12.2007, XII ZR 148/05": "BGH, 05.12.2007, XII ZR 148/05",
    "Notice must arrive by: {day} ({day_name}), in the morning – deliver it by hand or"
    " courier: a letter delivered to a business that afternoon often only counts as"
    " received on the next business day (legal deadline: {deadline})": (
        "Die Kündigung muss ankommen bis: {day} ({day_name}), vormittags – per Boten oder"
        " Kurier zustellen: Ein Schreiben, das einem Unternehmen an diesem Nachmittag"
        " zugestellt wird, gilt oft erst am nächsten Geschäftstag als zugegangen (gesetzliche"
        " Frist: {deadline})"
    ),
    "Notice must arrive today, {day} ({day_name}): the legal deadline ends today. Deliver"
    " it by hand or courier in the morning – a letter delivered to a business that"
    " afternoon often only counts as received on the next business day": (
        "Die Kündigung muss heute ankommen, am {day} ({day_name}): Die gesetzliche Frist"
        " endet heute. Stellen Sie sie vormittags per Boten oder Kurier zu – ein Schreiben,"
        " das einem Unternehmen am Nachmittag zugestellt wird, gilt oft erst am nächsten"
        " Geschäftstag als zugegangen"
    ),
    "Notice must arrive by: {deadline}, the legal deadline – the last business day before"
    " it has passed, so deliver it by hand or courier today, with proof of delivery": (
        "Die Kündigung muss ankommen bis: {deadline}, dem Ende der gesetzlichen Frist – der"
        " letzte Geschäftstag davor ist verstrichen; stellen Sie sie heute per Boten oder"
        " Kurier zu, mit Zustellnachweis"
    ),
    "Christmas Eve": "Heiligabend",
    "New Year's Eve": "Silvester",
    "Saturday": "Samstag",
    "Sunday": "Sonntag",
    "public holiday": "gesetzlicher Feiertag",
    "{n} day": "{n} Tag",
    "{n} days": "{n} Tage",
    "{n} week": "{n} Woche",
    "{n} weeks": "{n} Wochen",
    "{n} month": "{n} Monat",
    "{n} months": "{n} Monate",
    "{n} quarter": "{n} Quartal",
    "{n} quarters": "{n} Quartale",
    "{n} half year": "{n} Halbjahr",
    "{n} half years": "{n} Halbjahre",
    "{n} year": "{n} Jahr",
    "{n} years": "{n} Jahre",
    "the end of the minimum term": "das Ende der Mindestlaufzeit",
    "every Saturday": "jeder Samstag",
    "the end of each term": "das Ende jeder Laufzeit (Mindestlaufzeit oder Verlängerung)",
    "the end of each calendar month": "jedes Monatsende",
    "the end of each calendar quarter": "jedes Quartalsende",
    "the end of each calendar year": "jedes Jahresende",
    "any day": "jeder Tag",
    "by the day": "nach Tagen",
    "by the week": "nach Wochen",
    "by the month": "nach Monaten",
    "by the quarter or longer": "nach Vierteljahren oder längeren Zeitabschnitten",
    "not by periods of time": "nicht nach Zeitabschnitten",
    "A contract that renews or has a fixed term needs a minimum term.": (
        "Ein Vertrag, der sich verlängert oder befristet ist, braucht eine Mindestlaufzeit."
    ),
    "A contract that renews needs a renewal term.": (
        "Ein Vertrag, der sich verlängert, braucht einen Verlängerungszeitraum."
    ),
    "Enter the notice period.": "Bitte die Kündigungsfrist angeben.",
    "A contract that renews can only be terminated to the end of a term.": (
        "Ein Vertrag, der sich verlängert, kann nur zum Ende einer Laufzeit gekündigt werden."
    ),
    "Enter the notice period and what it runs to after the minimum term.": (
        "Bitte Kündigungsfrist und Kündigungstermin für die Zeit nach der Mindestlaufzeit angeben."
    ),
    "An open-ended contract has no term end: choose what the notice runs to.": (
        "Ein unbefristeter Vertrag hat kein Laufzeitende: Bitte den Kündigungstermin wählen."
    ),
    "A contract without a minimum term has no term end: choose what the notice runs to.": (
        "Ein Vertrag ohne Mindestlaufzeit hat kein Laufzeitende: Bitte den Kündigungstermin wählen."
    ),
    "A term must be at least one day long.": "Eine Laufzeit muss mindestens einen Tag betragen.",
    "Choose how the pay is measured (§ 621 BGB) or enter a notice period.": (
        "Bitte angeben, wie die Vergütung bemessen ist (§ 621 BGB), oder eine Kündigungsfrist"
        " eintragen."
    ),
    "The working day must be between 1 and 20 and the months between 0 and 24.": (
        "Der Werktag muss zwischen 1 und 20 liegen, die Zahl der Monate zwischen 0 und 24."
    ),
}


def german(message: str) -> str:
    return GERMAN.get(message, message)


def extracted_msgids() -> list[str]:
    """What xgettext finds: string literals directly inside ``gettext_noop(...)``."""
    found = []
    for path in sorted(PACKAGE.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "gettext_noop":
                if path.name == "i18n.py":
                    continue
                (argument,) = node.args
                assert isinstance(argument, ast.Constant), f"not a literal in {path.name}"
                found.append(argument.value)
    return found


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_msgid_has_a_german_translation() -> None:
    assert set(extracted_msgids()) == set(GERMAN)


@pytest.mark.parametrize("msgid", sorted(GERMAN))
def test_german_uses_the_same_named_placeholders(msgid: str) -> None:
    assert placeholders(GERMAN[msgid]) == placeholders(msgid)
    assert all(name.isidentifier() for name in placeholders(msgid))


def test_translator_without_catalogue_keeps_english(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    assert translator("de")("Sunday") == "Sunday"


def test_translator_reads_the_compiled_django_catalogue(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    catalogue = polib.POFile()
    catalogue.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    catalogue.append(polib.POEntry(msgid="Sunday", msgstr="Sonntag"))
    (tmp_path / "de" / "LC_MESSAGES").mkdir(parents=True)
    catalogue.save_as_mofile(str(tmp_path / "de" / "LC_MESSAGES" / "django.mo"))
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    assert translator("de")("Sunday") == "Sonntag"


def test_locale_dir_is_the_project_catalogue() -> None:
    assert i18n.LOCALE_DIR.name == "locale"
    assert (i18n.LOCALE_DIR.parent / "core").is_dir()
