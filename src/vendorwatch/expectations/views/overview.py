from __future__ import annotations

from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from vendorwatch.expectations.models import Requirement, Service, Task
from vendorwatch.expectations.services import raci_check, raci_matrix
from vendorwatch.providers.models import Provider
from vendorwatch.web.crud import perm


@require_safe
@perm("expectations.view_requirement")
def index(request: HttpRequest) -> HttpResponse:
    """Step 1 at a glance: what is written down, and where the gaps are."""
    tasks, parties, cells = raci_matrix()
    context = {
        "provider_count": Provider.objects.count(),
        "requirement_count": Requirement.objects.count(),
        "agreed_count": Requirement.objects.filter(
            Q(agreements__isnull=False) | Q(unattributed_agreed_on__isnull=False)
        )
        .distinct()
        .count(),
        "service_count": Service.objects.count(),
        "gap_count": Service.objects.filter(needed=True, contracted=False).count(),
        "task_count": Task.objects.count(),
        "raci": raci_check(tasks, parties, cells),
        # Quick links to the documents of the providers one works with (not candidates).
        "document_providers": Provider.objects.filter(status=Provider.Status.ACTIVE)[:5],
    }
    return render(request, "expectations/index.html", context)
