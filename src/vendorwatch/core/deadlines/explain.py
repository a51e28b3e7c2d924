"""Step-by-step explanations of a deadline computation, in German and English.

Steps are structured (a :class:`StepCode`, parameters and the :class:`Rule`\\ s applied);
:meth:`Explanation.render` turns them into text. Every template is an English msgid marked
with :func:`gettext_noop`; German comes from the project catalogue. Dates are written
dd.mm.yyyy in both languages.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import Enum

from .i18n import Translate, gettext_noop, identity, translator
from .periods import Period, Unit


@dataclass(frozen=True)
class Msg:
    """A translatable parameter value (a label rather than data)."""

    msgid: str


Param = date | int | str | Period | Msg


class Rule(Enum):
    """The legal source of a step; the value is the citation's msgid."""

    CONTRACT = gettext_noop("contract terms")
    BGB_130 = gettext_noop("§ 130(1) BGB")
    BGB_187_1 = gettext_noop("§ 187(1) BGB")
    BGB_187_2 = gettext_noop("§ 187(2) BGB")
    BGB_188_1 = gettext_noop("§ 188(1) BGB")
    BGB_188_2 = gettext_noop("§ 188(2) BGB")
    BGB_188_3 = gettext_noop("§ 188(3) BGB")
    BGB_189 = gettext_noop("§ 189(1) BGB")
    BGB_190 = gettext_noop("§ 190 BGB")
    BGB_192 = gettext_noop("§ 192 BGB")
    NO_BGB_193 = gettext_noop(
        "§ 193 BGB does not apply to notice periods (BGH, 17.02.2005, III ZR 172/04)"
    )
    SATURDAY_WERKTAG = gettext_noop("Saturday is a Werktag (BGH, 27.04.2005, VIII ZR 206/04)")
    BGB_620_2 = gettext_noop("§ 620(2) BGB")
    BGB_621_1 = gettext_noop("§ 621 No. 1 BGB")
    BGB_621_2 = gettext_noop("§ 621 No. 2 BGB")
    BGB_621_3 = gettext_noop("§ 621 No. 3 BGB")
    BGB_621_4 = gettext_noop("§ 621 No. 4 BGB")
    BGB_621_5 = gettext_noop("§ 621 No. 5 BGB")
    BGH_YEAR_END = gettext_noop("BGH, 05.12.2007, XII ZR 148/05")


class StepCode(Enum):
    START = "start"
    MINIMUM_TERM = "minimum_term"
    FIXED_TERM = "fixed_term"
    FIXED_TERM_ENDED = "fixed_term_ended"
    RENEWAL = "renewal"
    OPEN_ENDED = "open_ended"
    OPEN_ENDED_AFTER_MINIMUM = "open_ended_after_minimum"
    INITIAL_NOTICE = "initial_notice"
    POSSIBLE_ENDS = "possible_ends"
    STATUTORY = "statutory"
    MISSED = "missed"
    MISSED_MINIMUM_TERM = "missed_minimum_term"
    NEXT_END = "next_end"
    DEADLINE_PERIOD = "deadline_period"
    CHECK_FORWARD = "check_forward"
    CAPPED = "capped"
    DEADLINE_WORKING_DAY = "deadline_working_day"
    SATURDAY_DEADLINE = "saturday_deadline"
    DEADLINE_FIRST_WERKTAG_OF_WEEK = "deadline_first_werktag_of_week"
    DEADLINE_FIFTEENTH = "deadline_fifteenth"
    DEADLINE_ANY_TIME = "deadline_any_time"
    RECEIPT = "receipt"
    NO_SHIFT = "no_shift"
    BUSINESS_DAY = "business_day"
    LAST_BUSINESS_DAY = "last_business_day"
    YEAR_END_RECEIPT = "year_end_receipt"
    SEND_DATE = "send_date"
    DAYS_LEFT = "days_left"
    TOO_LATE_FOR_POST = "too_late_for_post"
    # the three-line summary above the derivation
    SUMMARY_END = "summary_end"
    SUMMARY_ARRIVE = "summary_arrive"
    SUMMARY_ARRIVE_BUSINESS_DAY = "summary_arrive_business_day"
    SUMMARY_ARRIVE_YEAR_END = "summary_arrive_year_end"
    SUMMARY_ARRIVE_MORNING = "summary_arrive_morning"
    SUMMARY_ARRIVE_TODAY_MORNING = "summary_arrive_today_morning"
    SUMMARY_ARRIVE_DEADLINE_ONLY = "summary_arrive_deadline_only"
    SUMMARY_SEND = "summary_send"
    SUMMARY_TOO_LATE = "summary_too_late"


MESSAGES: Mapping[StepCode, str] = {
    StepCode.START: gettext_noop("Contract start: {start}; that day counts in full."),
    StepCode.MINIMUM_TERM: gettext_noop("The minimum term ({period}) ends on {end}."),
    StepCode.FIXED_TERM: gettext_noop(
        "The contract has a fixed term: it ends on {end} without notice."
    ),
    StepCode.FIXED_TERM_ENDED: gettext_noop("The fixed term ended on {end}."),
    StepCode.RENEWAL: gettext_noop(
        "The contract renews by {period} at a time, each renewal counted from the end of the"
        " previous term: the term from {term_start} ends on {end}."
    ),
    StepCode.OPEN_ENDED: gettext_noop("The contract runs for an indefinite period."),
    StepCode.OPEN_ENDED_AFTER_MINIMUM: gettext_noop(
        "After the minimum term the contract continues for an indefinite period."
    ),
    StepCode.INITIAL_NOTICE: gettext_noop(
        "Notice to the end of the minimum term ({end}): {period}."
    ),
    StepCode.POSSIBLE_ENDS: gettext_noop("Possible ends of the contract: {anchor}."),
    StepCode.STATUTORY: gettext_noop(
        "No notice period is agreed for this service contract; the statutory notice period"
        " applies, with pay measured {pay}."
    ),
    StepCode.MISSED: gettext_noop(
        "Notice to {missed_end} had to be received by {missed_deadline}. That day has passed:"
        " the contract renews by {period}, so its earliest end is now {end}."
    ),
    StepCode.MISSED_MINIMUM_TERM: gettext_noop(
        "Notice to the end of the minimum term, {missed_end}, had to be received by"
        " {missed_deadline}. That day has passed: the contract continues after the minimum"
        " term, so its earliest end is now {end}."
    ),
    StepCode.NEXT_END: gettext_noop("Next possible end of the contract: {end}."),
    StepCode.DEADLINE_PERIOD: gettext_noop(
        "Notice period ({period}) to {end}: counted back, the period begins on"
        " {period_start}, so the notice must be received on {deadline} at the latest"
        " (the day of receipt does not count)."
    ),
    StepCode.CHECK_FORWARD: gettext_noop(
        "Check: notice received on {deadline} leaves the period {period_start} to"
        " {period_end}, which ends no later than {end}; received one day later, the period"
        " would end on {late_end}."
    ),
    StepCode.CAPPED: gettext_noop(
        "The month in which the period ends has no day {day}, so the period ends on its last"
        " day, {period_end}."
    ),
    StepCode.DEADLINE_WORKING_DAY: gettext_noop(
        "Notice to {end} must be received by Werktag no. {nth} of the month {month}, that is"
        " {deadline} (Saturdays count as Werktage, Sundays and public holidays do not)."
    ),
    StepCode.SATURDAY_DEADLINE: gettext_noop(
        "{deadline} is a Saturday. Whether such a deadline moves to the next Werktag is"
        " disputed; to be safe, it is not moved here."
    ),
    StepCode.DEADLINE_FIRST_WERKTAG_OF_WEEK: gettext_noop(
        "Notice to Saturday {end} must be received by the first Werktag of that week, {deadline}."
    ),
    StepCode.DEADLINE_FIFTEENTH: gettext_noop(
        "Notice to the end of the month, {end}, must be received by the 15th of that month,"
        " {deadline}."
    ),
    StepCode.DEADLINE_ANY_TIME: gettext_noop(
        "The contract can be terminated at any time: it ends on the day the notice is"
        " received, {deadline}."
    ),
    StepCode.RECEIPT: gettext_noop(
        "What counts is when the notice reaches the provider, not when it is sent."
    ),
    StepCode.NO_SHIFT: gettext_noop(
        "{deadline} is a {day_kind}; the deadline is not moved to the next working day."
    ),
    StepCode.BUSINESS_DAY: gettext_noop(
        "{deadline} is a business day (Monday to Friday, no public holiday in {region})."
    ),
    StepCode.LAST_BUSINESS_DAY: gettext_noop(
        "A letter delivered to a business on a weekend or public holiday is generally only"
        " received on the next business day: make sure it arrives by {last_business_day},"
        " the last business day before the deadline."
    ),
    StepCode.YEAR_END_RECEIPT: gettext_noop(
        "{day} is {day_name}: a letter delivered to a business on that afternoon is often only"
        " treated as received on the next business day. To be safe, make sure it arrives by"
        " {arrival}, the business day before; the legal deadline stays {deadline}."
    ),
    StepCode.SEND_DATE: gettext_noop(
        "Allowing {postal_days} business days for the post, send the letter by {send_date}."
    ),
    StepCode.DAYS_LEFT: gettext_noop("Days left until the receipt deadline: {days}."),
    StepCode.TOO_LATE_FOR_POST: gettext_noop(
        "The recommended send date {send_date} has passed, but the deadline {deadline} has"
        " not: too late for the post — deliver by hand or courier today, with proof of"
        " delivery."
    ),
    StepCode.SUMMARY_END: gettext_noop("Earliest end of the contract: {end}"),
    StepCode.SUMMARY_ARRIVE: gettext_noop("Notice must arrive by: {arrival}"),
    StepCode.SUMMARY_ARRIVE_BUSINESS_DAY: gettext_noop(
        "Notice must arrive by: {arrival}, the last business day before the deadline ({deadline})"
    ),
    StepCode.SUMMARY_ARRIVE_YEAR_END: gettext_noop(
        "Notice must arrive by: {arrival} – not on {day_name} ({day}): a letter delivered"
        " to a business that afternoon often only counts as received on the next business"
        " day (legal deadline: {deadline})"
    ),
    StepCode.SUMMARY_ARRIVE_MORNING: gettext_noop(
        "Notice must arrive by: {day} ({day_name}), in the morning – deliver it by hand or"
        " courier: a letter delivered to a business that afternoon often only counts as"
        " received on the next business day (legal deadline: {deadline})"
    ),
    StepCode.SUMMARY_ARRIVE_TODAY_MORNING: gettext_noop(
        "Notice must arrive today, {day} ({day_name}): the legal deadline ends today. Deliver"
        " it by hand or courier in the morning – a letter delivered to a business that"
        " afternoon often only counts as received on the next business day"
    ),
    StepCode.SUMMARY_ARRIVE_DEADLINE_ONLY: gettext_noop(
        "Notice must arrive by: {deadline}, the legal deadline – the last business day before"
        " it has passed, so deliver it by hand or courier today, with proof of delivery"
    ),
    StepCode.SUMMARY_SEND: gettext_noop("Send by: {send_date}"),
    StepCode.SUMMARY_TOO_LATE: gettext_noop(
        "Send by: {send_date} has passed – too late for the post; deliver by hand or courier today"
    ),
}

# Messages with a count: (singular, plural, the parameter that counts). German and English
# both have one form for 1 and one for every other number.
PLURAL_MESSAGES: Mapping[StepCode, tuple[str, str, str]] = {
    StepCode.SEND_DATE: (
        gettext_noop(
            "Allowing {postal_days} business day for the post, send the letter by {send_date}."
        ),
        MESSAGES[StepCode.SEND_DATE],
        "postal_days",
    ),
}

UNIT_LABELS: Mapping[Unit, tuple[str, str]] = {
    Unit.DAYS: (gettext_noop("{n} day"), gettext_noop("{n} days")),
    Unit.WEEKS: (gettext_noop("{n} week"), gettext_noop("{n} weeks")),
    Unit.MONTHS: (gettext_noop("{n} month"), gettext_noop("{n} months")),
    Unit.QUARTERS: (gettext_noop("{n} quarter"), gettext_noop("{n} quarters")),
    Unit.HALF_YEARS: (gettext_noop("{n} half year"), gettext_noop("{n} half years")),
    Unit.YEARS: (gettext_noop("{n} year"), gettext_noop("{n} years")),
}

SATURDAY = Msg(gettext_noop("Saturday"))
SUNDAY = Msg(gettext_noop("Sunday"))
PUBLIC_HOLIDAY = Msg(gettext_noop("public holiday"))
CHRISTMAS_EVE = Msg(gettext_noop("Christmas Eve"))
NEW_YEARS_EVE = Msg(gettext_noop("New Year's Eve"))
NATIONWIDE = gettext_noop("Germany")
# The German states by their ISO 3166-2 code, named as the company's settings name them.
STATE_NAMES = {
    "BW": gettext_noop("Baden-Württemberg"),
    "BY": gettext_noop("Bavaria"),
    "BE": gettext_noop("Berlin"),
    "BB": gettext_noop("Brandenburg"),
    "HB": gettext_noop("Bremen"),
    "HH": gettext_noop("Hamburg"),
    "HE": gettext_noop("Hesse"),
    "MV": gettext_noop("Mecklenburg-Western Pomerania"),
    "NI": gettext_noop("Lower Saxony"),
    "NW": gettext_noop("North Rhine-Westphalia"),
    "RP": gettext_noop("Rhineland-Palatinate"),
    "SL": gettext_noop("Saarland"),
    "SN": gettext_noop("Saxony"),
    "ST": gettext_noop("Saxony-Anhalt"),
    "SH": gettext_noop("Schleswig-Holstein"),
    "TH": gettext_noop("Thuringia"),
}


@dataclass(frozen=True)
class Step:
    code: StepCode
    params: Mapping[str, Param] = field(default_factory=dict)
    rules: tuple[Rule, ...] = ()

    @property
    def msgid(self) -> str:
        """The message template, in the right number where the step counts something."""
        if self.code in PLURAL_MESSAGES:
            singular, plural, count = PLURAL_MESSAGES[self.code]
            return singular if self.params.get(count) == 1 else plural
        return MESSAGES[self.code]

    def render(self, translate: Translate = identity) -> str:
        values = {key: format_param(value, translate) for key, value in self.params.items()}
        text = translate(self.msgid).format(**values)
        if not self.rules:
            return text
        return f"{text} ({'; '.join(translate(rule.value) for rule in self.rules)})"


@dataclass(frozen=True)
class Explanation:
    """``steps`` is the legal derivation; ``summary`` the few lines that answer the user's
    question (end of contract, arrive by, send by) and are shown first."""

    steps: tuple[Step, ...]
    summary: tuple[Step, ...] = ()

    def render(self, translate: Translate | str | None = None) -> list[str]:
        """The steps as text; ``translate`` is a translate function or a language code."""
        translate = _translate_function(translate)
        return [step.render(translate) for step in self.steps]

    def render_summary(self, translate: Translate | str | None = None) -> list[str]:
        """The summary lines as text, like :meth:`render`."""
        translate = _translate_function(translate)
        return [step.render(translate) for step in self.summary]

    @property
    def codes(self) -> tuple[StepCode, ...]:
        return tuple(step.code for step in self.steps)


def _translate_function(translate: Translate | str | None) -> Translate:
    if translate is None:
        return identity
    if isinstance(translate, str):
        return translator(translate)
    return translate


def format_date(day: date) -> str:
    return day.strftime("%d.%m.%Y")


def format_period(period: Period, translate: Translate = identity) -> str:
    singular, plural = UNIT_LABELS[period.unit]
    return translate(singular if period.amount == 1 else plural).format(n=period.amount)


def format_param(value: Param, translate: Translate) -> str:
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, Period):
        return format_period(value, translate)
    if isinstance(value, Msg):
        return translate(value.msgid)
    return str(value)
