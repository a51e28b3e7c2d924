"""The minutes page: the review of earlier action items, then per agenda item its notes,
decisions, action items and open questions; approval, correction, sending and the PDF.

Each part is saved on its own (one form per agenda item), with plain forms that need no
script. Once approved, the minutes are locked: every view that would change them answers with
a message saying so, and a correction opens a new, visible revision.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.models import User
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from vendorwatch.meetings.action_forms import ActionChoices, ActionForm, action_initial
from vendorwatch.meetings.agenda import document_language
from vendorwatch.meetings.minutes_doc import (
    actions_to_review,
    general_actions,
    meeting_time,
    minutes_filename,
    minutes_pdf,
    minutes_text,
    visible_items,
)
from vendorwatch.meetings.minutes_forms import (
    CorrectionForm,
    DecisionForm,
    NotesForm,
    review_forms,
    reviews_save,
)
from vendorwatch.meetings.models import AgendaItem, Decision, Meeting, MinutesRevision
from vendorwatch.problems.templatetags.problem_tags import when
from vendorwatch.web.crud import perm
from vendorwatch.web.parsing import parse_int
from vendorwatch.web.pdf import PdfUnavailable, pdf_download

MAX_ID = 2**63 - 1
GENERAL = "general"


def meeting_url(meeting: Meeting) -> str:
    """The meeting's own page (or, before it exists, the list of action items)."""
    try:
        return reverse("meetings-detail", args=[meeting.pk])
    except NoReverseMatch:
        return reverse("actions-list")


def minutes_url(meeting: Meeting, anchor: str = "") -> str:
    url = reverse("meetings-minutes", args=[meeting.pk])
    return f"{url}#{anchor}" if anchor else url


def load(pk: int) -> Meeting:
    return get_object_or_404(
        Meeting.objects.select_related("provider", "series", "minutes_approved_by"), pk=pk
    )


def refusal(request: HttpRequest, meeting: Meeting) -> HttpResponse | None:
    """The answer to a change of minutes that may not change (approved, or the meeting was
    cancelled); ``None`` when they may."""
    if meeting.minutes_locked:
        messages.error(
            request,
            _(
                "The minutes are approved and locked; nothing was changed. To change them, "
                "start a correction: it becomes a new, visible revision."
            ),
        )
        return redirect(minutes_url(meeting))
    if meeting.is_cancelled:
        messages.error(request, _("The meeting was cancelled; it has no minutes."))
        return redirect(minutes_url(meeting))
    return None


def started(meeting: Meeting) -> None:
    """Minutes that were not started are a draft from their first change on."""
    if meeting.minutes_status == Meeting.Minutes.NONE:
        meeting.minutes_status = Meeting.Minutes.DRAFT
        meeting.save(update_fields=["minutes_status", "updated_at"])


def agenda_item_of(meeting: Meeting, value: Any) -> AgendaItem | None:
    key = parse_int(value, minimum=1, maximum=MAX_ID)
    if key is None:
        return None
    return meeting.agenda_items.filter(pk=key, removed=False).first()


def new_action_form(
    meeting: Meeting,
    item: AgendaItem | None,
    data: Any = None,
    *,
    choices: ActionChoices | None = None,
) -> ActionForm:
    """The form that adds an action item to one agenda item (offering its problem only) or,
    with no item, to the meeting; ``choices`` are the ones the page read once."""
    key = item.pk if item is not None else GENERAL
    return ActionForm(
        data,
        prefix=f"action-{key}",
        provider=meeting.provider,
        initial=action_initial(meeting=meeting, agenda_item=item),
        choices=choices,
        agenda_item=item,
    )


def page(
    request: HttpRequest,
    meeting: Meeting,
    *,
    bound: dict[str, forms.BaseForm] | None = None,
    failed: str = "",
) -> HttpResponse:
    """The minutes page; ``bound`` holds a form sent with errors (by its prefix), ``failed``
    the part of the page it belongs to."""
    bound = bound or {}
    editable = (
        not meeting.minutes_locked
        and not meeting.is_cancelled
        and request.user.has_perm("meetings.change_meeting")
    )
    # Read once and shared by the forms of every agenda item.
    choices = ActionChoices.read(meeting.provider) if editable else None
    entries = []
    for item in visible_items(meeting):
        entry: dict[str, Any] = {"item": item, "anchor": f"item-{item.pk}"}
        if editable:
            entry["notes_form"] = bound.get(f"notes-{item.pk}") or NotesForm(
                prefix=f"notes-{item.pk}", initial={"notes": item.notes}
            )
            entry["decision_form"] = bound.get(f"decision-{item.pk}") or DecisionForm(
                prefix=f"decision-{item.pk}"
            )
            entry["action_form"] = bound.get(f"action-{item.pk}") or new_action_form(
                meeting, item, choices=choices
            )
        entries.append(entry)
    reviews = review_forms(meeting, actions_to_review(meeting))
    if "review" in bound:
        reviews = bound["review"]  # type: ignore[assignment]
    context = {
        "meeting": meeting,
        "time": meeting_time(meeting),
        "editable": editable,
        "review_forms": reviews,
        "entries": entries,
        "general_decisions": meeting.decisions.filter(agenda_item__isnull=True),
        "general_actions": general_actions(meeting),
        "general_decision_form": bound.get(f"decision-{GENERAL}")
        or DecisionForm(prefix=f"decision-{GENERAL}"),
        "general_action_form": bound.get(f"action-{GENERAL}")
        or new_action_form(meeting, None, choices=choices),
        "started": meeting.has_started(),
        "revisions": meeting.revisions.select_related("approved_by").order_by("-number"),
        "failed": failed,
        "meeting_url": meeting_url(meeting),
        "general": GENERAL,
    }
    return render(request, "meetings/minutes.html", context)


@require_safe
@perm("meetings.view_meeting")
def minutes(request: HttpRequest, pk: int) -> HttpResponse:
    return page(request, load(pk))


@require_POST
@perm("meetings.change_meeting")
def minutes_review(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = load(pk)
    if (refused := refusal(request, meeting)) is not None:
        return refused
    forms_ = review_forms(meeting, actions_to_review(meeting), request.POST)
    if not all(form.is_valid() for form in forms_):
        return page(request, meeting, bound={"review": forms_}, failed="review")  # type: ignore[dict-item]
    saved = reviews_save(meeting=meeting, forms_=forms_)
    started(meeting)
    messages.success(
        request, _("The results of the review were saved (%(count)s).") % {"count": saved}
    )
    return redirect(minutes_url(meeting, "review"))


@require_POST
@perm("meetings.change_meeting")
def minutes_notes(request: HttpRequest, pk: int, item: int) -> HttpResponse:
    meeting = load(pk)
    if (refused := refusal(request, meeting)) is not None:
        return refused
    agenda_item = get_object_or_404(meeting.agenda_items, pk=item, removed=False)
    prefix = f"notes-{agenda_item.pk}"
    form = NotesForm(request.POST, prefix=prefix)
    if not form.is_valid():
        return page(request, meeting, bound={prefix: form}, failed=f"item-{agenda_item.pk}")
    agenda_item.notes = form.cleaned_data["notes"]
    agenda_item.save(update_fields=["notes"])
    started(meeting)
    messages.success(
        request, _("The notes on “%(title)s” were saved.") % {"title": agenda_item.title}
    )
    return redirect(minutes_url(meeting, f"item-{agenda_item.pk}"))


@require_POST
@perm("meetings.add_decision")
def decision_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = load(pk)
    if (refused := refusal(request, meeting)) is not None:
        return refused
    item = agenda_item_of(meeting, request.POST.get("agenda_item"))
    key = item.pk if item is not None else GENERAL
    prefix = f"decision-{key}"
    form = DecisionForm(request.POST, prefix=prefix)
    anchor = f"item-{key}"
    if not form.is_valid():
        return page(request, meeting, bound={prefix: form}, failed=anchor)
    Decision.objects.create(meeting=meeting, agenda_item=item, text=form.cleaned_data["text"])
    started(meeting)
    messages.success(request, _("The decision was added."))
    return redirect(minutes_url(meeting, anchor))


@require_POST
@perm("meetings.delete_decision")
def decision_delete(request: HttpRequest, pk: int, decision: int) -> HttpResponse:
    meeting = load(pk)
    if (refused := refusal(request, meeting)) is not None:
        return refused
    found = get_object_or_404(meeting.decisions, pk=decision)
    anchor = f"item-{found.agenda_item_id or GENERAL}"
    found.delete()
    messages.success(request, _("The decision was deleted."))
    return redirect(minutes_url(meeting, anchor))


@require_POST
@perm("meetings.add_actionitem")
def minutes_action_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = load(pk)
    if (refused := refusal(request, meeting)) is not None:
        return refused
    item = agenda_item_of(meeting, request.POST.get("agenda_item"))
    form = new_action_form(meeting, item, request.POST)
    key = item.pk if item is not None else GENERAL
    if not form.is_valid():
        return page(request, meeting, bound={f"action-{key}": form}, failed=f"item-{key}")
    action = form.save(commit=False)
    action.meeting, action.agenda_item = meeting, item
    action.created_by = cast(User, request.user)
    action.save()
    started(meeting)
    if action.kind == action.Kind.QUESTION:
        messages.success(request, _("The open question was added."))
    else:
        messages.success(request, _("The action item was added."))
    return redirect(minutes_url(meeting, f"item-{key}"))


@require_POST
@perm("meetings.change_meeting")
def minutes_approve(request: HttpRequest, pk: int) -> HttpResponse:
    with transaction.atomic():
        meeting = get_object_or_404(Meeting.objects.select_for_update(), pk=pk)
        if (refused := refusal(request, meeting)) is not None:
            return refused
        if not meeting.has_started():
            messages.error(request, _("The meeting has not taken place yet."))
            return redirect(minutes_url(meeting))
        meeting.minutes_status = Meeting.Minutes.APPROVED
        meeting.minutes_approved_at = timezone.now()
        meeting.minutes_approved_by = cast(User, request.user)
        meeting.save(
            update_fields=[
                "minutes_status",
                "minutes_approved_at",
                "minutes_approved_by",
                "updated_at",
            ]
        )
        # Kept in the language of the company's documents: this text is what is mailed.
        with translation.override(document_language()):
            text = minutes_text(meeting)
        MinutesRevision.objects.create(
            meeting=meeting,
            number=meeting.revision,
            text=text,
            approved_by=cast(User, request.user),
            approved_at=meeting.minutes_approved_at,
            reason=meeting.correction_reason,
        )
    messages.success(
        request,
        _("Revision %(number)s of the minutes was approved and is now locked.")
        % {"number": meeting.revision},
    )
    return redirect(minutes_url(meeting))


@require_http_methods(["GET", "POST"])
@perm("meetings.change_meeting")
def minutes_correct(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = load(pk)
    if not meeting.minutes_locked:
        messages.error(
            request, _("The minutes are not approved yet; you can change them directly.")
        )
        return redirect(minutes_url(meeting))
    form = CorrectionForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        with transaction.atomic():
            locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
            if locked.minutes_locked:
                locked.revision += 1
                locked.correction_reason = form.cleaned_data["reason"].strip()
                locked.minutes_status = Meeting.Minutes.DRAFT
                locked.save(
                    update_fields=["revision", "correction_reason", "minutes_status", "updated_at"]
                )
        messages.success(
            request,
            _(
                "The minutes are open for correction as revision %(number)s. Approve them again "
                "when you are done."
            )
            % {"number": locked.revision},
        )
        return redirect(minutes_url(meeting))
    context = {
        "meeting": meeting,
        "form": form,
        "time": meeting_time(meeting),
        "revisions": meeting.revisions.select_related("approved_by").order_by("-number"),
    }
    return render(request, "meetings/minutes_correct.html", context)


@require_POST
@perm("meetings.change_meeting")
def minutes_send(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = load(pk)
    if not meeting.minutes_locked:
        messages.error(request, _("Only approved minutes can be sent. Please approve them first."))
        return redirect(minutes_url(meeting))
    from vendorwatch.meetings.mail import minutes_already_sent
    from vendorwatch.meetings.mail import minutes_send as send

    # Asked first: once sent, the revision is queued only for participants added since.
    already_sent = minutes_already_sent(meeting)
    try:
        queued = send(meeting, by=request.user)
    except PdfUnavailable:
        messages.error(
            request,
            _(
                "The PDF of the minutes cannot be made right now; nothing was sent. "
                "Please try again in a minute."
            ),
        )
        return redirect(minutes_url(meeting))
    if queued:
        messages.success(
            request,
            ngettext(
                "The minutes are being sent to %(count)s participant.",
                "The minutes are being sent to %(count)s participants.",
                queued,
            )
            % {"count": queued},
        )
    elif already_sent:
        if meeting.minutes_sent_at is not None:
            message = _("The minutes of this revision were already sent on %(when)s.") % {
                "when": when(meeting.minutes_sent_at)
            }
        else:
            message = _("The minutes of this revision were already sent.")
        messages.info(request, message)
    else:
        messages.warning(
            request,
            _("No participant has an e-mail address, so the minutes were not sent to anyone."),
        )
    return redirect(minutes_url(meeting))


@require_safe
@perm("meetings.view_meeting")
def minutes_download(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = load(pk)
    return pdf_download(
        request,
        filename=minutes_filename(meeting),
        render=lambda: minutes_pdf(meeting),
        back_url=minutes_url(meeting),
    )
