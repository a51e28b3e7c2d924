"""Changing how an import reads its file: the columns, the date format, the zone and the
priorities chosen by hand; the file is read again (and the choice may be saved as a format)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from vendorwatch.monitoring import options as f
from vendorwatch.monitoring import pipeline, reading
from vendorwatch.monitoring.import_forms import MappingForm
from vendorwatch.monitoring.models import ExternalTicket, ImportJob, ImportPreset, ImportRejection
from vendorwatch.monitoring.options import ImportOptions
from vendorwatch.monitoring.presets import BUILTIN
from vendorwatch.monitoring.views.imports import back_to, load_job, not_now
from vendorwatch.web.crud import perm
from vendorwatch.web.parsing import parse_int

State = ImportJob.State
# More distinct priority values than this mean the wrong column was chosen as priority.
MAX_PRIORITY_VALUES = 40


@require_http_methods(["GET", "POST"])
@perm("monitoring.change_importjob")
def import_mapping(request: HttpRequest, pk: int) -> HttpResponse:
    """Choose the columns, the date format, the zone and the priorities by hand; the file is
    read again with them (and they may be saved as a format for the next time)."""
    job = load_job(pk)
    if job.state not in (State.PREVIEW, State.FAILED) or not job.file:
        return not_now(request, job)
    used = ImportOptions.from_json(job.options)
    try:
        headers = file_headers(job, used)
    except reading.UnreadableFile as error:
        messages.error(request, str(error))
        return back_to(job)
    values = priority_values(job)
    form = MappingForm(
        request.POST if request.method == "POST" else None,
        headers=headers,
        priority_values=values,
        policy=job.sla_policy,
        initial=mapping_initial(job, used, values),
    )
    if request.method == "POST" and form.is_valid():
        remap(request, job, form, used.preset)
        return back_to(job)
    context = {"job": job, "form": form, "headers": headers}
    return render(request, "monitoring/import_mapping.html", context)


def file_headers(job: ImportJob, used: ImportOptions) -> list[str]:
    table = reading.read_table(
        job.file.path, file_name=job.file_name, encoding=used.encoding, delimiter=used.delimiter
    )
    close = getattr(table.rows, "close", None)
    if callable(close):
        close()
    return list(table.headers)


def priority_values(job: ImportJob) -> list[str]:
    """The distinct priorities of the file: of the rows read, and of those refused for it."""
    staged = ExternalTicket.objects.filter(job=job).exclude(priority_value="")
    found = set(staged.values_list("priority_value", flat=True).distinct()[:MAX_PRIORITY_VALUES])
    unknown = ImportRejection.objects.filter(job=job, reason="unknown_priority").exclude(value="")
    found |= set(unknown.values_list("value", flat=True).distinct()[:MAX_PRIORITY_VALUES])
    return sorted(found, key=str.casefold)[:MAX_PRIORITY_VALUES]


def mapping_initial(job: ImportJob, used: ImportOptions, values: list[str]) -> dict[str, Any]:
    """What the last reading used: the user's choices, else the columns it found itself."""
    initial: dict[str, Any] = dict(MappingForm.settings_initial(used))
    detected: dict[str, str] = {}
    for item in job.assumptions:
        if isinstance(item, dict) and item.get("code") == "column":
            params = item.get("params") or {}
            if params.get("field") in f.FIELDS:
                detected.setdefault(params["field"], str(params.get("column", "")))
    for name in f.FIELDS:
        chosen = used.columns.get(name)
        initial[f"column_{name}"] = chosen if chosen is not None else detected.get(name, "")
    staged = ExternalTicket.objects.filter(job=job, priority_value__in=values)
    ranks = dict(staged.values_list("priority_value", "priority_rank").distinct())
    for index, value in enumerate(values):
        rank = used.priority_map.get(value, ranks.get(value))
        initial[f"priority_{index}"] = rank if rank is not None else ""
    return initial


def remap(request: HttpRequest, job: ImportJob, form: MappingForm, preset: str) -> None:
    """Read the file again with the chosen mapping (the old preview goes), perhaps saving the
    mapping as a format under its name first."""
    options = form.import_options(preset)
    if form.cleaned_data.get("save_as_preset"):
        name = form.cleaned_data["preset_name"]
        saved = options.to_json()
        saved["preset"] = underlying_preset(job, preset)
        user = request.user if request.user.is_authenticated else None
        ImportPreset.objects.create(name=name, options=saved, created_by=user)
        messages.success(request, _("The format “%(name)s” was saved.") % {"name": name})
    job = pipeline.job_reanalyse(job, options)
    if job.state == State.QUEUED and pipeline.runs_inline(job):
        pipeline.job_analyse(job)


def underlying_preset(job: ImportJob, preset: str) -> str:
    """The built-in format a new saved format builds on: the one this file was read with."""
    if preset.startswith("saved:"):
        pk = parse_int(preset.removeprefix("saved:"), minimum=1)
        saved = ImportPreset.objects.filter(pk=pk or 0).first()
        preset = str(saved.options.get("preset") or "auto") if saved else "auto"
    if preset == "auto" and job.preset_used in BUILTIN:
        return job.preset_used
    return preset
