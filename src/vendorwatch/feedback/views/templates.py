"""Question templates: the built-in ones (read-only, in the reader's language) and the
user's own, kept for later surveys."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods

from vendorwatch.feedback.forms import QuestionTemplateForm
from vendorwatch.feedback.models import QuestionKind, QuestionTemplate
from vendorwatch.feedback.templates_builtin import BUILT_IN
from vendorwatch.web.crud import confirm_delete, form_page, paginate, perm

LIST_URL = "feedback-templates"


@dataclass(frozen=True)
class BuiltInRow:
    text: str
    kind: str
    options: list[str]
    preselected: bool


def built_in_rows() -> list[BuiltInRow]:
    """The built-in templates in the active language."""
    return [
        BuiltInRow(
            text=gettext(item.text),
            kind=str(QuestionKind(item.kind).label),
            options=[gettext(choice) for choice in item.choices],
            preselected=item.preselected,
        )
        for item in BUILT_IN
    ]


@require_GET
@perm("feedback.view_survey")
def template_list(request: HttpRequest) -> HttpResponse:
    context = {
        "built_in": built_in_rows(),
        "page": paginate(request, QuestionTemplate.objects.all()),
    }
    return render(request, "feedback/template_list.html", context)


def form_context(title: str) -> dict[str, object]:
    return {
        "title": title,
        "intro": gettext(
            "A question of your own, offered when you add questions to a survey in its language."
        ),
        "back_url": reverse(LIST_URL),
        "back_label": gettext("Question templates"),
    }


@require_http_methods(["GET", "POST"])
@perm("feedback.add_questiontemplate")
def template_add(request: HttpRequest) -> HttpResponse:
    return form_page(
        request,
        form=QuestionTemplateForm(request.POST or None),
        template="web/form_page.html",
        success_url=reverse(LIST_URL),
        success_message=gettext("The question template was saved."),
        context=form_context(gettext("New question template")),
    )


@require_http_methods(["GET", "POST"])
@perm("feedback.change_questiontemplate")
def template_edit(request: HttpRequest, pk: int) -> HttpResponse:
    template = get_object_or_404(QuestionTemplate, pk=pk)
    return form_page(
        request,
        form=QuestionTemplateForm(request.POST or None, instance=template),
        template="web/form_page.html",
        success_url=reverse(LIST_URL),
        success_message=gettext("The question template was saved."),
        context=form_context(gettext("Change the question template")),
    )


@require_http_methods(["GET", "POST"])
@perm("feedback.delete_questiontemplate")
def template_delete(request: HttpRequest, pk: int) -> HttpResponse:
    template = get_object_or_404(QuestionTemplate, pk=pk)
    return confirm_delete(
        request,
        obj=template,
        success_url=reverse(LIST_URL),
        cancel_url=reverse(LIST_URL),
        consequence=gettext("Surveys that already ask this question keep it."),
    )
