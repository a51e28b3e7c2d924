"""How a letter was sent and what proves that it arrived: the forms and the one place that
stores a proof file.

The notice must meet the form the contract requires (written form: a letter signed by hand);
a channel that does not meet it is refused for the termination letter, because the notice
would be void. For the other letters it is only a warning. Each channel is offered with the
proof it leaves, so the choice is made knowing what can be shown later.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.db import transaction
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from vendorwatch.core.termination.form import Channel, Proof, RequiredForm, form_check
from vendorwatch.problems.uploads import checked_upload
from vendorwatch.termination.models import Dispatch, Letter, TerminationFile
from vendorwatch.termination.services import local_today
from vendorwatch.web.parsing import strict_formfield
from vendorwatch.web.uploads import upload_store, validate_upload_size, with_upload_limit
from vendorwatch.web.widgets import DateInput

PROOF_TEXT: dict[Proof, Promise] = {
    Proof.NONE: _("no proof of receipt unless the provider confirms it"),
    Proof.RECORD: _("leaves a delivery record"),
    Proof.STRONG: _("the strongest proof of receipt"),
}
CHANNEL_HELP = _(
    "A plain letter or an e-mail leaves no proof that it arrived unless the provider "
    "confirms it. A registered letter or a courier leaves a delivery record. A return "
    "receipt, or handing it over in person with a witness, is the strongest proof."
)


def required_form(letter: Letter) -> RequiredForm:
    return RequiredForm(letter.termination.contract.required_form)


def form_refusal(required: RequiredForm) -> str:
    """Why the notice cannot be sent this way (only written form refuses a channel)."""
    if required is RequiredForm.WRITTEN:
        return gettext(
            "Your contract requires written form: a letter signed by hand. An e-mail or fax "
            "does not meet it — the notice would be void. Send it by post, courier or in "
            "person."
        )
    return gettext("This way of sending does not meet the form your contract requires.")


def form_warning(required: RequiredForm) -> str:
    """The same finding for a letter that is not the notice itself: recorded, with a warning."""
    if required is RequiredForm.WRITTEN:
        return gettext(
            "Your contract requires written form, which an e-mail or fax does not meet. This "
            "letter is not the notice itself, so it was recorded — where it matters, send a "
            "letter signed by hand as well."
        )
    return gettext("This way of sending does not meet the form your contract requires.")


def end_note(confirmed: date, computed: date) -> str:
    """The provider confirmed another end than the one the contract's terms give."""
    values = {"confirmed": f"{confirmed:%d.%m.%Y}", "computed": f"{computed:%d.%m.%Y}"}
    return (
        gettext(
            "The provider confirmed the end on %(confirmed)s, but by the contract's terms it "
            "ends on %(computed)s. Clear this up with the provider in writing."
        )
        % values
    )


def channel_choices(letter: Letter) -> list[tuple[str, str]]:
    """Each channel with the proof it leaves, and, for the notice, whether it meets the form
    (built when the form is, in the language of the request)."""
    required = required_form(letter)
    notice = letter.kind == Letter.Kind.TERMINATION
    choices = []
    for value, label in Dispatch.Channel.choices:
        check = form_check(required, Channel(value))
        values = {"channel": capfirst(label), "proof": PROOF_TEXT[check.proof]}
        if not check.ok and notice:
            text = gettext("%(channel)s — %(proof)s (does not meet the required form)") % values
        else:
            text = gettext("%(channel)s — %(proof)s") % values
        choices.append((value, text))
    return choices


class DispatchForm(forms.ModelForm):  # type: ignore[type-arg]
    """A letter sent: how, when, the tracking number. ``warning`` holds a form warning for a
    letter that is not the notice (shown after saving)."""

    class Meta:
        model = Dispatch
        fields = ["channel", "sent_on", "tracking_number", "notes"]
        formfield_callback = strict_formfield
        widgets = {
            "channel": forms.RadioSelect,
            "sent_on": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "sent_on": _("The day it was posted, handed over or sent; not in the future."),
            "tracking_number": _("From the post office or courier receipt, if there is one."),
        }

    def __init__(self, *args: Any, letter: Letter, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.letter = letter
        self.warning = ""
        channel = self.fields["channel"]
        assert isinstance(channel, forms.ChoiceField)
        channel.choices = channel_choices(letter)
        channel.help_text = CHANNEL_HELP
        if not self.is_bound and self.instance.pk is None:
            self.initial.setdefault("sent_on", local_today())

    def clean_sent_on(self) -> date:
        sent_on: date = self.cleaned_data["sent_on"]
        if sent_on > local_today():
            raise forms.ValidationError(_("The day it was sent cannot be in the future."))
        return sent_on

    def clean_channel(self) -> str:
        value: str = self.cleaned_data["channel"]
        required = required_form(self.letter)
        if not form_check(required, Channel(value)).ok:
            if self.letter.kind == Letter.Kind.TERMINATION:
                raise forms.ValidationError(form_refusal(required))
            self.warning = form_warning(required)
        return value


def _upload_field(label: Any, help_text: Any) -> forms.FileField:
    return forms.FileField(
        label=label,
        required=False,
        help_text=help_text,
        validators=[validate_upload_size],
    )


class ProofForm(forms.ModelForm):  # type: ignore[type-arg]
    """The proof of receipt of one dispatch: the day of receipt, the delivery record, the
    provider's confirmation with the end it confirms."""

    # Set by ``clean``: the day of receipt was taken from the day of the confirmation.
    receipt_from_confirmation = False

    delivery_record = _upload_field(
        _("Delivery record"),
        with_upload_limit(
            _("The tracking page or the return receipt, as PDF or picture; at most %(limit)d MB.")
        ),
    )
    confirmation = _upload_field(
        _("The provider's confirmation"),
        with_upload_limit(
            _(
                "Their letter or e-mail confirming receipt, as PDF, picture or .eml; at most "
                "%(limit)d MB."
            )
        ),
    )

    class Meta:
        model = Dispatch
        fields = [
            "sent_on",
            "tracking_number",
            "received_on",
            "confirmed_on",
            "confirmed_end",
            "notes",
        ]
        formfield_callback = strict_formfield
        widgets = {
            "sent_on": DateInput(),
            "received_on": DateInput(),
            "confirmed_on": DateInput(),
            "confirmed_end": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "received_on": _(
                "The day the delivery record or the provider's confirmation shows. Empty "
                "while receipt is not proven."
            ),
            "confirmed_on": _("The day of the provider's confirmation."),
            "confirmed_end": _("The day the provider says the contract ends."),
        }

    def clean_sent_on(self) -> date:
        sent_on: date = self.cleaned_data["sent_on"]
        if sent_on > local_today():
            raise forms.ValidationError(_("The day it was sent cannot be in the future."))
        return sent_on

    def _not_before_sending(self, name: str, message: Any) -> None:
        day = self.cleaned_data.get(name)
        sent_on = self.cleaned_data.get("sent_on")
        if day is None:
            return
        if day > local_today():
            self.add_error(name, _("This day cannot be in the future."))
        elif sent_on is not None and day < sent_on:
            self.add_error(name, message)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or self.cleaned_data
        self._not_before_sending(
            "received_on", _("It cannot have been received before it was sent.")
        )
        self._not_before_sending(
            "confirmed_on", _("The provider cannot have confirmed it before it was sent.")
        )
        # A confirmation proves receipt at the latest on its own day.
        self.receipt_from_confirmation = False
        if not self.errors and cleaned.get("received_on") is None and cleaned.get("confirmed_on"):
            cleaned["received_on"] = cleaned["confirmed_on"]
            self.receipt_from_confirmation = True
        return cleaned

    def clean_delivery_record(self) -> Any:
        upload = self.cleaned_data.get("delivery_record")
        return checked_upload(upload) if upload else None

    def clean_confirmation(self) -> Any:
        upload = self.cleaned_data.get("confirmation")
        return checked_upload(upload) if upload else None

    def uploads(self) -> list[tuple[str, Any]]:
        found = [
            (TerminationFile.Kind.DELIVERY_RECORD, self.cleaned_data.get("delivery_record")),
            (TerminationFile.Kind.CONFIRMATION, self.cleaned_data.get("confirmation")),
        ]
        return [(str(kind), upload) for kind, upload in found if upload]


def proof_file_add(*, dispatch: Dispatch, kind: str, upload: Any, user: Any) -> TerminationFile:
    """Store the file under a random name and its record; a file whose record cannot be
    saved is removed again."""
    record = TerminationFile(
        termination_id=dispatch.letter.termination_id, dispatch=dispatch, kind=kind
    )
    return upload_store(record, upload, user)


def proof_save(form: ProofForm, *, user: Any) -> Dispatch:
    """Save the dispatch and the uploaded files together: all or nothing."""
    stored: list[TerminationFile] = []
    try:
        with transaction.atomic():
            dispatch: Dispatch = form.save()
            for kind, upload in form.uploads():
                stored.append(
                    proof_file_add(dispatch=dispatch, kind=kind, upload=upload, user=user)
                )
    except BaseException:
        for record in stored:
            record.file.delete(save=False)
        raise
    return dispatch
