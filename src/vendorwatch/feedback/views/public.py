"""The pages people answer on without an account: the rating of a resolved problem and a
pulse survey, each opened by a signed one-time link, and the thank-you page.

The link is the permission: no login is asked for, and a logged-in viewer who is also an
employee may answer too. Each page speaks the language of its survey or rating, whatever the
visitor's browser or language cookie says. A refused link (tampered, expired, used) gets a
calm page and changes nothing.

Nothing here logs the link or an answer, and neither goes into the session or a message.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db.models import prefetch_related_objects
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.views.decorators.http import require_http_methods, require_safe

from vendorwatch.accounts.middleware import allowed_read_only
from vendorwatch.feedback import services, tokens
from vendorwatch.feedback.models import ProblemRating, SurveyInvitation, SurveyRound
from vendorwatch.feedback.public_forms import RatingForm, SurveyForm
from vendorwatch.feedback.tokens import LinkRefused, Refusal

# The project sends "same-origin" everywhere (SECURE_REFERRER_POLICY), so the link never
# reaches another site through the Referer header; it is set here as well so that these
# pages keep it should the global setting change. Not "no-referrer": with it, browsers send
# "Origin: null" with the form, and Django's CSRF check refuses every answer.
REFERRER_POLICY = "same-origin"
REFUSED_STATUS = {Refusal.INVALID: 404, Refusal.EXPIRED: 410, Refusal.USED: 200}
KINDS = ("rating", "survey")


def page_language(code: str | None) -> str:
    available = {language for language, _name in settings.LANGUAGES}
    return code if code in available else str(settings.LANGUAGE_CODE)


def _page(
    request: HttpRequest,
    template: str,
    context: dict[str, Any],
    *,
    language: str,
    status: int = 200,
) -> HttpResponse:
    with translation.override(language):
        response = render(request, template, context, status=status)
    response.headers["Content-Language"] = language
    response.headers["Referrer-Policy"] = REFERRER_POLICY
    # Django logs every answer of 400 or more with its path, and the path holds the link.
    response._has_been_logged = True  # type: ignore[attr-defined]
    return response


def _language_of_link(kind: str, token: str) -> str:
    """The language of the record a refused (used or expired, so genuine) link names."""
    pk, _nonce = tokens.read_link(kind, token)
    if kind == "rating":
        ratings = ProblemRating.objects.filter(pk=pk)
        return page_language(ratings.values_list("language", flat=True).first())
    invitations = SurveyInvitation.objects.filter(pk=pk)
    return page_language(invitations.values_list("round__survey__language", flat=True).first())


def _refused(request: HttpRequest, kind: str, token: str, reason: Refusal) -> HttpResponse:
    # An invalid link names no record we may trust: its language is not known.
    language = page_language(None) if reason == Refusal.INVALID else _language_of_link(kind, token)
    return _page(
        request,
        "feedback/public/refused.html",
        {"kind": kind, "reason": reason.value},
        language=language,
        status=REFUSED_STATUS[reason],
    )


def _to_thanks(kind: str, language: str) -> HttpResponse:
    url = reverse("feedback-thanks") + "?" + urlencode({"l": language, "k": kind})
    response = HttpResponseRedirect(url, status=303)
    response.headers["Referrer-Policy"] = REFERRER_POLICY
    return response


def last_day(survey_round: SurveyRound) -> date:
    """The last day (the organisation's) on which the round can be answered."""
    return services.last_day(survey_round.closes_at)


@login_not_required
@allowed_read_only
@require_http_methods(["GET", "HEAD", "POST"])
def rate(request: HttpRequest, token: str) -> HttpResponse:
    now = timezone.now()
    try:
        rating = services.rating_open(token, now=now)
    except LinkRefused as refused:
        return _refused(request, "rating", token, refused.reason)
    language = page_language(rating.language)
    with translation.override(language):
        form = RatingForm(request.POST if request.method == "POST" else None)
        if form.is_valid():
            try:
                services.rating_submit(
                    rating=rating,
                    stars=form.cleaned_data["stars"],
                    comment=form.cleaned_data["comment"],
                    now=now,
                )
            except LinkRefused as refused:
                return _refused(request, "rating", token, refused.reason)
            return _to_thanks("rating", language)
    event = rating.resolved_event if rating.resolved_event_id else None
    context = {
        "form": form,
        "problem": rating.problem,
        "resolved_at": event.occurred_at if event else None,
    }
    return _page(request, "feedback/public/rate.html", context, language=language)


@login_not_required
@allowed_read_only
@require_http_methods(["GET", "HEAD", "POST"])
def answer(request: HttpRequest, token: str) -> HttpResponse:
    now = timezone.now()
    try:
        invitation = services.survey_invitation_open(token, now=now)
    except LinkRefused as refused:
        return _refused(request, "survey", token, refused.reason)
    survey = invitation.round.survey
    # Read once: the form and the service that stores the answers share these questions.
    prefetch_related_objects([survey], "questions")
    language = page_language(survey.language)
    with translation.override(language):
        data = request.POST if request.method == "POST" else None
        form = SurveyForm(data, questions=survey.questions.all())
        if form.is_valid():
            try:
                services.survey_answer_submit(
                    invitation=invitation, answers=form.answers(), now=now
                )
            except LinkRefused as refused:
                return _refused(request, "survey", token, refused.reason)
            return _to_thanks("survey", language)
    context = {
        "form": form,
        "survey": survey,
        "last_day": last_day(invitation.round),
        "has_required": any(question.required for question in form.questions),
    }
    return _page(request, "feedback/public/answer.html", context, language=language)


@login_not_required
@require_safe
def thanks(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("k", "")
    context = {"kind": kind if kind in KINDS else ""}
    return _page(
        request,
        "feedback/public/thanks.html",
        context,
        language=page_language(request.GET.get("l")),
    )
