"""A survey: create, look at, change, start, send a round now, end, delete, and choose who is
asked.

A survey starts as a draft; starting it makes it run (its rounds go out on their days, the
first at once when its day has come); ending it stops the open round's links. A survey with
answers is never deleted — its results would go with it — it is ended instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_GET, require_http_methods

from vendorwatch.audit.recording import record_created, record_update
from vendorwatch.feedback import services
from vendorwatch.feedback.forms import RecipientsForm, SurveyForm
from vendorwatch.feedback.models import (
    Employee,
    Question,
    Survey,
    SurveyResponse,
    SurveyRound,
)
from vendorwatch.feedback.templates_builtin import BUILT_IN, question_from_built_in
from vendorwatch.web.crud import confirm_delete, form_page, paginate, perm

FORM_TEMPLATE = "web/form_page.html"


def detail_url(survey: Survey) -> str:
    return reverse("feedback-survey-detail", args=[survey.pk])


def posted(request: HttpRequest) -> QueryDict | None:
    """The form data of a POST even when nothing in it is ticked (a list of checkboxes)."""
    return request.POST if request.method == "POST" else None


def day_text(day: date) -> str:
    return f"{day:%d.%m.%Y}"


# --- what the pages say about a survey and its rounds ---------------------------------------

INTERVAL_TEXTS = {
    Survey.Interval.ONCE: lambda: gettext("once on %(day)s"),
    Survey.Interval.MONTHLY: lambda: gettext("monthly from %(day)s"),
    Survey.Interval.QUARTERLY: lambda: gettext("quarterly from %(day)s"),
    Survey.Interval.HALF_YEARLY: lambda: gettext("every six months from %(day)s"),
    Survey.Interval.YEARLY: lambda: gettext("yearly from %(day)s"),
}


def schedule_text(survey: Survey) -> str:
    """The schedule in words: "quarterly from 01.10.2026, open for 14 days each time,
    reminder 3 days before it closes"."""
    parts = [
        INTERVAL_TEXTS[Survey.Interval(survey.interval)]()
        % {"day": day_text(survey.first_round_on)}
    ]
    days = survey.open_days
    if survey.interval == Survey.Interval.ONCE:
        parts.append(
            ngettext("open for %(days)s day", "open for %(days)s days", days) % {"days": days}
        )
    else:
        parts.append(
            ngettext("open for %(days)s day each time", "open for %(days)s days each time", days)
            % {"days": days}
        )
    before = survey.reminder_days_before
    if before:
        parts.append(
            ngettext(
                "reminder %(days)s day before it closes",
                "reminder %(days)s days before it closes",
                before,
            )
            % {"days": before}
        )
    else:
        parts.append(gettext("no reminder"))
    return ", ".join(parts)


@dataclass(frozen=True)
class RoundRow:
    """One round as the pages show it: how many answered of how many asked (never who)."""

    round: SurveyRound
    opened_on: date
    last_day: date
    is_open: bool
    invited: int
    answered: int
    enough: bool
    missing: int

    @property
    def participation(self) -> str:
        text = ngettext(
            "%(answered)s of %(invited)s has answered",
            "%(answered)s of %(invited)s have answered",
            self.answered,
        ) % {"answered": self.answered, "invited": self.invited}
        if self.is_open:
            return gettext("%(text)s, open until %(day)s") % {
                "text": text,
                "day": day_text(self.last_day),
            }
        return gettext("%(text)s, closed on %(day)s") % {
            "text": text,
            "day": day_text(self.last_day),
        }

    @property
    def missing_text(self) -> str:
        if self.is_open:
            return ngettext(
                "%(count)s more answer until the results are shown",
                "%(count)s more answers until the results are shown",
                self.missing,
            ) % {"count": self.missing}
        return ngettext(
            "too few answers for results (at least %(count)s needed)",
            "too few answers for results (at least %(count)s needed)",
            self.round.survey.min_answers,
        ) % {"count": self.round.survey.min_answers}


def round_row(survey_round: SurveyRound, now: datetime) -> RoundRow:
    figures = services.survey_participation(survey_round)
    return RoundRow(
        round=survey_round,
        opened_on=services.today_at(survey_round.opens_at),
        last_day=services.last_day(survey_round.closes_at),
        is_open=survey_round.opens_at <= now < survey_round.closes_at,
        invited=figures["invited"],
        answered=figures["answered"],
        enough=figures["enough"],
        missing=figures["missing"],
    )


def latest_round_row(survey: Survey, now: datetime) -> RoundRow | None:
    latest = survey.rounds.order_by("-number").first()
    return round_row(latest, now) if latest is not None else None


def asked_count(survey: Survey) -> int:
    return survey.recipients.filter(active=True).count()


# --- the pages -------------------------------------------------------------------------------


@require_GET
@perm("feedback.view_survey")
def survey_detail(request: HttpRequest, pk: int) -> HttpResponse:
    survey = get_object_or_404(Survey.objects.select_related("provider"), pk=pk)
    now = timezone.now()
    page = paginate(request, survey.rounds.select_related("survey").order_by("-number"), 12)
    rounds = [round_row(survey_round, now) for survey_round in page]
    context = {
        "survey": survey,
        "schedule": schedule_text(survey),
        "next_day": services.next_round_day(survey, services.today_at(now)),
        "questions": survey.questions.all(),
        "locked": survey.questions_locked,
        "asked": asked_count(survey),
        "page": page,
        "rounds": rounds,
        "open_round": survey.rounds.filter(opens_at__lte=now, closes_at__gt=now).first(),
        "has_answers": SurveyResponse.objects.filter(round__survey=survey).exists(),
    }
    return render(request, "feedback/survey_detail.html", context)


def survey_create(request: HttpRequest, form: SurveyForm) -> Survey:
    """A new draft with the preselected built-in questions in its language, asking every
    active employee."""
    with transaction.atomic():
        survey = form.save(commit=False)
        survey.status = Survey.Status.DRAFT
        survey.created_by = request.user  # type: ignore[assignment]
        survey.save()
        chosen = [item for item in BUILT_IN if item.preselected]
        record_created(
            Question.objects.bulk_create(
                question_from_built_in(survey, item, position)
                for position, item in enumerate(chosen, start=1)
            )
        )
        survey.recipients.set(Employee.objects.filter(active=True))
    return survey


@require_http_methods(["GET", "POST"])
@perm("feedback.add_survey")
def survey_add(request: HttpRequest) -> HttpResponse:
    form = SurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        survey = survey_create(request, form)
        messages.success(
            request,
            gettext(
                "The survey was created as a draft with the usual questions and every employee "
                "who is asked. Check both, then start it."
            ),
        )
        return redirect(detail_url(survey))
    context = {
        "title": gettext("New survey"),
        "intro": gettext(
            "The usual questions about the provider are added in the survey's language, and "
            "every employee on the list is asked; you can change both before you start it."
        ),
        "back_url": reverse("feedback-index"),
        "back_label": gettext("Employee feedback"),
    }
    return render(request, FORM_TEMPLATE, {"form": form, **context})


@require_http_methods(["GET", "POST"])
@perm("feedback.change_survey")
def survey_edit(request: HttpRequest, pk: int) -> HttpResponse:
    survey = get_object_or_404(Survey.objects.select_related("provider"), pk=pk)
    context = {
        "title": gettext("Change the survey"),
        "back_url": detail_url(survey),
        "back_label": survey.title,
    }
    return form_page(
        request,
        form=SurveyForm(request.POST or None, instance=survey),
        template=FORM_TEMPLATE,
        success_url=detail_url(survey),
        success_message=gettext("The survey was saved."),
        context=context,
    )


@require_http_methods(["GET", "POST"])
@perm("feedback.delete_survey")
def survey_delete(request: HttpRequest, pk: int) -> HttpResponse:
    survey = get_object_or_404(Survey, pk=pk)
    if SurveyResponse.objects.filter(round__survey=survey).exists():
        messages.error(
            request,
            gettext(
                "This survey has answers and is not deleted, so that its results stay. End it "
                "instead: then no more rounds go out."
            ),
        )
        return redirect(detail_url(survey))
    consequence = gettext("Its questions are deleted with it.")
    if survey.rounds.exists():
        consequence = gettext(
            "Its questions and the list of who was invited are deleted with it; links already "
            "sent stop working."
        )
    return confirm_delete(
        request,
        obj=survey,
        success_url=reverse("feedback-index"),
        cancel_url=detail_url(survey),
        consequence=consequence,
    )


# --- starting, sending, ending ---------------------------------------------------------------


def recipients_refusal(survey: Survey) -> str | None:
    asked = asked_count(survey)
    if asked >= survey.min_answers:
        return None
    return gettext(
        "At least %(minimum)s employees must be asked, because results are shown only from "
        "%(minimum)s answers on. Chosen now: %(asked)s."
    ) % {"minimum": survey.min_answers, "asked": asked}


def start_refusal(survey: Survey) -> str | None:
    """Why the survey cannot start now, or ``None``."""
    if survey.status == Survey.Status.ACTIVE:
        return gettext("The survey is already running.")
    if survey.status == Survey.Status.ENDED:
        return gettext("The survey has ended and cannot start again. Create a new one.")
    if not survey.questions.exists():
        return gettext("Add at least one question before you start the survey.")
    return recipients_refusal(survey)


def sent_text(survey_round: SurveyRound) -> str:
    return ngettext(
        "Round %(number)s went out: %(count)s invitation is on its way by e-mail.",
        "Round %(number)s went out: %(count)s invitations are on their way by e-mail.",
        survey_round.invited,
    ) % {"number": survey_round.number, "count": survey_round.invited}


def confirm_sending(request: HttpRequest, survey: Survey, *, starting: bool) -> HttpResponse:
    """Before e-mails go to every asked employee: how many, and when."""
    now = timezone.now()
    context = {
        "survey": survey,
        "starting": starting,
        "later": starting and survey.first_round_on > services.today_at(now),
        "first_day": day_text(survey.first_round_on),
        "count": len(services.recipient_addresses(survey)),
        "back_url": detail_url(survey),
    }
    return render(request, "feedback/survey_confirm_send.html", context)


@require_http_methods(["GET", "POST"])
@perm("feedback.change_survey")
def survey_start(request: HttpRequest, pk: int) -> HttpResponse:
    survey = get_object_or_404(Survey.objects.select_related("provider"), pk=pk)
    if (refusal := start_refusal(survey)) is not None:
        messages.error(request, refusal)
        return redirect(detail_url(survey))
    if request.method != "POST":
        return confirm_sending(request, survey, starting=True)
    # A double click starts it once.
    if not Survey.objects.filter(pk=pk, status=Survey.Status.DRAFT).update(
        status=Survey.Status.ACTIVE
    ):
        messages.info(request, gettext("The survey is already running."))
        return redirect(detail_url(survey))
    record_update(survey, {"status": survey.status}, {"status": Survey.Status.ACTIVE})
    survey.status = Survey.Status.ACTIVE
    now = timezone.now()
    if survey.first_round_on > services.today_at(now):
        messages.success(
            request,
            gettext("The survey is running. The first round goes out on %(day)s.")
            % {"day": day_text(survey.first_round_on)},
        )
        return redirect(detail_url(survey))
    survey_round = services.survey_open_round(survey=survey, now=now)
    messages.success(request, gettext("The survey is running."))
    if survey_round is not None:
        messages.success(request, sent_text(survey_round))
    return redirect(detail_url(survey))


def send_refusal(survey: Survey, now: datetime) -> str | None:
    if survey.status == Survey.Status.DRAFT:
        return gettext("Start the survey first.")
    if survey.status == Survey.Status.ENDED:
        return gettext("The survey has ended: no more rounds go out.")
    still_open = survey.rounds.filter(closes_at__gt=now).order_by("-number").first()
    if still_open is not None:
        return gettext(
            "Round %(number)s is still open until %(day)s; its invitations went out already."
        ) % {"number": still_open.number, "day": day_text(services.last_day(still_open.closes_at))}
    return recipients_refusal(survey)


@require_http_methods(["GET", "POST"])
@perm("feedback.change_survey")
def survey_send_now(request: HttpRequest, pk: int) -> HttpResponse:
    survey = get_object_or_404(Survey.objects.select_related("provider"), pk=pk)
    now = timezone.now()
    if (refusal := send_refusal(survey, now)) is not None:
        messages.error(request, refusal)
        return redirect(detail_url(survey))
    if request.method != "POST":
        return confirm_sending(request, survey, starting=False)
    survey_round = services.survey_open_round(survey=survey, now=now)
    if survey_round is None:
        messages.info(request, gettext("A round was opened a moment ago; nothing more was sent."))
    else:
        messages.success(request, sent_text(survey_round))
    return redirect(detail_url(survey))


@require_http_methods(["GET", "POST"])
@perm("feedback.change_survey")
def survey_end(request: HttpRequest, pk: int) -> HttpResponse:
    survey = get_object_or_404(Survey.objects.select_related("provider"), pk=pk)
    if survey.status != Survey.Status.ACTIVE:
        messages.error(request, gettext("Only a running survey can be ended."))
        return redirect(detail_url(survey))
    now = timezone.now()
    open_round = survey.rounds.filter(opens_at__lte=now, closes_at__gt=now).first()
    if request.method == "POST":
        with transaction.atomic():
            Survey.objects.filter(pk=pk).update(status=Survey.Status.ENDED)
            record_update(survey, {"status": survey.status}, {"status": Survey.Status.ENDED})
            # The open round closes now: its links stop working and its figures are final.
            survey.rounds.filter(opens_at__lte=now, closes_at__gt=now).update(closes_at=now)
            if open_round is not None:
                record_update(open_round, {"closes_at": open_round.closes_at}, {"closes_at": now})
        messages.success(
            request, gettext("The survey has ended. No more rounds go out; the results stay.")
        )
        return redirect(detail_url(survey))
    context = {"survey": survey, "open_round": open_round, "back_url": detail_url(survey)}
    return render(request, "feedback/survey_end.html", context)


@require_http_methods(["GET", "POST"])
@perm("feedback.view_survey")
def survey_recipients(request: HttpRequest, pk: int) -> HttpResponse:
    survey = get_object_or_404(Survey.objects.select_related("provider"), pk=pk)
    if request.method == "POST" and not request.user.has_perm("feedback.change_survey"):
        raise PermissionDenied
    form = RecipientsForm(posted(request), survey=survey)
    if request.method == "POST":
        choice = request.POST.get("select")
        if choice in ("all", "none") or form.is_valid():
            return recipients_save(request, survey, form, choice)
    context = {
        "survey": survey,
        "form": form,
        "inactive": Employee.objects.filter(active=False),
        "has_employees": Employee.objects.exists(),
        "asked": survey.recipients.filter(active=True),
    }
    return render(request, "feedback/survey_recipients.html", context)


def recipients_save(
    request: HttpRequest, survey: Survey, form: RecipientsForm, choice: str | None
) -> HttpResponse:
    if choice == "all":
        chosen = list(Employee.objects.filter(active=True))
    elif choice == "none":
        chosen = []
    else:
        chosen = list(form.cleaned_data["recipients"])
    # Who is not asked for now stays on the list, and is asked again once active.
    survey.recipients.set([*chosen, *survey.recipients.filter(active=False)])
    messages.success(
        request,
        ngettext(
            "%(count)s employee is asked from the next round on.",
            "%(count)s employees are asked from the next round on.",
            len(chosen),
        )
        % {"count": len(chosen)},
    )
    return redirect(detail_url(survey))
