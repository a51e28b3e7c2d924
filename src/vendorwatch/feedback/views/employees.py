"""The employees who are asked in surveys: a list, added by pasting lines, changed, deleted.

They need no account: they get a link by e-mail. Deleting one touches no answer — answers
never name a person.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_GET, require_http_methods

from vendorwatch.feedback import services
from vendorwatch.feedback.forms import EmployeeForm, EmployeePasteForm
from vendorwatch.feedback.models import Employee
from vendorwatch.web.crud import confirm_delete, form_page, paginate, perm

LIST_URL = "feedback-employees"


@require_GET
@perm("feedback.view_survey")
def employee_list(request: HttpRequest) -> HttpResponse:
    employees = Employee.objects.all()
    context = {
        "page": paginate(request, employees, 50),
        "active": employees.filter(active=True).count(),
    }
    return render(request, "feedback/employee_list.html", context)


@require_http_methods(["GET", "POST"])
@perm("feedback.add_employee")
def employee_add(request: HttpRequest) -> HttpResponse:
    form = EmployeePasteForm(request.POST or None)
    report = None
    if request.method == "POST" and form.is_valid():
        added, refused = services.employees_add(form.cleaned_data["lines"])
        report = {"added": added, "refused": refused}
        if added:
            messages.success(
                request,
                ngettext(
                    "%(count)s employee was added.", "%(count)s employees were added.", len(added)
                )
                % {"count": len(added)},
            )
        # The refused lines stay in the box, to be corrected and sent again.
        form = EmployeePasteForm(initial={"lines": "\n".join(line for _n, line, _r in refused)})
    return render(request, "feedback/employee_add.html", {"form": form, "report": report})


@require_http_methods(["GET", "POST"])
@perm("feedback.change_employee")
def employee_edit(request: HttpRequest, pk: int) -> HttpResponse:
    employee = get_object_or_404(Employee, pk=pk)
    context = {
        "title": gettext("Change the employee"),
        "back_url": reverse(LIST_URL),
        "back_label": gettext("Employees"),
    }
    return form_page(
        request,
        form=EmployeeForm(request.POST or None, instance=employee),
        template="web/form_page.html",
        success_url=reverse(LIST_URL),
        success_message=gettext("The employee was saved."),
        context=context,
    )


@require_http_methods(["GET", "POST"])
@perm("feedback.delete_employee")
def employee_delete(request: HttpRequest, pk: int) -> HttpResponse:
    employee = get_object_or_404(Employee, pk=pk)
    return confirm_delete(
        request,
        obj=employee,
        success_url=reverse(LIST_URL),
        cancel_url=reverse(LIST_URL),
        consequence=gettext(
            "They are no longer asked. Answers they gave stay: answers never name a person."
        ),
    )
