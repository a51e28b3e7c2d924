"""A survey's questions: add (own or from templates), change, delete, put in order.

Once a round went out the questions are fixed: an answer must mean what was asked, and the
trend compares the same question across rounds.
"""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.db.models import Max
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_http_methods, require_POST

from vendorwatch.audit.recording import record_created
from vendorwatch.feedback.forms import QuestionForm, TemplatePickForm
from vendorwatch.feedback.models import Question, Survey
from vendorwatch.feedback.templates_builtin import built_in, question_from_built_in
from vendorwatch.feedback.views.surveys import detail_url, posted
from vendorwatch.web.crud import confirm_delete, form_page, perm

FORM_TEMPLATE = "web/form_page.html"


def refuse_if_locked(request: HttpRequest, survey: Survey) -> HttpResponse | None:
    if not survey.questions_locked:
        return None
    messages.error(
        request,
        gettext(
            "The questions are fixed since the first round was sent. For other questions, "
            "create a new survey."
        ),
    )
    return redirect(questions_url(survey))


def next_position(survey: Survey) -> int:
    return (survey.questions.aggregate(last=Max("position"))["last"] or 0) + 1


def questions_url(survey: Survey) -> str:
    return detail_url(survey) + "#questions-heading"


def form_context(survey: Survey, title: str) -> dict[str, object]:
    return {
        "title": title,
        "intro": gettext(
            "Ask one thing per question, in words everyone understands. A rating goes from 1 "
            "(poor) to 5 (very good); a recommendation from 0 to 10."
        ),
        "back_url": questions_url(survey),
        "back_label": survey.title,
    }


@require_http_methods(["GET", "POST"])
@perm("feedback.add_question")
def question_add(request: HttpRequest, pk: int) -> HttpResponse:
    survey = get_object_or_404(Survey, pk=pk)
    if (refused := refuse_if_locked(request, survey)) is not None:
        return refused

    def save(form: QuestionForm) -> None:
        question = form.save(commit=False)
        question.survey = survey
        question.position = next_position(survey)
        question.save()

    return form_page(
        request,
        form=QuestionForm(request.POST or None),
        template=FORM_TEMPLATE,
        success_url=questions_url(survey),
        success_message=gettext("The question was added."),
        context=form_context(survey, gettext("New question")),
        save=save,
    )


@require_http_methods(["GET", "POST"])
@perm("feedback.add_question")
def questions_from_templates(request: HttpRequest, pk: int) -> HttpResponse:
    survey = get_object_or_404(Survey, pk=pk)
    if (refused := refuse_if_locked(request, survey)) is not None:
        return refused
    form = TemplatePickForm(posted(request), survey=survey)
    if request.method == "POST" and form.is_valid():
        added = questions_add_chosen(survey, form)
        messages.success(
            request,
            ngettext("%(count)s question was added.", "%(count)s questions were added.", added)
            % {"count": added},
        )
        return redirect(questions_url(survey))
    context = {"survey": survey, "form": form, "back_url": questions_url(survey)}
    return render(request, "feedback/question_from_templates.html", context)


def questions_add_chosen(survey: Survey, form: TemplatePickForm) -> int:
    """Add the chosen templates at the end, in the order they were offered."""
    position = next_position(survey)
    new: list[Question] = []
    for key in form.cleaned_data["chosen"]:
        origin, _sep, name = key.partition(":")
        if origin == "built-in" and (item := built_in(name)) is not None:
            new.append(question_from_built_in(survey, item, position + len(new)))
        elif origin == "own" and (template := form.own.get(name)) is not None:
            new.append(
                Question(
                    survey=survey,
                    position=position + len(new),
                    kind=template.kind,
                    text=template.text,
                    choices=template.choices,
                )
            )
    record_created(Question.objects.bulk_create(new))
    return len(new)


def question_of(pk: int) -> Question:
    return get_object_or_404(Question.objects.select_related("survey"), pk=pk)


@require_http_methods(["GET", "POST"])
@perm("feedback.change_question")
def question_edit(request: HttpRequest, pk: int) -> HttpResponse:
    question = question_of(pk)
    survey = question.survey
    if (refused := refuse_if_locked(request, survey)) is not None:
        return refused
    return form_page(
        request,
        form=QuestionForm(request.POST or None, instance=question),
        template=FORM_TEMPLATE,
        success_url=questions_url(survey),
        success_message=gettext("The question was saved."),
        context=form_context(survey, gettext("Change the question")),
    )


@require_http_methods(["GET", "POST"])
@perm("feedback.delete_question")
def question_delete(request: HttpRequest, pk: int) -> HttpResponse:
    question = question_of(pk)
    survey = question.survey
    if (refused := refuse_if_locked(request, survey)) is not None:
        return refused
    return confirm_delete(
        request,
        obj=question,
        success_url=questions_url(survey),
        cancel_url=questions_url(survey),
    )


@require_POST
@perm("feedback.change_question")
def question_move(request: HttpRequest, pk: int, direction: str) -> HttpResponse:
    if direction not in ("up", "down"):
        raise Http404
    question = question_of(pk)
    survey = question.survey
    if (refused := refuse_if_locked(request, survey)) is not None:
        return refused
    with transaction.atomic():
        ordered = list(survey.questions.select_for_update().order_by("position", "pk"))
        index = next(i for i, item in enumerate(ordered) if item.pk == question.pk)
        other = index - 1 if direction == "up" else index + 1
        if 0 <= other < len(ordered):
            ordered[index], ordered[other] = ordered[other], ordered[index]
        # Numbered afresh: questions added with the same position get an order of their own.
        for position, item in enumerate(ordered, start=1):
            item.position = position
        Question.objects.bulk_update(ordered, ["position"])
    return redirect(questions_url(survey))
