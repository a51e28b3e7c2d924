"""Import of a provider's ticket export: upload, progress, preview, commit, undo, history.

Changing the mapping of an import is in :mod:`.import_mapping`."""

from __future__ import annotations

from calendar import monthrange
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlencode

import numpy as np
import numpy.typing as npt
from django.contrib import messages
from django.core.paginator import Page, Paginator
from django.db.models import Max, Min
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from vendorwatch.jobs.heartbeat import runner_status
from vendorwatch.monitoring import evaluation, pipeline
from vendorwatch.monitoring.evaluation import BREACHED, MET, NONE
from vendorwatch.monitoring.import_forms import ImportForm, format_label
from vendorwatch.monitoring.models import ExternalTicket, ImportJob, ImportPreset, ImportRejection
from vendorwatch.monitoring.reasons import FIELD_LABELS, assumption_text, rejection_text
from vendorwatch.sla.models import organisation_zone
from vendorwatch.web.crud import perm
from vendorwatch.web.parsing import EARLIEST_DATE, LATEST_DATE, parse_int

State = ImportJob.State
RUNNING = {State.QUEUED, State.ANALYSING, State.COMMITTING}
HISTORY_PAGE_SIZE = 25
ROWS_PAGE_SIZE = 50


def page_of(request: HttpRequest, items: Any, per_page: int, name: str = "page") -> Page[Any]:
    number = parse_int(request.GET.get(name), minimum=1) or 1
    return Paginator(items, per_page).get_page(number)


def number(value: int) -> str:
    return number_format(value, force_grouping=True)


def load_job(pk: int) -> ImportJob:
    queryset = ImportJob.objects.select_related("provider", "sla_policy", "created_by", "undone_by")
    return get_object_or_404(queryset, pk=pk)


# --- history ---------------------------------------------------------------------------------


@require_safe
@perm("monitoring.view_importjob")
def import_list(request: HttpRequest) -> HttpResponse:
    jobs = ImportJob.objects.select_related("provider", "created_by").order_by("-created_at", "-id")
    page = page_of(request, jobs, HISTORY_PAGE_SIZE)
    saved = dict(ImportPreset.objects.values_list("pk", "name"))
    rows = [{"job": job, "format": format_label(job.preset_used, saved)} for job in page]
    return render(request, "monitoring/import_list.html", {"page": page, "rows": rows})


# --- upload ----------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@perm("monitoring.add_importjob")
def import_new(request: HttpRequest) -> HttpResponse:
    initial = {}
    provider = parse_int(request.GET.get("provider"), minimum=1)
    if request.method == "GET" and provider is not None:
        initial["provider"] = provider
    posted = request.method == "POST"
    form = ImportForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        initial=initial,
        sla_url=request.path,
    )
    if not posted and request.headers.get("HX-Request"):
        return render(request, "monitoring/_import_sla_field.html", {"form": form})
    if posted and form.is_valid():
        data = form.cleaned_data
        job = pipeline.job_create(
            provider=data["provider"],
            sla_policy=data["sla_policy"],
            file=data["file"],
            file_name=data["file"].name,
            options=form.import_options(),
            user=request.user,
        )
        if pipeline.runs_inline(job):
            job = pipeline.job_analyse(job)
        return redirect("monitoring-import-detail", pk=job.pk)
    return render(request, "monitoring/import_new.html", {"form": form})


# --- one import ------------------------------------------------------------------------------


@require_safe
@perm("monitoring.view_importjob")
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = load_job(pk)
    context: dict[str, Any] = {"job": job, "running": job.state in RUNNING}
    if job.state in RUNNING:
        context |= progress_context(job)
    if job.state in (State.PREVIEW, State.DONE):
        context |= outcome_context(request, job) | disagreements_context(request, job)
    if job.state == State.DONE:
        context |= done_context(job)
    if job.state in (State.UNDONE, State.DONE):
        context["report_url"] = report_url(job)
    return render(request, "monitoring/import_detail.html", context)


@require_safe
@perm("monitoring.view_importjob")
def import_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress bar, polled every second; once the job has moved on, the page reloads."""
    job = load_job(pk)
    if job.state not in RUNNING:
        if request.headers.get("HX-Request"):
            return HttpResponse(status=204, headers={"HX-Refresh": "true"})
        return redirect("monitoring-import-detail", pk=job.pk)
    context = {"job": job, **progress_context(job)}
    return render(request, "monitoring/_import_progress.html", context)


def progress_context(job: ImportJob) -> dict[str, Any]:
    done, total = job.progress_done, job.progress_total
    text = ""
    if total:
        text = _("%(done)s of %(total)s rows") % {
            "done": number(min(done, total)),
            "total": number(total),
        }
    waiting = job.state in (State.QUEUED, State.COMMITTING) and not done
    return {
        "progress_done": min(done, total),
        "progress_total": total,
        "progress_text": text,
        "runner_missing": waiting and runner_missing(),
    }


def runner_missing() -> bool:
    """Nobody will pick the job up: the job runner has not checked in lately (or never)."""
    status = runner_status()
    return not status.healthy or status.last_seen_at is None


def outcome_context(request: HttpRequest, job: ImportJob) -> dict[str, Any]:
    """The answer first (how many tickets, how many rows refused), then what was assumed and
    each refused row with its reason."""
    rejections = ImportRejection.objects.filter(job=job).order_by("row", "id")
    page = page_of(request, rejections, ROWS_PAGE_SIZE)
    rows = [
        {
            "row": rejection.row,
            "field": str(FIELD_LABELS.get(rejection.field, rejection.field)),
            "reason": rejection_text(rejection.reason, rejection.field, rejection.value),
        }
        for rejection in page
    ]
    assumptions = [
        assumption_text(item.get("code", ""), item.get("params"))
        for item in job.assumptions
        if isinstance(item, dict)
    ]
    return {
        "lead": lead_sentence(job),
        "details": detail_sentences(job),
        "assumptions": assumptions,
        "rejections_page": page,
        "rejection_rows": rows,
    }


def lead_sentence(job: ImportJob) -> str:
    total = job.imported + job.updated
    preview = job.state == State.PREVIEW
    if preview:
        tickets = ngettext(
            "%(count)s ticket will be imported", "%(count)s tickets will be imported", total
        )
    else:
        tickets = ngettext(
            "%(count)s ticket was imported", "%(count)s tickets were imported", total
        )
    sentence = tickets % {"count": number(total)}
    if total:
        sentence += ": " + _("%(new)s new, %(updated)s updated") % {
            "new": number(job.imported),
            "updated": number(job.updated),
        }
    if job.rejected:
        refused = ngettext("%(count)s row refused", "%(count)s rows refused", job.rejected) % {
            "count": number(job.rejected)
        }
        sentence += "; " + refused
    return sentence + "."


def detail_sentences(job: ImportJob) -> list[str]:
    lines = [
        ngettext(
            "%(count)s row read from the file.", "%(count)s rows read from the file.", job.rows_read
        )
        % {"count": number(job.rows_read)}
    ]
    if job.superseded:
        lines.append(
            ngettext(
                "%(count)s row left out because a later row of the file holds the same ticket.",
                "%(count)s rows left out because a later row of the file holds the same ticket.",
                job.superseded,
            )
            % {"count": number(job.superseded)}
        )
    if job.outdated:
        lines.append(
            ngettext(
                "%(count)s ticket left as it was: an earlier import holds a more recent version "
                "of it (by its last change).",
                "%(count)s tickets left as they were: an earlier import holds a more recent "
                "version of each (by its last change).",
                job.outdated,
            )
            % {"count": number(job.outdated)}
        )
    return lines


class CountedPaginator(Paginator):  # type: ignore[type-arg]
    """Pages of a list whose length is known already, so no COUNT runs over the rows."""

    def __init__(self, object_list: Any, per_page: int, count: int) -> None:
        super().__init__(object_list, per_page)
        self.known_count = max(0, count)

    @property
    def count(self) -> int:
        return self.known_count


def disagreements_context(request: HttpRequest, job: ImportJob) -> dict[str, Any]:
    """The tickets where the provider's verdict differs from ours, a page of them; how many
    there are the job knows (the pipeline counted them, as the dry run's JSON reports)."""
    tickets = ExternalTicket.objects.filter(job=job, disagrees=True).order_by("created", "id")
    paginator = CountedPaginator(tickets, ROWS_PAGE_SIZE, job.disagreements)
    page = paginator.get_page(parse_int(request.GET.get("differ"), minimum=1) or 1)
    return {
        "disagreements_count": job.disagreements,
        "disagreements_page": page,
        "disagreements": verdicts(list(page)) if job.disagreements else [],
    }


def done_context(job: ImportJob) -> dict[str, Any]:
    context: dict[str, Any] = {}
    span = imported_months(job)
    if span is not None and span != last_full_month():
        start, end = span
        query = urlencode({"from": f"{start:%d.%m.%Y}", "to": f"{end:%d.%m.%Y}"})
        context["period_url"] = f"{report_url(job)}?{query}"
        context["period"] = {"start": start, "end": end}
    return context


def last_full_month() -> tuple[date, date]:
    """The month the report shows unless asked for another period."""
    end = timezone.localdate(timezone=organisation_zone()).replace(day=1) - timedelta(days=1)
    return end.replace(day=1), end


def imported_months(job: ImportJob) -> tuple[date, date] | None:
    """The whole months in which the import's tickets were created (in the company's zone):
    one aggregate over the job's rows, found by the index on the job."""
    span = ExternalTicket.objects.filter(job=job).aggregate(
        first=Min("created"), last=Max("created")
    )
    if span["first"] is None or span["last"] is None:
        return None
    zone = organisation_zone()
    try:
        first = timezone.localtime(span["first"], zone).date()
        last = timezone.localtime(span["last"], zone).date()
    except (OverflowError, ValueError):
        return None
    if not (first >= EARLIEST_DATE and last <= LATEST_DATE):
        return None
    end = last.replace(day=monthrange(last.year, last.month)[1])
    return first.replace(day=1), end


def verdicts(tickets: list[ExternalTicket]) -> list[dict[str, Any]]:
    """Both verdicts of each ticket, and why ours is what it is, from the stored due times.

    The overall verdicts follow the pipeline's own rule (:func:`evaluation.overall`, the one
    it compares the provider's "SLA met" column with): missed when response or resolution
    was missed, met only when both were met, else not decided yet (an open ticket)."""
    ours = overall([(t.response_met, t.resolution_met) for t in tickets])
    theirs_parts = overall([(t.provider_response_met, t.provider_resolution_met) for t in tickets])
    rows = []
    for ticket, our, their_parts in zip(tickets, ours, theirs_parts, strict=True):
        clocks = [
            {
                "kind": "response",
                "due": ticket.response_due,
                "actual": ticket.first_response,
                "met": ticket.response_met,
                "provider_met": ticket.provider_response_met,
            },
            {
                "kind": "resolution",
                "due": ticket.resolution_due,
                "actual": ticket.resolved,
                "met": ticket.resolution_met,
                "provider_met": ticket.provider_resolution_met,
            },
        ]
        theirs = ticket.provider_met if ticket.provider_met is not None else their_parts
        parts = [clock for clock in clocks if clock["provider_met"] is not None]
        rows.append(
            {
                "ticket": ticket,
                "clocks": clocks,
                "ours": our,
                "theirs": theirs,
                "provider_parts": parts,
            }
        )
    return rows


def overall(pairs: list[tuple[bool | None, bool | None]]) -> list[bool | None]:
    """:func:`evaluation.overall` for (response, resolution) verdicts as the models hold them
    (True met, False missed, None not decided)."""

    def column(values: list[bool | None]) -> npt.NDArray[np.int8]:
        codes = [NONE if v is None else MET if v else BREACHED for v in values]
        return np.array(codes, dtype=np.int8)

    both = evaluation.overall(column([p[0] for p in pairs]), column([p[1] for p in pairs]))
    return [None if code == NONE else code == MET for code in both.tolist()]


def report_url(job: ImportJob) -> str:
    try:
        return reverse("monitoring-report", args=[job.provider_id])
    except NoReverseMatch:
        return f"/reports/{job.provider_id}/"


# --- actions ---------------------------------------------------------------------------------


def back_to(job: ImportJob) -> HttpResponse:
    return redirect("monitoring-import-detail", pk=job.pk)


def not_now(request: HttpRequest, job: ImportJob) -> HttpResponse:
    messages.error(request, _("This import is no longer waiting for that; here is where it is."))
    return back_to(job)


@require_POST
@perm("monitoring.change_importjob")
def import_commit(request: HttpRequest, pk: int) -> HttpResponse:
    job = load_job(pk)
    if job.state != State.PREVIEW:
        return not_now(request, job)
    job = pipeline.job_request_commit(job, user=request.user)
    if job.state == State.DONE:
        messages.success(request, _("The tickets were imported."))
    return back_to(job)


@require_http_methods(["GET", "POST"])
@perm("monitoring.change_importjob")
def import_discard(request: HttpRequest, pk: int) -> HttpResponse:
    job = load_job(pk)
    if job.state not in (State.PREVIEW, State.FAILED):
        return not_now(request, job)
    if request.method == "POST":
        pipeline.job_discard(job, user=request.user)
        messages.success(request, _("The import was discarded; nothing was changed."))
        return back_to(job)
    return confirm(
        request,
        job,
        title=_("Discard this import?"),
        text=_("The file is not imported. Nothing changes in the tickets already imported."),
        button=pgettext("ticket import", "Discard"),
    )


@require_http_methods(["GET", "POST"])
@perm("monitoring.change_importjob")
def import_undo(request: HttpRequest, pk: int) -> HttpResponse:
    job = load_job(pk)
    if job.state != State.DONE:
        return not_now(request, job)
    if request.method == "POST":
        pipeline.job_undo(job, user=request.user)
        messages.success(request, _("The import was undone."))
        return back_to(job)
    count = job.imported + job.updated
    text = ngettext(
        "The %(count)s ticket of this import is removed; where an earlier import held it, "
        "that earlier version counts again.",
        "The %(count)s tickets of this import are removed; where an earlier import held them, "
        "those earlier versions count again.",
        count,
    ) % {"count": number(count)}
    return confirm(
        request, job, title=_("Undo this import?"), text=text, button=_("Undo the import")
    )


def confirm(
    request: HttpRequest, job: ImportJob, *, title: str, text: str, button: str
) -> HttpResponse:
    context = {"job": job, "title": title, "text": text, "button": button}
    return render(request, "monitoring/import_confirm.html", context)
