"""Does a way of sending meet the form the contract requires for a notice?

- **Written form** (§ 126 BGB, *Schriftform*): a document signed by hand reaches the provider
  — a letter by post, registered letter, courier or delivered in person. An e-mail or a fax
  does not meet it (a fax delivers only a copy of the signature).
- **Text form** (§ 126b BGB, *Textform*): a readable declaration on a durable medium naming
  the person — e-mail and fax are enough, a signed letter is more than enough.
- **E-mail** agreed as the form: an e-mail is enough; a letter or fax also meets it.

Separately from the form, a channel leaves more or less **proof** of receipt: a plain letter
or e-mail none of its own; a registered letter or courier a delivery record; a return receipt
or a delivery in person (with a witness) the strongest.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class RequiredForm(Enum):
    WRITTEN = "written"
    TEXT = "text"
    EMAIL = "email"


class Channel(Enum):
    POST = "post"
    REGISTERED = "registered"
    REGISTERED_RECEIPT = "registered_receipt"
    COURIER = "courier"
    BY_HAND = "by_hand"
    EMAIL = "email"
    FAX = "fax"


class Proof(Enum):
    NONE = "none"  # nothing shows that it arrived, unless the provider confirms
    RECORD = "record"  # a delivery record (tracking)
    STRONG = "strong"  # a signature on receipt, or a witness


PAPER = frozenset(
    {Channel.POST, Channel.REGISTERED, Channel.REGISTERED_RECEIPT, Channel.COURIER, Channel.BY_HAND}
)
PROOF = {
    Channel.POST: Proof.NONE,
    Channel.EMAIL: Proof.NONE,
    Channel.FAX: Proof.NONE,
    Channel.REGISTERED: Proof.RECORD,
    Channel.COURIER: Proof.RECORD,
    Channel.REGISTERED_RECEIPT: Proof.STRONG,
    Channel.BY_HAND: Proof.STRONG,
}


@dataclass(frozen=True)
class FormCheck:
    required: RequiredForm
    channel: Channel
    ok: bool
    signed_paper: bool  # the letter must be printed and signed by hand
    proof: Proof


def form_check(required: RequiredForm, channel: Channel) -> FormCheck:
    """Whether sending by ``channel`` meets ``required``, and what proof it leaves."""
    paper = channel in PAPER
    ok = paper if required is RequiredForm.WRITTEN else True
    return FormCheck(
        required=required,
        channel=channel,
        ok=ok,
        signed_paper=paper,
        proof=PROOF[channel],
    )
