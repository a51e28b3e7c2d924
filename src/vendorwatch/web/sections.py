"""The product's sections, in the order of the six steps, as the navigation shows them.

A section that has no pages of its own yet points at a placeholder that explains what it will
hold; when a part of the product is built, its entry names that part's start page instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Section:
    slug: str
    label: str | Promise
    url_name: str
    summary: str | Promise
    step: int | None = None
    # Further address prefixes that belong to this section (for the navigation highlight).
    prefixes: tuple[str, ...] = ()
    # For a section not built yet: what the user can do meanwhile, and where (label, URL name).
    meanwhile: str | Promise = ""
    meanwhile_links: tuple[tuple[str | Promise, str], ...] = ()

    @property
    def is_placeholder(self) -> bool:
        return self.url_name == f"web-section-{self.slug}"


SECTIONS: tuple[Section, ...] = (
    Section(
        "dashboard",
        _("Dashboard"),
        "web-dashboard",
        _("What needs your attention today."),
    ),
    Section(
        "expectations",
        _("Expectations"),
        "expectations-index",
        _(
            "Write down what you need from your provider and who does what: requirements, "
            "services, responsibilities and agreed response times."
        ),
        step=1,
        prefixes=("/providers/",),
    ),
    Section(
        "problems",
        _("Problems"),
        "problems-list",
        _(
            "Report every problem at once and precisely, and see in working hours whether "
            "your provider answers and fixes it in time."
        ),
        step=3,
    ),
    Section(
        "communication",
        _("Communication"),
        "meetings-index",
        _(
            "Meet your provider regularly: agendas built from what is open, minutes, decisions "
            "and tasks with due dates."
        ),
        step=2,
        prefixes=("/actions/",),
    ),
    Section(
        "contracts",
        _("Contracts"),
        "contracts-list",
        _(
            "Keep your contracts, notice deadlines and invoices in one place and check that you "
            "get what you pay for."
        ),
        step=4,
    ),
    Section(
        "alternatives",
        _("Alternatives"),
        "alternatives-index",
        _("Ask other providers for offers and compare them fairly against your requirements."),
        step=5,
    ),
    Section(
        "exit",
        _("Exit"),
        "termination-index",
        _(
            "End a contract cleanly: the right deadline, the notice letter, and a checklist so "
            "that nothing is lost in the handover."
        ),
        step=6,
    ),
    Section(
        "feedback",
        _("Feedback"),
        "feedback-index",
        _(
            "Ask your employees, briefly and anonymously, how well the provider serves them, "
            "and let them rate each solved problem."
        ),
    ),
    Section(
        "reports",
        _("Reports"),
        "monitoring-index",
        _("Monthly reports on how your provider really performs, from your own records."),
    ),
    Section(
        "settings",
        _("Settings"),
        "web-settings",
        _("Your company, users and their roles."),
    ),
)


def placeholder_sections() -> tuple[Section, ...]:
    """Sections that still show the placeholder page."""
    return tuple(s for s in SECTIONS if s.is_placeholder)


def section_by_slug(slug: str) -> Section | None:
    return next((s for s in SECTIONS if s.slug == slug), None)
