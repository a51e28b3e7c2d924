"""Filters, search and sort of the problem list, shared by the page and the exports.

Everything filtered or sorted on is a stored column with an index, so the page costs the
same few queries for 25 or 100 rows and for 100 or 100,000 problems.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.db.models.query import QuerySet
from django.http import QueryDict

from vendorwatch.problems.models import ClockState, Problem
from vendorwatch.web.parsing import parse_int

SORTS = {
    "reported": ("-reported_to_provider_at", "-id"),
    "oldest": ("reported_to_provider_at", "id"),
    "priority": ("priority_rank", "-id"),
    "due": ("next_due", "id"),
    "response_due": ("response_due", "id"),
    "resolution_due": ("resolution_due", "id"),
}
# Sorting by a due time lists only problems that have one: NULLS LAST would defeat the index.
DUE_SORTS = {"due": "next_due", "response_due": "response_due", "resolution_due": "resolution_due"}
FILTER_KEYS = ("q", "state", "priority", "provider", "service", "breached", "reporter", "open")


@dataclass
class Filters:
    values: dict[str, str]
    sort: str

    @property
    def active(self) -> bool:
        return any(self.values.values())

    def querystring(self) -> str:
        query = QueryDict(mutable=True)
        for key, value in self.values.items():
            if value:
                query[key] = value
        if self.sort != "reported":
            query["sort"] = self.sort
        return query.urlencode()


def read_filters(params: QueryDict) -> Filters:
    values = {key: (params.get(key) or "").strip()[:100] for key in FILTER_KEYS}
    sort = params.get("sort") or "reported"
    return Filters(values, sort if sort in SORTS else "reported")


# Ids and ranks beyond these exist in no table; the strict parser refuses "²" and "١٢".
MAX_ID = 2**63 - 1
MAX_RANK = 32767


def _int(value: str, maximum: int = MAX_ID) -> int | None:
    return parse_int(value, minimum=0, maximum=maximum)


def filtered_problems(filters: Filters) -> QuerySet[Problem]:
    problems = Problem.objects.select_related("provider", "service", "priority", "reporter")
    v = filters.values
    if v["state"] in ClockState.values:
        problems = problems.filter(state=v["state"])
    rank = _int(v["priority"], MAX_RANK)
    if rank is not None:
        problems = problems.filter(priority_rank=rank)
    for key in ("provider", "service", "reporter"):
        number = _int(v[key])
        if number is not None:
            problems = problems.filter(**{f"{key}_id": number})
    if v["breached"] in ("yes", "no"):
        problems = problems.filter(breached=v["breached"] == "yes")
    if v["open"] in ("yes", "no"):
        problems = problems.filter(is_open=v["open"] == "yes")
    if v["q"]:
        query = v["q"]
        condition = Q(title__icontains=query) | Q(provider_ticket_number__icontains=query)
        number = _int(query.removeprefix("#"))
        if number is not None:
            condition |= Q(pk=number)
        problems = problems.filter(condition)
    if filters.sort in DUE_SORTS:
        problems = problems.filter(**{f"{DUE_SORTS[filters.sort]}__isnull": False})
    return problems.order_by(*SORTS[filters.sort])
