"""Filters, search and sort of the problem list, shared by the page and the exports.

Everything filtered or sorted on is a stored column with an index, so the page costs the
same few queries for 25 or 100 rows and for 100 or 100,000 problems. Pages follow on from the
last problem shown (keyset pagination) instead of skipping rows, so the thousandth page costs
as little as the first; the matches are counted only up to :data:`COUNT_LIMIT`.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection
from django.db.models import BooleanField, Q
from django.db.models.expressions import RawSQL
from django.db.models.query import QuerySet
from django.http import QueryDict

from vendorwatch.problems.models import ClockState, Problem
from vendorwatch.web.parsing import parse_int

# Each sort is a column and the id, with their directions (True: ascending).
SORTS = {
    "reported": ("reported_to_provider_at", False, False),
    "oldest": ("reported_to_provider_at", True, True),
    "priority": ("priority_rank", True, False),
    "due": ("next_due", True, True),
    "response_due": ("response_due", True, True),
    "resolution_due": ("resolution_due", True, True),
}
# Sorting by a due time lists only problems that have one: NULLS LAST would defeat the index.
DUE_SORTS = {"due": "next_due", "response_due": "response_due", "resolution_due": "resolution_due"}
FILTER_KEYS = ("q", "state", "priority", "provider", "service", "breached", "reporter", "open")
# Counting further than this costs more than the number tells anyone: "more than 1,000".
COUNT_LIMIT = 1000
# The SQLite full-text table of migration 0006; its trigram tokenizer needs three characters.
SEARCH_TABLE = "problems_problem_search"
TRIGRAM = 3
# The stored clock columns that Problem.shown_state reads.
CLOCK_COLUMNS = (
    "state",
    "since",
    "reported_to_provider_at",
    "response_due",
    "resolution_due",
    "next_due",
    "breached_at",
)
# What a row of the list shows.
SHOWN = (
    *CLOCK_COLUMNS,
    "title",
    "status",
    "priority_rank",
    "response_state",
    "resolution_state",
    "provider__name",
    "service__name",
    "priority__code",
    "priority__name",
)


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
    # Control characters (a NUL byte above all) mean nothing in a filter and PostgreSQL
    # refuses them in a query.
    values = {
        key: "".join(c for c in (params.get(key) or "") if c.isprintable()).strip()[:100]
        for key in FILTER_KEYS
    }
    sort = params.get("sort") or "reported"
    return Filters(values, sort if sort in SORTS else "reported")


# Ids and ranks beyond these exist in no table; the strict parser refuses "²" and "١٢".
MAX_ID = 2**63 - 1
MAX_RANK = 32767


def _int(value: str | None, maximum: int = MAX_ID) -> int | None:
    return parse_int(value, minimum=0, maximum=maximum)


def text_condition(query: str, *, many: bool = False) -> Q:
    """Title or ticket number containing the text, case-insensitively.

    On PostgreSQL ``icontains`` is served by the trigram indexes of migration 0002. On SQLite
    a text of three characters or more is looked up in the full-text table, which finds the
    same substrings (and also folds the case of umlauts, which SQLite's LIKE does not); a
    shorter one is compared row by row as before. With ``many`` matches the rows are read in
    the order of the list's index and each is looked up among the matches, so that a common
    word does not mean sorting thousands of problems to show the first 25.
    """
    if connection.vendor == "sqlite" and len(query) >= TRIGRAM:
        # A quoted phrase: quotes, asterisks and the words AND/OR/NOT are text, not syntax.
        phrase = '"' + query.replace('"', '""') + '"'
        matches = f"SELECT rowid FROM {SEARCH_TABLE} WHERE {SEARCH_TABLE} MATCH %s"
        if many:
            # The "+" keeps SQLite from starting at the matches.
            looked_up = f'+"{Problem._meta.db_table}"."id" IN ({matches})'
            return Q(RawSQL(looked_up, [phrase], output_field=BooleanField()))
        return Q(pk__in=RawSQL(matches, [phrase]))
    return Q(title__icontains=query) | Q(provider_ticket_number__icontains=query)


def filtered_problems(filters: Filters, *, many: bool = False) -> QuerySet[Problem]:
    problems = Problem.objects.all()
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
        condition = text_condition(query, many=many)
        number = _int(query.removeprefix("#"))
        if number is not None:
            condition |= Q(pk=number)
        problems = problems.filter(condition)
    if filters.sort in DUE_SORTS:
        problems = problems.filter(**{f"{DUE_SORTS[filters.sort]}__isnull": False})
    return problems.order_by(*ordering(filters.sort))


def ordering(sort: str, reverse: bool = False) -> tuple[str, str]:
    column, column_up, id_up = SORTS[sort]
    return (
        column if column_up != reverse else f"-{column}",
        "id" if id_up != reverse else "-id",
    )


@dataclass
class Page:
    """One page of the list: where it comes from and where it goes (problem ids)."""

    object_list: list[Problem]
    count: int
    more_than_count: bool
    previous_before: int | None = None
    next_after: int | None = None
    is_first: bool = True

    @property
    def has_previous(self) -> bool:
        return not self.is_first

    @property
    def has_next(self) -> bool:
        return self.next_after is not None

    @property
    def has_other_pages(self) -> bool:
        return self.has_previous or self.has_next


def _beyond(sort: str, key: tuple[object, int], reverse: bool) -> Q:
    """The problems that come after ``key`` in the sort order (before it when reversed)."""
    column, column_up, id_up = SORTS[sort]
    column_op = "gt" if column_up != reverse else "lt"
    id_op = "gt" if id_up != reverse else "lt"
    value, pk = key
    # The first condition alone bounds the index range; an OR alone would scan the index.
    return Q(**{f"{column}__{column_op}e": value}) & (
        Q(**{f"{column}__{column_op}": value}) | Q(**{f"id__{id_op}": pk})
    )


def _key(sort: str, pk: int | None) -> tuple[object, int] | None:
    if pk is None:
        return None
    column = SORTS[sort][0]
    row = Problem.objects.filter(pk=pk).values_list(column, "id").first()
    return None if row is None or row[0] is None else (row[0], row[1])


def _shown(problems: QuerySet[Problem]) -> QuerySet[Problem]:
    return problems.select_related("provider", "service", "priority").only(*SHOWN)


def page_of(filters: Filters, params: QueryDict, size: int) -> Page:
    """The page after (``?after=<id>``) or before (``?before=<id>``) a problem, or the first.

    A starting point that no longer exists, or with nothing after it any more, shows the
    first page. The matches are counted up to :data:`COUNT_LIMIT`. Up to that many are sorted
    as a set of their own: a database walking its date index cannot know that a rare word is
    only found in old problems. More matches are few rows apart in any order, so the database
    walks the index from the starting point.
    """
    matching = filtered_problems(filters).order_by().values("pk")[: COUNT_LIMIT + 1]
    found = matching.count()
    count, more = min(found, COUNT_LIMIT), found > COUNT_LIMIT
    after, before = _key(filters.sort, _int(params.get("after"))), None
    if after is None:
        before = _key(filters.sort, _int(params.get("before")))
    start, reverse = (before, True) if before is not None else (after, False)
    if more:
        problems = filtered_problems(filters, many=True)
    else:
        # Few matches: the database sorts just these (a subquery with a limit, which it
        # cannot turn into a walk along the sort column's index).
        problems = Problem.objects.filter(pk__in=matching)
    if start is not None:
        problems = problems.filter(_beyond(filters.sort, start, reverse))
    ordered = problems.order_by(*ordering(filters.sort, reverse))
    fetched = list(_shown(ordered)[: size + 1])
    further = len(fetched) > size
    rows = fetched[:size][::-1] if reverse else fetched[:size]
    if not rows:
        # Nothing after the starting point any more (or deleted meanwhile).
        return page_of(filters, QueryDict(), size) if start is not None else Page([], 0, False)
    if before is not None:
        return Page(
            rows,
            count,
            more,
            previous_before=rows[0].pk if further else None,
            next_after=rows[-1].pk,
            is_first=not further,
        )
    return Page(
        rows,
        count,
        more,
        previous_before=None if after is None else rows[0].pk,
        next_after=rows[-1].pk if further else None,
        is_first=after is None,
    )
