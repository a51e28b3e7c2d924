"""SLA policies: versions are only ever added, never edited in place."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from vendorwatch.sla.models import SlaPolicy
from vendorwatch.sla.policy_forms import SlaPolicyEditor
from vendorwatch.sla.services import sla_policy_create, sla_version_create
from vendorwatch.web.crud import confirm_delete, paginate, perm
from vendorwatch.web.parsing import parse_int


@require_safe
@perm("sla.view_slapolicy")
def policy_list(request: HttpRequest) -> HttpResponse:
    policies = (
        SlaPolicy.objects.select_related("provider")
        .annotate(version_count=Count("versions"))
        .order_by("name")
    )
    return render(request, "sla/policy_list.html", {"page": paginate(request, policies)})


@require_safe
@perm("sla.view_slapolicy")
def policy_detail(request: HttpRequest, pk: int) -> HttpResponse:
    policy = get_object_or_404(SlaPolicy.objects.select_related("provider"), pk=pk)
    versions = list(policy.versions.select_related("created_by").order_by("-valid_from"))
    current = policy.current_version
    shown = current or policy.latest_version
    requested = request.GET.get("version", "").strip()
    missing = ""
    if requested:
        number = parse_int(requested, minimum=1)
        chosen = [version for version in versions if version.number == number]
        if chosen:
            shown = chosen[0]
        else:
            # A link from an old bookmark or a typo: show the current version and say why.
            missing = requested[:20]
    context = {
        "policy": policy,
        "versions": versions,
        "current": current,
        "shown": shown,
        "missing": missing,
        "broken": [version for version in versions if not version.is_computable],
    }
    return render(request, "sla/policy_detail.html", context)


@require_http_methods(["GET", "POST"])
@perm("sla.add_slapolicy")
def policy_add(request: HttpRequest) -> HttpResponse:
    editor = SlaPolicyEditor(request.POST or None)
    if request.method == "POST" and editor.is_valid():
        policy = sla_policy_create(
            name=editor.policy.cleaned_data["name"],
            provider=editor.policy.cleaned_data["provider"],
            description=editor.policy.cleaned_data["description"],
            valid_from=editor.version.cleaned_data["valid_from"],
            terms=editor.terms(),
            priorities=editor.priority_specs(),
            created_by=request.user,
        )
        messages.success(request, _("The SLA policy was saved."))
        return redirect("sla-policy-detail", pk=policy.pk)
    back = reverse("sla-policy-list")
    context = {"editor": editor, "title": _("New SLA policy"), "back_url": back}
    return render(request, "sla/policy_form.html", context)


@require_http_methods(["GET", "POST"])
@perm("sla.add_slaversion")
def policy_new_version(request: HttpRequest, pk: int) -> HttpResponse:
    policy = get_object_or_404(SlaPolicy, pk=pk)
    latest = policy.latest_computable_version or policy.latest_version
    editor = SlaPolicyEditor(request.POST or None, policy=policy, latest=latest)
    if request.method == "POST" and editor.is_valid():
        editor.policy.save()
        version = sla_version_create(
            policy=policy,
            valid_from=editor.version.cleaned_data["valid_from"],
            terms=editor.terms(),
            priorities=editor.priority_specs(),
            created_by=request.user,
        )
        messages.success(
            request,
            _("Version %(number)s was saved. It applies from %(date)s.")
            % {"number": version.number, "date": version.valid_from.strftime("%d.%m.%Y")},
        )
        return redirect("sla-policy-detail", pk=policy.pk)
    back = reverse("sla-policy-detail", args=[pk])
    context = {
        "editor": editor,
        "title": _("New version of %(name)s") % {"name": policy.name},
        "back_url": back,
        "broken": [v for v in policy.versions.order_by("number") if not v.is_computable],
        "intro": _(
            "Versions are never changed afterwards: problems raised before the new version "
            "applies keep the promise that held when they were raised."
        ),
    }
    return render(request, "sla/policy_form.html", context)


@require_http_methods(["GET", "POST"])
@perm("sla.delete_slapolicy")
def policy_delete(request: HttpRequest, pk: int) -> HttpResponse:
    policy = get_object_or_404(SlaPolicy, pk=pk)
    return confirm_delete(
        request,
        obj=policy,
        success_url=reverse("sla-policy-list"),
        cancel_url=reverse("sla-policy-detail", args=[pk]),
        consequence=_("All its versions are deleted with it."),
    )
