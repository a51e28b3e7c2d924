"""The agenda of a meeting: generated from what is open since the meeting before, then edited,
ordered and sent by the user.

Each generated item names what it came from in ``source_key`` ("problem:12:breach",
"action:5", "deadline:3:receipt:2027-03-31", …). :func:`agenda_refresh` proposes everything
again and adds only the keys the meeting does not have yet, so a refresh brings what became due
since, keeps what the user changed (``edited``) and never brings back what the user took off
(``removed``). Free items (written by the user) are never touched.

What counts: the meeting's provider only; problems, breaches and invoices since the previous
meeting (for the first meeting, the 31 days before it), up to the meeting's start; action
items and questions open now; contract deadlines in the 90 days from the meeting's day.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext

from vendorwatch.contracts.costs import LineCheck, contract_deviations
from vendorwatch.contracts.deadlines import ContractDeadline, contract_deadlines
from vendorwatch.contracts.models import Contract, ContractReview, FollowUp
from vendorwatch.core.deadlines import Status as DeadlineStatus
from vendorwatch.meetings.ical import display_zone
from vendorwatch.meetings.models import TEXT_LIMIT, ActionItem, AgendaItem, Meeting
from vendorwatch.meetings.services import previous_meeting
from vendorwatch.organisation.models import Organisation
from vendorwatch.problems.evidence import sla_summary
from vendorwatch.problems.models import ClockState, EventKind, Problem, ProblemEvent
from vendorwatch.problems.models import Status as ProblemStatus
from vendorwatch.web.money import eur_text

Kind = AgendaItem.Kind
# The order of a fresh agenda; a refresh inserts new items after those of their kind.
KIND_ORDER = [
    Kind.ACTION_REVIEW,
    Kind.BREACH,
    Kind.AT_RISK,
    Kind.PROBLEMS_OPENED,
    Kind.PROBLEMS_RESOLVED,
    Kind.SLA_FIGURES,
    Kind.ACTION,
    Kind.QUESTION,
    Kind.INVOICE,
    Kind.DEADLINE,
    Kind.REVIEW,
    Kind.FREE,
]
RANK = {str(kind): index for index, kind in enumerate(KIND_ORDER)}
PROBLEM_KINDS = {Kind.BREACH, Kind.AT_RISK, Kind.PROBLEMS_OPENED, Kind.PROBLEMS_RESOLVED}
FIRST_WINDOW = timedelta(days=31)
DEADLINE_DAYS = 90
# More than this many items of one kind make no agenda anyone can get through: the most
# pressing (or oldest) come first, a later refresh adds the rest as the first are closed.
PER_KIND = 30
# Lines listed in the details of one item (the action review, an invoice) before "and N more".
DETAIL_LINES = 30
TITLE_LIMIT = AgendaItem._meta.get_field("title").max_length or 300


@dataclass(frozen=True)
class Proposal:
    """A generated agenda item before it is stored."""

    kind: str
    key: str
    title: str
    details: str = ""
    problem_id: int | None = None
    contract_id: int | None = None
    action_id: int | None = None


@dataclass(frozen=True)
class Window:
    since: datetime
    until: datetime
    day: date  # the meeting's day: deadlines are counted from it
    today: date  # overdue is "due before this day" (today, or the meeting's day if earlier)


# --- formatting -------------------------------------------------------------------------------


def day_text(value: date | datetime | None) -> str:
    """03.12.2026; a stored time at the edge of the calendar (year 9999) is shown in UTC."""
    if value is None:
        return "–"
    if isinstance(value, datetime):
        with contextlib.suppress(OverflowError, ValueError):  # shown in UTC then
            value = timezone.localtime(value)
        value = value.date()
    return f"{value.day:02d}.{value.month:02d}.{value.year:04d}"


def shortened(text: str, limit: int, *, one_line: bool = True) -> str:
    """The text cut to ``limit`` characters with "…" (a stored title may be 10,000 long)."""
    text = " ".join(text.split()) if one_line else text.strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def listed(lines: list[str], total: int | None = None) -> str:
    """Lines as a list in the details, with "and N more" beyond :data:`DETAIL_LINES`."""
    total = len(lines) if total is None else total
    shown = [f"– {shortened(line, 500)}" for line in lines[:DETAIL_LINES]]
    if total > len(shown):
        more = total - len(shown)
        shown.append(ngettext("and %(count)s more", "and %(count)s more", more) % {"count": more})
    return "\n".join(shown)


def person(user: Any) -> str:
    return str(user.get_full_name() or user.username) if user is not None else ""


def responsible(action: ActionItem, provider_name: str) -> str:
    """ "Our side (Sabine Keller)" or "Brandl IT (Petra Lang)"."""
    if action.side == ActionItem.Side.OURS:
        name, who = person(action.owner), gettext("Our side")
    else:
        name, who = (action.contact.name if action.contact else ""), provider_name
    return f"{who} ({name})" if name else who


# --- the window -------------------------------------------------------------------------------


def agenda_window(meeting: Meeting, now: datetime) -> Window:
    previous = previous_meeting(meeting)
    since = previous.starts_at if previous is not None else meeting.starts_at - FIRST_WINDOW
    day = timezone.localdate(meeting.starts_at)
    return Window(since, meeting.starts_at, day, min(timezone.localdate(now), day))


def earlier_meetings(meeting: Meeting) -> QuerySet[Meeting]:
    return Meeting.objects.filter(
        provider_id=meeting.provider_id, starts_at__lt=meeting.starts_at
    ).exclude(pk=meeting.pk)


def actions_to_review(meeting: Meeting) -> QuerySet[ActionItem]:
    """The open action items and questions raised at earlier meetings with the provider: the
    first agenda item lists them, the minutes record for each whether it is done, still open
    or dropped."""
    return (
        ActionItem.objects.filter(
            status=ActionItem.Status.OPEN, meeting__in=earlier_meetings(meeting)
        )
        .select_related("owner", "contact", "meeting")
        .order_by("due_date", "pk")
    )


# --- problems ---------------------------------------------------------------------------------


def _problem_details(problem: Problem, extra: str) -> str:
    parts = [
        gettext("Reported on %(day)s.") % {"day": day_text(problem.reported_to_provider_at)},
        extra,
        gettext("Status: %(status)s.") % {"status": problem.get_status_display()},
    ]
    if problem.provider_ticket_number:
        parts.append(
            gettext("Provider's ticket number: %(number)s")
            % {"number": shortened(problem.provider_ticket_number, 100)}
        )
    return " ".join(part for part in parts if part)


def _problem_proposal(problem: Problem, kind: str) -> Proposal:
    name = shortened(f"#{problem.pk} {problem.title}", 250)
    if kind == Kind.BREACH:
        title = gettext("Deadline missed: %(problem)s") % {"problem": name}
        extra = gettext("Deadline missed on %(day)s.") % {"day": day_text(problem.breached_at)}
    elif kind == Kind.AT_RISK:
        title = gettext("Deadline at risk: %(problem)s") % {"problem": name}
        extra = gettext("Next due on %(day)s.") % {"day": day_text(problem.next_due)}
    elif kind == Kind.PROBLEMS_OPENED:
        title = gettext("New problem: %(problem)s") % {"problem": name}
        extra = ""
    else:
        title = gettext("Resolved: %(problem)s") % {"problem": name}
        extra = ""
    return Proposal(
        kind,
        f"problem:{problem.pk}:{kind}",
        title,
        _problem_details(problem, extra),
        problem_id=problem.pk,
    )


def _problem_queries(meeting: Meeting, window: Window) -> list[tuple[str, QuerySet[Problem]]]:
    problems = Problem.objects.filter(
        provider_id=meeting.provider_id, reported_to_provider_at__lt=window.until
    ).order_by("reported_to_provider_at", "pk")
    in_window = {"gte": window.since, "lt": window.until}
    resolved_in_window = ProblemEvent.objects.filter(
        problem=OuterRef("pk"),
        kind=EventKind.RESOLVED,
        occurred_at__gte=window.since,
        occurred_at__lt=window.until,
    )
    still_breached = Q(is_open=True, breached=True) & ~Q(status=ProblemStatus.RESOLVED)
    return [
        (
            Kind.BREACH,
            problems.filter(
                Q(breached_at__gte=in_window["gte"], breached_at__lt=in_window["lt"])
                | still_breached
            ),
        ),
        (Kind.AT_RISK, problems.filter(is_open=True, state=ClockState.AT_RISK)),
        (
            Kind.PROBLEMS_OPENED,
            problems.filter(reported_to_provider_at__gte=window.since),
        ),
        (
            Kind.PROBLEMS_RESOLVED,
            problems.filter(
                Exists(resolved_in_window),
                status__in=[ProblemStatus.RESOLVED, ProblemStatus.CLOSED],
            ),
        ),
    ]


def problem_proposals(meeting: Meeting, window: Window) -> list[Proposal]:
    """Each problem once, under the most pressing of: deadline missed, at risk, new, resolved."""
    seen: set[int] = set()
    found: list[Proposal] = []
    for kind, query in _problem_queries(meeting, window):
        rows = [p for p in query[: PER_KIND + len(seen)] if p.pk not in seen][:PER_KIND]
        seen.update(p.pk for p in rows)
        found.extend(_problem_proposal(p, kind) for p in rows)
    return found


# --- SLA figures ------------------------------------------------------------------------------


def _sla_from_tickets(meeting: Meeting, month: date) -> str | None:
    from vendorwatch.monitoring.report import answer_headline, answer_summary, latest_answers

    figures = latest_answers([meeting.provider], month)[meeting.provider_id]
    if not figures.tickets:
        return None
    return f"{answer_headline(figures)}. {answer_summary(figures)}"


def _sla_from_problems(meeting: Meeting, start: date, end: date) -> str | None:
    counted = sla_summary(provider=meeting.provider, start=start, end=end)
    problems, missed = counted["problems"], counted["breaches"]
    if not problems:
        return None
    return gettext(
        "From the problem log: %(problems)s problems with a final result, deadlines kept for"
        " %(met)s, missed for %(missed)s."
    ) % {"problems": problems, "met": problems - missed, "missed": missed}


def sla_proposal(meeting: Meeting, window: Window) -> Proposal | None:
    """The SLA figures of the last complete month (before the meeting, as of today): from the
    provider's imported tickets where there are any, else met and missed counts from the
    problem log."""
    from vendorwatch.monitoring.report_periods import last_full_month, month_label

    start, end = last_full_month(window.today)
    details = _sla_from_tickets(meeting, start) or _sla_from_problems(meeting, start, end)
    if details is None:
        return None
    title = gettext("SLA figures for %(month)s") % {"month": month_label(start)}
    return Proposal(Kind.SLA_FIGURES, f"sla:{start:%Y-%m}", title, details)


# --- action items and questions ----------------------------------------------------------------


def _action_line(action: ActionItem, provider_name: str, today: date) -> str:
    values = {"who": responsible(action, provider_name), "day": day_text(action.due_date)}
    if action.due_date < today:
        return gettext("%(who)s, overdue since %(day)s") % values
    return gettext("%(who)s, due on %(day)s") % values


def review_proposal(meeting: Meeting, window: Window) -> Proposal | None:
    actions = actions_to_review(meeting)
    total = actions.count()
    if not total:
        return None
    name = meeting.provider.name
    lines = [
        f"{shortened(action.title, 200)} ({_action_line(action, name, window.today)})"
        for action in actions[:DETAIL_LINES]
    ]
    title = gettext("Action items from earlier meetings: done, still open or dropped?")
    return Proposal(Kind.ACTION_REVIEW, "actions-review", title, listed(lines, total))


def action_proposals(meeting: Meeting, window: Window, kind: str) -> list[Proposal]:
    """Open action items (or questions) of both sides, overdue first; those raised at earlier
    meetings are in the review item instead."""
    actions = (
        ActionItem.objects.filter(
            provider_id=meeting.provider_id, kind=kind, status=ActionItem.Status.OPEN
        )
        .exclude(meeting=meeting)
        .exclude(meeting__in=earlier_meetings(meeting))
        .select_related("owner", "contact")
        .order_by("due_date", "pk")[:PER_KIND]
    )
    agenda_kind = Kind.ACTION if kind == ActionItem.Kind.ACTION else Kind.QUESTION
    label = (
        gettext("Action item: %(title)s")
        if kind == ActionItem.Kind.ACTION
        else gettext("Open question: %(title)s")
    )
    name = meeting.provider.name
    return [
        Proposal(
            agenda_kind,
            f"action:{action.pk}",
            label % {"title": shortened(action.title, 250)},
            _action_line(action, name, window.today),
            action_id=action.pk,
        )
        for action in actions
    ]


# --- contracts --------------------------------------------------------------------------------


def _difference(check: LineCheck) -> str:
    difference = check.difference
    if difference is None:
        return check.label
    sign = "+" if difference > Decimal(0) else ""
    return f"{check.label} ({sign}{eur_text(difference)})"


def invoice_proposals(contracts: list[Contract], window: Window) -> list[Proposal]:
    start, end = window_days(window)
    found: dict[int, list[LineCheck]] = {}
    for contract in contracts:
        for check in contract_deviations(contract, start=start, end=end):
            found.setdefault(check.line.invoice_id, []).append(check)
    proposals = []
    for checks in sorted(
        found.values(), key=lambda c: (c[0].line.invoice.invoice_date, c[0].line.invoice_id)
    ):
        invoice = checks[0].line.invoice
        lines = [f"{shortened(str(c.line) or '–', 200)}: {_difference(c)}" for c in checks]
        title = gettext("Invoice %(number)s of %(day)s deviates from the contract") % {
            "number": shortened(invoice.number, 100),
            "day": day_text(invoice.invoice_date),
        }
        proposals.append(
            Proposal(
                Kind.INVOICE,
                f"invoice:{invoice.pk}",
                title,
                listed(lines),
                contract_id=invoice.contract_id,
            )
        )
    return proposals[:PER_KIND]


def window_days(window: Window) -> tuple[date, date]:
    """The window as days (invoices are dated by the day)."""
    since = timezone.localdate(window.since)
    until = timezone.localdate(window.until) - timedelta(days=1)
    return since, max(since, until)


def _deadline(row: ContractDeadline, window: Window) -> tuple[str, date] | None:
    """("receipt", the day the notice must arrive) or ("end", the day a fixed term ends),
    when it falls in the 90 days from the meeting's day."""
    result = row.result
    if row.failed or result is None:
        return None
    horizon = window.day + timedelta(days=DEADLINE_DAYS)
    if result.status is DeadlineStatus.FIXED_TERM:
        end = result.next_possible_end
        return ("end", end) if end and window.day <= end <= horizon else None
    receipt = result.receipt_deadline
    if result.status is DeadlineStatus.ENDED or receipt is None:
        return None
    return ("receipt", receipt) if window.day <= receipt <= horizon else None


def deadline_proposals(contracts: list[Contract], window: Window) -> list[Proposal]:
    proposals = []
    for row in contract_deadlines(contracts, window.day):
        found = _deadline(row, window)
        if found is None:
            continue
        what, day = found
        values = {"contract": shortened(row.contract.title, 200), "day": day_text(day)}
        if what == "end":
            title = gettext("Contract %(contract)s ends on %(day)s") % values
        else:
            title = gettext("Notice deadline for %(contract)s: %(day)s") % values
        details = "\n".join(part for part in (row.status_text, row.dates_text) if part)
        proposals.append(
            Proposal(
                Kind.DEADLINE,
                f"deadline:{row.contract.pk}:{what}:{day.isoformat()}",
                title,
                details,
                contract_id=row.contract.pk,
            )
        )
    proposals.sort(key=lambda p: p.key.rsplit(":", 1)[1])
    return proposals[:PER_KIND]


def last_review_proposal(contracts: list[Contract], window: Window) -> Proposal | None:
    review = (
        ContractReview.objects.filter(contract__in=contracts, reviewed_on__lte=window.day)
        .select_related("contract")
        .order_by("-reviewed_on", "-pk")
        .first()
    )
    if review is None:
        return None
    title = gettext("Result of the last contract review (%(day)s): %(outcome)s") % {
        "day": day_text(review.reviewed_on),
        "outcome": review.get_outcome_display(),
    }
    parts = [
        gettext("Contract: %(contract)s. Overall rating: %(rating)s.")
        % {"contract": review.contract.title, "rating": review.get_rating_display()},
        review.summary.strip(),
    ]
    follow_ups = FollowUp.objects.filter(review=review, done=False).order_by("due_date", "pk")
    lines = [
        gettext("%(text)s (due on %(day)s)") % {"text": f.text, "day": day_text(f.due_date)}
        if f.due_date
        else f.text
        for f in follow_ups[:DETAIL_LINES]
    ]
    if lines:
        parts.append(gettext("Open follow-up items:") + "\n" + listed(lines, follow_ups.count()))
    details = "\n".join(part for part in parts if part)
    return Proposal(
        Kind.REVIEW, f"review:{review.pk}", title, details, contract_id=review.contract_id
    )


# --- all together -----------------------------------------------------------------------------


def agenda_proposals(meeting: Meeting, *, now: datetime | None = None) -> list[Proposal]:
    """Everything a fresh agenda of the meeting would hold, in the order of a fresh agenda."""
    window = agenda_window(meeting, now or timezone.now())
    contracts = list(Contract.objects.filter(provider_id=meeting.provider_id).order_by("pk"))
    single = [review_proposal(meeting, window)]
    proposals = [p for p in single if p is not None]
    proposals += problem_proposals(meeting, window)
    proposals += [p for p in [sla_proposal(meeting, window)] if p is not None]
    proposals += action_proposals(meeting, window, ActionItem.Kind.ACTION)
    proposals += action_proposals(meeting, window, ActionItem.Kind.QUESTION)
    proposals += invoice_proposals(contracts, window)
    proposals += deadline_proposals(contracts, window)
    proposals += [p for p in [last_review_proposal(contracts, window)] if p is not None]
    return proposals


def _fitted(proposal: Proposal) -> tuple[str, str]:
    details = shortened(proposal.details, TEXT_LIMIT, one_line=False)
    return shortened(proposal.title, TITLE_LIMIT), details


def _update(item: AgendaItem, proposal: Proposal) -> bool:
    """New text for a generated item the user has not changed; whether anything changed."""
    if item.edited or item.removed:
        return False
    title, details = _fitted(proposal)
    if (item.title, item.details) == (title, details):
        return False
    item.title, item.details = title, details
    return True


def _new_item(meeting: Meeting, proposal: Proposal) -> AgendaItem:
    title, details = _fitted(proposal)
    return AgendaItem(
        meeting=meeting,
        kind=proposal.kind,
        source_key=proposal.key,
        title=title,
        details=details,
        problem_id=proposal.problem_id,
        contract_id=proposal.contract_id,
        action_id=proposal.action_id,
    )


def _problem_ranks(items: Iterable[AgendaItem]) -> dict[int, int]:
    """The most pressing kind each problem already has on the agenda (removed ones too)."""
    ranks: dict[int, int] = {}
    for item in items:
        if item.problem_id is not None and item.source_key and item.kind in PROBLEM_KINDS:
            rank = RANK[item.kind]
            ranks[item.problem_id] = min(rank, ranks.get(item.problem_id, rank))
    return ranks


def _is_news(proposal: Proposal, ranks: dict[int, int]) -> bool:
    """A problem already on the agenda comes again only when it got more pressing (a new
    problem whose deadline was missed since: yes; one resolved since: its item stays)."""
    if proposal.problem_id is None or proposal.problem_id not in ranks:
        return True
    return RANK[proposal.kind] < ranks[proposal.problem_id]


def _merged(existing: list[AgendaItem], new: list[AgendaItem]) -> list[AgendaItem]:
    """Each new item after the last item of its own or an earlier kind (free items count as
    last), so the user's order stays as it is."""
    ordered = list(existing)
    for item in new:
        rank = RANK[item.kind]
        index = 0
        for position, other in enumerate(ordered):
            if RANK.get(other.kind, len(RANK)) <= rank:
                index = position + 1
        ordered.insert(index, item)
    return ordered


def _store(meeting: Meeting, ordered: list[AgendaItem], changed: list[AgendaItem]) -> None:
    moved = []
    for position, item in enumerate(ordered, start=1):
        if item.pk is not None and item.position != position:
            moved.append(item)
        item.position = position
    AgendaItem.objects.bulk_create([item for item in ordered if item.pk is None])
    if changed:
        AgendaItem.objects.bulk_update(changed, ["title", "details"])
    if moved:
        AgendaItem.objects.bulk_update(moved, ["position"])


def agenda_refresh(meeting: Meeting, *, now: datetime | None = None) -> int:
    """Generate the agenda, or bring it up to date; returns the number of items added.

    The first call generates everything; later calls add only what is new (new source keys),
    rewrite generated items the user has not edited, and leave free, edited and removed items
    alone. Approved (locked) minutes: nothing changes, 0.
    """
    now = now or timezone.now()
    with transaction.atomic():
        locked = Meeting.objects.select_for_update().filter(pk=meeting.pk)
        status = locked.values_list("minutes_status", flat=True).first()
        if status is None or status == Meeting.Minutes.APPROVED or meeting.minutes_locked:
            return 0
        existing = list(meeting.agenda_items.order_by("position", "pk"))
        by_key = {item.source_key: item for item in existing if item.source_key}
        ranks = _problem_ranks(existing)
        changed, new = [], []
        # Stored texts are written once, in the language of the company's documents, not in
        # the interface language of whoever clicks: they are mailed to the provider as well.
        with translation.override(document_language()):
            proposals = agenda_proposals(meeting, now=now)
        for proposal in proposals:
            item = by_key.get(proposal.key)
            if item is not None:
                if _update(item, proposal):
                    changed.append(item)
            elif _is_news(proposal, ranks):
                new.append(_new_item(meeting, proposal))
        _store(meeting, _merged(existing, new), changed)
        meeting.agenda_refreshed_at = now
        Meeting.objects.filter(pk=meeting.pk).update(agenda_refreshed_at=now)
    return len(new)


def agenda_items(meeting: Meeting) -> QuerySet[AgendaItem]:
    """The items the agenda shows (not those the user took off), in order."""
    return (
        meeting.agenda_items.filter(removed=False)
        .select_related("problem", "contract", "action")
        .order_by("position", "pk")
    )


# --- the agenda as text -----------------------------------------------------------------------


def meeting_zone(meeting: Meeting) -> ZoneInfo:
    """The zone a meeting is shown in: the same as in its calendar file and e-mails."""
    try:
        return ZoneInfo(display_zone(meeting))
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(settings.TIME_ZONE)


def meeting_when(meeting: Meeting) -> str:
    """03.12.2026 10:00 – 11:00 in the meeting's own zone (named when it is not ours)."""
    zone = meeting_zone(meeting)
    try:
        start, end = meeting.starts_at.astimezone(zone), meeting.ends_at.astimezone(zone)
    except (OverflowError, ValueError):
        return f"{day_text(meeting.starts_at)} UTC"
    text = f"{day_text(start.date())} {start:%H:%M} – "
    text += f"{end:%H:%M}" if end.date() == start.date() else f"{day_text(end.date())} {end:%H:%M}"
    return text if zone.key == settings.TIME_ZONE else f"{text} ({zone.key})"


def document_language() -> str:
    organisation = Organisation.load()
    return organisation.document_language if organisation else settings.LANGUAGE_CODE[:2]


def agenda_text(meeting: Meeting, *, internal: bool = True) -> str:
    """The agenda as plain text for an e-mail, in the active language; ``internal=False``
    leaves out the points for our side only (the provider's copy)."""
    shown = [item for item in agenda_items(meeting) if internal or not item.is_internal]
    items = [
        {
            "number": number,
            "title": item.title,
            "details": ["   " + line if line.strip() else "" for line in item.details.splitlines()],
        }
        for number, item in enumerate(shown, start=1)
    ]
    text = render_to_string(
        "meetings/agenda.txt",
        {"meeting": meeting, "when": meeting_when(meeting), "items": items},
    )
    lines = [line.rstrip() for line in text.strip().split("\n")]
    kept: list[str] = []
    for line in lines:
        if line or (kept and kept[-1]):
            kept.append(line)
    return "\n".join(kept) + "\n"
