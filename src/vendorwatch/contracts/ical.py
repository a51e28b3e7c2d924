"""The calendar feed (RFC 5545): send dates, receipt deadlines and contract ends as all-day
events, and the meetings with the providers (series with their rule, in their own time
zone, from :func:`vendorwatch.meetings.ical.feed_events`). UIDs are derived from the contract
and the date, so a calendar that polls the feed updates its events instead of duplicating
them.

Each event says in a few lines what to do and links to the contract's page, where the
deadline is explained in full. :func:`feed_version` names the feed's state from a few
aggregates, so a client polling every few minutes gets "not modified" without the feed
being computed.
"""

from __future__ import annotations

import hashlib
import logging
from datetime import UTC, date, datetime, timedelta

from django.db.models import Count, Max
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from vendorwatch.contracts.deadlines import contract_deadlines
from vendorwatch.contracts.models import Contract
from vendorwatch.contracts.models.contract import organisation_subdivision
from vendorwatch.core.deadlines import format_date
from vendorwatch.meetings.ical import CALENDAR_ERRORS as MEETING_ERRORS
from vendorwatch.meetings.ical import feed_events as meeting_feed_events
from vendorwatch.meetings.ical import feed_state as meeting_feed_state
from vendorwatch.providers.models import Provider

logger = logging.getLogger(__name__)

PRODID = "-//Vendorwatch//Contract deadlines//DE"
# Raised when what the feed says for the same data changes (a new field, other texts).
FEED_FORMAT = "3"


def feed_version(*, language: str, today: date, base_url: str, meetings: bool = True) -> str:
    """A name for everything the feed depends on: the contracts (changed, added, deleted),
    the providers' names, the federal state (holidays move deadlines), the day ("days left",
    what is still ahead), the language, the address the links point to, and whether and
    which meetings it shows."""
    contracts = Contract.objects.aggregate(
        changed=Max("updated_at"), count=Count("pk"), last=Max("pk")
    )
    providers = list(Provider.objects.order_by("pk").values_list("pk", "name"))
    parts = [
        FEED_FORMAT,
        language,
        today.isoformat(),
        base_url,
        str(organisation_subdivision()),
        repr(sorted(contracts.items())),
        repr(providers),
        repr(meeting_feed_state()) if meetings else "no meetings",
    ]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]


def _event(uid: str, day: date, summary: str, description: str, stamp: datetime, url: str) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("summary", summary)
    event.add("description", description)
    event.add("url", url)
    event.add("transp", "TRANSPARENT")
    return event


def contract_calendar(
    *, language: str, base_url: str, today: date | None = None, meetings: bool = True
) -> bytes:
    """The feed; ``base_url`` (scheme and host, no slash at the end) makes the links absolute.
    With ``meetings`` it shows the meetings with the providers too."""
    today = today or timezone.localdate()
    stamp = timezone.now().astimezone(UTC).replace(microsecond=0)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    with translation.override(language):
        if meetings:
            calendar.add("x-wr-calname", _("Contract deadlines and meetings"))
            try:
                components = meeting_feed_events(base_url=base_url)
            except MEETING_ERRORS:
                # Each meeting is already left out on its own when it cannot be written;
                # whatever still fails must not cost the deadlines.
                logger.exception("meetings left out of the calendar feed")
                components = []
            for component in components:
                calendar.add_component(component)
        else:
            calendar.add("x-wr-calname", _("Contract deadlines"))
        contracts = list(Contract.objects.select_related("provider"))
        for row in contract_deadlines(contracts, today):
            result, contract = row.result, row.contract
            name = f"{contract.title} ({contract.provider.name})"
            url = base_url + reverse("contracts-detail", args=[contract.pk]) + "#deadline-heading"
            link = _("How the dates are computed: %(url)s") % {"url": url}
            if row.failed:
                # Shown on the day the feed is read, so the record gets checked.
                uid = f"contract-{contract.pk}-unreadable@vendorwatch"
                summary = f"{row.status_text}: {name}"
                description = f"{summary}\n{link}"
                calendar.add_component(_event(uid, today, summary, description, stamp, url))
                continue
            if result is None:
                continue
            explanation = "\n".join([*row.summary, link])
            # The arrive-by event is on the advised day (never one that has passed); the
            # legal deadline leads its description when the two differ.
            arrive = explanation
            if result.arrive_by_differs and result.receipt_deadline is not None:
                legal = _("Legal deadline for receipt: %(date)s") % {
                    "date": format_date(result.receipt_deadline)
                }
                arrive = f"{legal}\n{explanation}"
            send = _("Send notice by today: %(name)s")
            events = [
                ("send", result.recommended_send_date, send, explanation),
                ("receipt", result.arrive_by, _("Notice must be received: %(name)s"), arrive),
                ("end", result.next_possible_end, _("Contract end: %(name)s"), explanation),
            ]
            for kind, day, summary, description in events:
                if day is None or day >= date.max:  # no next day to end the event on
                    continue
                uid = f"contract-{contract.pk}-{kind}-{day:%Y%m%d}@vendorwatch"
                calendar.add_component(
                    _event(uid, day, summary % {"name": name}, description, stamp, url)
                )
    feed: bytes = calendar.to_ical()
    return feed
