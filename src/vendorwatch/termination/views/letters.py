"""The letters of a termination: written from a draft, shown ready to copy into an e-mail,
downloaded as PDF; changed or deleted only until they have been sent.

The page of a letter says plainly which form the contract requires for it (written form:
print, sign by hand, send on paper; text form: an e-mail is enough), with the same rule the
dispatch form checks the chosen channel against (:mod:`vendorwatch.core.termination.form`).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from vendorwatch.core.termination.form import Channel, RequiredForm, form_check
from vendorwatch.problems.report import document_language
from vendorwatch.termination import letters as doc
from vendorwatch.termination.letter_forms import REDRAFT, LetterForm
from vendorwatch.termination.models import Dispatch, Letter, Termination
from vendorwatch.termination.services import local_today
from vendorwatch.termination.views import refuse_if_withdrawn
from vendorwatch.web.crud import confirm_delete, perm
from vendorwatch.web.pdf import pdf_download

RELATED = ("termination__contract__provider", "termination__contract__sla_policy")


def detail_url(termination: Termination) -> str:
    return reverse("termination-detail", args=[termination.pk])


def letter_url(letter: Letter) -> str:
    return reverse("termination-letter-detail", args=[letter.pk])


def load(pk: int) -> Letter:
    return get_object_or_404(Letter.objects.select_related(*RELATED), pk=pk)


def refusal(request: HttpRequest, letter: Letter) -> HttpResponse | None:
    """A letter that was sent stays as it was sent; so does everything of a withdrawn
    termination. ``None`` when the letter may change."""
    message = _("This termination was withdrawn; its letters stay as they are.")
    if refused := refuse_if_withdrawn(
        request, letter.termination, url=letter_url(letter), message=message
    ):
        return refused
    if letter.dispatches.exists():
        messages.error(
            request,
            _(
                "This letter has been sent and stays as it was sent. To say something new, "
                "write a new letter."
            ),
        )
        return redirect(letter_url(letter))
    return None


def redrafted(form: LetterForm, termination: Termination, kind: str) -> LetterForm:
    """The form again, its text written anew for the dates typed in it."""
    letter_date, deadline = form.dates_for_redraft()
    letter_date = letter_date or local_today()
    draft = doc.letter_draft(termination, kind, letter_date, remedy_deadline=deadline)
    data = {key: form.data.get(key) for key in form.data}
    data[form.add_prefix("subject")] = draft.subject
    data[form.add_prefix("body")] = draft.body
    if kind == Letter.Kind.WARNING and deadline is None:
        remedy = doc.default_remedy_deadline(letter_date)
        data[form.add_prefix("remedy_deadline")] = doc.day_text(remedy) if remedy else ""
    return LetterForm(
        data, instance=form.instance, termination=termination, kind=kind, language=form.language
    )


def save_letter(request: HttpRequest, form: LetterForm) -> Letter:
    with transaction.atomic():
        letter = form.save(commit=False)
        if letter.pk is None:
            letter.created_by = request.user
        letter.save()
        deadline = form.cleaned_data.get("remedy_deadline")
        termination = form.termination
        # The deadline that counts is the one of the warning that went out first: a later
        # draft does not move it.
        warned = Dispatch.objects.filter(
            letter__termination=termination, letter__kind=Letter.Kind.WARNING
        ).exclude(letter=letter)
        if deadline is not None and deadline != termination.remedy_deadline and not warned.exists():
            termination.remedy_deadline = deadline
            termination.save(update_fields=["remedy_deadline", "updated_at"])
    return letter


def form_response(
    request: HttpRequest, form: LetterForm, *, title: str, back_url: str, success: str
) -> HttpResponse:
    """Show the letter form; rewrite its text on "Write the text again"; save on "Save"."""
    if request.method == "POST" and REDRAFT in request.POST:
        form = redrafted(form, form.termination, form.kind)
        messages.info(request, _("The text was written again. Check it, then save."))
    elif request.method == "POST" and form.is_valid():
        letter = save_letter(request, form)
        messages.success(request, success)
        return redirect(letter_url(letter))
    context = {
        "form": form,
        "title": title,
        "back_url": back_url,
        "termination": form.termination,
        "kind": form.kind,
        "kind_label": Letter.Kind(form.kind).label,
        "statement": form_statement(form.termination, form.kind),
    }
    return render(request, "termination/letter_form.html", context)


@require_http_methods(["GET", "POST"])
@perm("termination.add_letter")
def letter_add(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    termination = get_object_or_404(
        Termination.objects.select_related("contract__provider", "contract__sla_policy"), pk=pk
    )
    if not doc.kind_allowed(termination, kind):
        raise Http404
    if termination.status == Termination.Status.WITHDRAWN:
        messages.error(request, _("This termination was withdrawn: no more letters are written."))
        return redirect(detail_url(termination))
    language = document_language()
    letter = Letter(termination=termination, kind=kind, language=language)
    form = LetterForm(
        request.POST or None,
        instance=letter,
        termination=termination,
        kind=kind,
        language=language,
        initial=None if request.method == "POST" else draft_initial(termination, kind),
    )
    return form_response(
        request,
        form,
        title=_("New letter: %(kind)s") % {"kind": Letter.Kind(kind).label},
        back_url=detail_url(termination),
        success=_(
            "The letter was saved. Download it or copy its text, then record how you sent it."
        ),
    )


def draft_initial(termination: Termination, kind: str) -> dict[str, Any]:
    today = local_today()
    deadline = termination.remedy_deadline
    if kind == Letter.Kind.WARNING and (deadline is None or deadline <= today):
        deadline = doc.default_remedy_deadline(today)
    draft = doc.letter_draft(termination, kind, today, remedy_deadline=deadline)
    initial: dict[str, Any] = {
        "letter_date": today,
        "recipient": draft.recipient,
        "subject": draft.subject,
        "body": draft.body,
    }
    if kind == Letter.Kind.WARNING:
        initial["remedy_deadline"] = deadline
    return initial


@require_http_methods(["GET", "POST"])
@perm("termination.change_letter")
def letter_edit(request: HttpRequest, pk: int) -> HttpResponse:
    letter = load(pk)
    if (refused := refusal(request, letter)) is not None:
        return refused
    form = LetterForm(
        request.POST or None,
        instance=letter,
        termination=letter.termination,
        kind=letter.kind,
        language=letter.language,
    )
    return form_response(
        request,
        form,
        title=_("Change the letter"),
        back_url=letter_url(letter),
        success=_("The letter was saved."),
    )


@require_http_methods(["GET", "POST"])
@perm("termination.delete_letter")
def letter_delete(request: HttpRequest, pk: int) -> HttpResponse:
    letter = load(pk)
    if (refused := refusal(request, letter)) is not None:
        return refused
    return confirm_delete(
        request,
        obj=letter,
        success_url=detail_url(letter.termination),
        cancel_url=letter_url(letter),
    )


@require_safe
@perm("termination.view_termination")
def letter_detail(request: HttpRequest, pk: int) -> HttpResponse:
    letter = load(pk)
    termination = letter.termination
    dispatches = list(letter.dispatches.order_by("sent_on", "pk"))
    required = RequiredForm(termination.contract.required_form)
    context = {
        "letter": letter,
        "termination": termination,
        "contract": termination.contract,
        "provider": termination.contract.provider,
        "mail_body": doc.mail_body(letter),
        "statement": form_statement(termination, letter.kind),
        "email_enough": form_check(required, Channel.EMAIL).ok,
        "mailto": doc.letter_mailto(letter, mail_address(termination)),
        "dispatches": [(d, form_check(required, Channel(d.channel)).ok) for d in dispatches],
        "locked": bool(dispatches) or termination.status == Termination.Status.WITHDRAWN,
        "withdrawn": termination.status == Termination.Status.WITHDRAWN,
    }
    return render(request, "termination/letter_detail.html", context)


@require_safe
@perm("termination.view_termination")
def letter_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    letter = load(pk)
    return pdf_download(
        request,
        filename=doc.letter_filename(letter),
        render=lambda: doc.render_letter_pdf(letter),
        back_url=letter_url(letter),
    )


# --- what the pages say about the form -------------------------------------------------------


def mail_address(termination: Termination) -> str:
    contact = (
        termination.contract.provider.contacts.exclude(email="")
        .order_by("-escalation_level", "name")
        .first()
    )
    return contact.email if contact is not None else ""


def form_statement(termination: Termination, kind: str) -> dict[str, Any]:
    """The form the contract requires, said plainly, with the ways of sending that meet it."""
    required = RequiredForm(termination.contract.required_form)
    paper = not form_check(required, Channel.EMAIL).ok
    if required is RequiredForm.WRITTEN:
        text = _(
            "The contract requires written form: print the letter, sign it by hand and send it "
            "by post or courier, or deliver it in person. An e-mail or a fax is not enough."
        )
    elif required is RequiredForm.TEXT:
        text = _(
            "The contract requires text form: an e-mail is enough (so are a fax and a signed "
            "letter)."
        )
    else:
        text = _("The contract agrees on e-mail: an e-mail is enough (so is a signed letter).")
    note = ""
    if kind != Letter.Kind.TERMINATION:
        note = _(
            "Strictly, the form applies to the notice of termination itself; using it for this "
            "letter too is the safe way. Choose a way of sending that proves receipt."
        )
    ok = [
        label
        for value, label in Dispatch.Channel.choices
        if form_check(required, Channel(value)).ok
    ]
    not_ok = [
        label
        for value, label in Dispatch.Channel.choices
        if not form_check(required, Channel(value)).ok
    ]
    return {"text": text, "note": note, "paper": paper, "ok": ok, "not_ok": not_ok}
