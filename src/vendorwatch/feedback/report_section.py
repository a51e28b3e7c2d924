"""Employee feedback in the monthly SLA report: the ratings of the provider's resolved
problems given in the period, and the survey rounds about the provider.

A round's figures appear only where the round was shown (at least ``min_answers``
responses); below that the report says only that there were too few answers. The figures
of any number of rounds are read with a fixed number of queries (also used by the
dashboard panel, :mod:`vendorwatch.feedback.dashboard`).

The texts are made in the active language: the report page calls this in the user's
language, the PDF and the e-mail in the organisation's document language.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, Sum
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from vendorwatch.core import feedback as fb
from vendorwatch.core.deadlines import format_date
from vendorwatch.feedback.models import (
    LOW_RATING,
    Answer,
    ProblemRating,
    Question,
    QuestionKind,
    SurveyRound,
)
from vendorwatch.feedback.results import minimum
from vendorwatch.web.pdf import shorten

# Low ratings listed with their comment; the rest are counted.
LISTED = 20
# A comment in the PDF and the e-mail is cut to about a third of a page (the page has it all).
SHORT_COMMENT = 1_000


# --- figures of rounds, in bulk -----------------------------------------------------------


@dataclass(frozen=True)
class Picked:
    """The questions a survey's headline is made of (as :func:`results.headline` picks them):
    the overall satisfaction (topic "overall", else the first rating question) and the
    recommendation (topic "overall", else the first 0–10 question)."""

    rating: int | None
    recommend: int | None


def picked_questions(survey_ids: Iterable[int]) -> dict[int, Picked]:
    """Per survey its headline questions (one query)."""
    found: dict[int, dict[str, list[Question]]] = defaultdict(lambda: defaultdict(list))
    kinds = [QuestionKind.RATING, QuestionKind.RECOMMEND]
    for question in Question.objects.filter(survey_id__in=list(survey_ids), kind__in=kinds):
        found[question.survey_id][question.kind].append(question)

    def pick(items: list[Question]) -> int | None:
        chosen = [q for q in items if q.topic == "overall"] or items
        return chosen[0].pk if chosen else None

    return {
        survey_id: Picked(pick(by_kind[QuestionKind.RATING]), pick(by_kind[QuestionKind.RECOMMEND]))
        for survey_id, by_kind in found.items()
    }


@dataclass(frozen=True)
class Figures:
    satisfaction: Decimal | None  # mean of the overall rating question
    nps: int | None  # Net Promoter Score of the recommendation question


def round_figures(rounds: Iterable[SurveyRound], picked: dict[int, Picked]) -> dict[int, Figures]:
    """The headline figures of each round by its key (one query, counted in the database).
    Give only rounds that may be shown: the figures of any round given are computed."""
    rounds = list(rounds)
    question_ids = {
        pk for item in picked.values() for pk in (item.rating, item.recommend) if pk is not None
    }
    values: dict[tuple[int, int], list[int]] = defaultdict(list)
    if rounds and question_ids:
        rows = (
            Answer.objects.filter(
                response__round__in=[r.pk for r in rounds],
                question_id__in=question_ids,
                number__isnull=False,
            )
            .values_list("response__round_id", "question_id", "number")
            .annotate(count=Count("pk"))
            .order_by()
        )
        for round_id, question_id, number, count in rows:
            values[(round_id, question_id)].extend([number] * count)
    result = {}
    for survey_round in rounds:
        item = picked.get(survey_round.survey_id, Picked(None, None))
        score = fb.nps(values.get((survey_round.pk, item.recommend or 0), []))
        result[survey_round.pk] = Figures(
            satisfaction=fb.mean(values.get((survey_round.pk, item.rating or 0), [])),
            nps=score.score if score else None,
        )
    return result


# --- texts --------------------------------------------------------------------------------


def mean_text(value: Decimal) -> str:
    number = formats.number_format(value, 1, use_l10n=True)
    return _("%(mean)s out of 5") % {"mean": number}


def stars_text(stars: int) -> str:
    text = ngettext("%(stars)s of 5 stars", "%(stars)s of 5 stars", stars)
    return text % {"stars": stars}


def nps_text(score: int) -> str:
    return f"{score:+d}" if score else "0"


def trend_word(current: Decimal | int | None, previous: Decimal | int | None) -> str | None:
    """Better, worse or unchanged against the round shown before; ``None`` without one."""
    if current is None or previous is None:
        return None
    if current > previous:
        return pgettext("trend", "better")
    if current < previous:
        return pgettext("trend", "worse")
    return pgettext("trend", "unchanged")


def answered_text(answered: int, invited: int) -> str:
    text = ngettext(
        "%(answered)s of %(invited)s has answered",
        "%(answered)s of %(invited)s have answered",
        answered,
    )
    return text % {"answered": answered, "invited": invited}


def low_text(count: int) -> str:
    text = ngettext(
        "%(count)s low rating (%(stars)s stars or fewer)",
        "%(count)s low ratings (%(stars)s stars or fewer)",
        count,
    )
    return text % {"count": count, "stars": LOW_RATING}


def local_day(moment: datetime) -> date:
    """The local day of a stored moment; a moment at the very end of the calendar (typed
    into the database by hand) keeps its own day rather than failing to convert."""
    try:
        return timezone.localdate(moment)
    except (OverflowError, ValueError):
        return moment.date()


def last_open_day(closes_at: datetime) -> date:
    """A round closes at midnight after its last day: that day is the one to name."""
    return local_day(closes_at - timedelta(microseconds=1))


# --- the report section -------------------------------------------------------------------


@dataclass(frozen=True)
class LowRating:
    problem_id: int
    title: str
    stars: str  # "2 out of 5"
    comment: str  # all of it, in quotes (the page)
    pdf_comment: str  # cut, with break points in very long words
    mail_comment: str  # cut


@dataclass(frozen=True)
class RoundLine:
    label: str  # “Survey title”, round 2, opened on 01.11.2026
    shown: bool
    figures: list[str]  # satisfaction, NPS, answered of invited; empty when not shown
    running_until: str  # the last open day of a round still open, else ""


@dataclass
class ReportSection:
    ratings: int = 0
    mean: str = ""
    low: int = 0
    low_ratings: list[LowRating] = field(default_factory=list)
    more_low: int = 0  # low ratings with a comment not listed
    rounds: list[RoundLine] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.ratings and not self.rounds

    @property
    def ratings_text(self) -> str:
        text = ngettext(
            "%(count)s rating of a resolved problem, on average %(mean)s.",
            "%(count)s ratings of resolved problems, on average %(mean)s.",
            self.ratings,
        )
        return text % {"count": self.ratings, "mean": self.mean}

    @property
    def low_text(self) -> str:
        return low_text(self.low)


def period_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """The period's first moment and the moment after it, in the organisation's time zone
    (as the rest of the report counts)."""
    from vendorwatch.monitoring.report_periods import day_start
    from vendorwatch.sla.models import organisation_zone

    zone = organisation_zone()
    return day_start(start, zone), day_start(end + timedelta(days=1), zone)


def report_section(provider: Any, start: date, end: date) -> ReportSection:
    """The feedback about ``provider`` for the report of ``start`` to ``end`` (a few queries,
    however many ratings and rounds there are)."""
    since, until = period_bounds(start, end)
    section = ReportSection()
    _add_ratings(section, provider, since, until)
    section.rounds = _round_lines(provider, since, until)
    return section


def _add_ratings(section: ReportSection, provider: Any, since: datetime, until: datetime) -> None:
    given = ProblemRating.objects.filter(
        problem__provider=provider,
        stars__isnull=False,
        answered_at__gte=since,
        answered_at__lt=until,
    )
    totals = given.aggregate(
        count=Count("pk"), total=Sum("stars"), low=Count("pk", filter=Q(stars__lte=LOW_RATING))
    )
    section.ratings = totals["count"] or 0
    if not section.ratings:
        return
    mean = fb.mean_of_sum(totals["total"] or 0, section.ratings)
    section.mean = mean_text(mean) if mean is not None else ""
    section.low = totals["low"] or 0
    if not section.low:
        return
    commented = (
        given.filter(stars__lte=LOW_RATING)
        .exclude(comment="")
        .select_related("problem")
        .only("stars", "comment", "problem__title")
        .order_by("answered_at", "pk")
    )
    listed = list(commented[: LISTED + 1])
    section.more_low = max(0, len(listed) - LISTED)
    if section.more_low:
        section.more_low = commented.count() - LISTED
    for rating in listed[:LISTED]:
        section.low_ratings.append(
            LowRating(
                problem_id=rating.problem_id,
                title=rating.problem.title,
                stars=stars_text(rating.stars or 0),
                comment=quoted(rating.comment),
                pdf_comment=quoted(_short(rating.comment, break_words=True)),
                mail_comment=quoted(_short(rating.comment, break_words=False)),
            )
        )


def quoted(text: str) -> str:
    return _("“%(text)s”") % {"text": text}


def _short(comment: str, *, break_words: bool) -> str:
    cut = shorten(comment, max_chars=SHORT_COMMENT, max_lines=15, break_words=break_words)
    return cut.text + (" …" if cut.shortened else "")


def _round_lines(provider: Any, since: datetime, until: datetime) -> list[RoundLine]:
    """The rounds opened in the period; per survey with none of those shown, also its
    latest shown round before (the latest results there are)."""
    rounds = list(
        SurveyRound.objects.filter(survey__provider=provider, opens_at__lt=until)
        .select_related("survey")
        .annotate(answered=Count("responses"))
        .order_by("survey__title", "survey_id", "number")
    )
    if not rounds:
        return []
    by_survey: dict[int, list[SurveyRound]] = defaultdict(list)
    for survey_round in rounds:
        by_survey[survey_round.survey_id].append(survey_round)
    chosen: list[tuple[SurveyRound, bool]] = []  # (round, opened before the period)
    for survey_rounds in by_survey.values():
        inside = [r for r in survey_rounds if r.opens_at >= since]
        if not any(_shown(r) for r in inside):
            earlier = [r for r in survey_rounds if r.opens_at < since and _shown(r)]
            if earlier:
                chosen.append((earlier[-1], True))
        chosen.extend((r, False) for r in inside)
    if not chosen:
        return []
    shown = [r for r, _earlier in chosen if _shown(r)]
    figures = round_figures(shown, picked_questions({r.survey_id for r in shown})) if shown else {}
    now = timezone.now()
    return [_round_line(r, earlier, figures.get(r.pk), now) for r, earlier in chosen]


def _shown(survey_round: Any) -> bool:
    return fb.shown(survey_round.answered, minimum(survey_round.survey))


def _round_line(
    survey_round: Any, earlier: bool, figures: Figures | None, now: datetime
) -> RoundLine:
    values = {
        "title": survey_round.survey.title,
        "number": survey_round.number,
        "day": format_date(local_day(survey_round.opens_at)),
    }
    if earlier:
        label = _("“%(title)s”, round %(number)s (opened on %(day)s, the latest results)")
    else:
        label = _("“%(title)s”, round %(number)s (opened on %(day)s)")
    texts = []
    if figures is not None:
        if figures.satisfaction is not None:
            texts.append(_("satisfaction %(mean)s") % {"mean": mean_text(figures.satisfaction)})
        if figures.nps is not None:
            texts.append(_("recommendation (NPS) %(nps)s") % {"nps": nps_text(figures.nps)})
        texts.append(answered_text(survey_round.answered, survey_round.invited))
    running = survey_round.opens_at <= now < survey_round.closes_at
    return RoundLine(
        label=label % values,
        shown=figures is not None,
        figures=texts,
        running_until=format_date(last_open_day(survey_round.closes_at)) if running else "",
    )
