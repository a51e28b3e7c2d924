"""Does a channel meet the form the contract requires for a notice, and what proof of
receipt does it leave? The whole table, written out by hand."""

import pytest

from vendorwatch.core.termination import Channel, Proof, RequiredForm, form_check

W, T, E = RequiredForm.WRITTEN, RequiredForm.TEXT, RequiredForm.EMAIL

# channel: (meets written form, meets text form, meets e-mail form)
ACCEPTS = {
    Channel.POST: (True, True, True),
    Channel.REGISTERED: (True, True, True),
    Channel.REGISTERED_RECEIPT: (True, True, True),
    Channel.COURIER: (True, True, True),
    Channel.BY_HAND: (True, True, True),
    # § 126 BGB needs the signature by hand to reach the provider: an e-mail carries none,
    # a fax only a copy of it.
    Channel.EMAIL: (False, True, True),
    Channel.FAX: (False, True, True),
}
PAPER: set[Channel] = {
    Channel.POST,
    Channel.REGISTERED,
    Channel.REGISTERED_RECEIPT,
    Channel.COURIER,
    Channel.BY_HAND,
}
PROOF = {
    Channel.POST: Proof.NONE,
    Channel.EMAIL: Proof.NONE,
    Channel.FAX: Proof.NONE,
    Channel.REGISTERED: Proof.RECORD,
    Channel.COURIER: Proof.RECORD,
    Channel.REGISTERED_RECEIPT: Proof.STRONG,
    Channel.BY_HAND: Proof.STRONG,
}
TABLE = [
    (required, channel, ACCEPTS[channel][index])
    for index, required in enumerate((W, T, E))
    for channel in Channel
]


def test_the_table_covers_every_form_and_channel() -> None:
    assert set(ACCEPTS) == set(Channel) == set(PROOF)
    assert len(TABLE) == len(RequiredForm) * len(Channel) == 21


@pytest.mark.parametrize(("required", "channel", "ok"), TABLE)
def test_form_check_accepts_exactly_the_channels_of_the_table(
    required: RequiredForm, channel: Channel, ok: bool
) -> None:
    check = form_check(required, channel)
    assert check.ok is ok
    assert check.required is required
    assert check.channel is channel


def test_written_form_refuses_email() -> None:
    assert not form_check(RequiredForm.WRITTEN, Channel.EMAIL).ok


def test_written_form_refuses_fax() -> None:
    assert not form_check(RequiredForm.WRITTEN, Channel.FAX).ok


@pytest.mark.parametrize("channel", [c for c in Channel if c in PAPER])
def test_written_form_accepts_every_paper_channel(channel: Channel) -> None:
    assert form_check(RequiredForm.WRITTEN, channel).ok


@pytest.mark.parametrize("channel", list(Channel))
def test_text_form_accepts_every_channel(channel: Channel) -> None:
    assert form_check(RequiredForm.TEXT, channel).ok


@pytest.mark.parametrize("channel", list(Channel))
def test_email_as_agreed_form_accepts_every_channel(channel: Channel) -> None:
    assert form_check(RequiredForm.EMAIL, channel).ok


@pytest.mark.parametrize("required", list(RequiredForm))
@pytest.mark.parametrize("channel", list(Channel))
def test_a_paper_channel_means_printing_and_signing_by_hand(
    required: RequiredForm, channel: Channel
) -> None:
    assert form_check(required, channel).signed_paper is (channel in PAPER)


@pytest.mark.parametrize("required", list(RequiredForm))
@pytest.mark.parametrize("channel", list(Channel))
def test_the_proof_depends_on_the_channel_only(required: RequiredForm, channel: Channel) -> None:
    assert form_check(required, channel).proof is PROOF[channel]


def test_a_plain_letter_leaves_no_proof_of_receipt() -> None:
    assert form_check(RequiredForm.WRITTEN, Channel.POST).proof is Proof.NONE


def test_an_email_leaves_no_proof_of_receipt() -> None:
    assert form_check(RequiredForm.TEXT, Channel.EMAIL).proof is Proof.NONE


def test_a_registered_letter_and_a_courier_leave_a_delivery_record() -> None:
    assert form_check(RequiredForm.WRITTEN, Channel.REGISTERED).proof is Proof.RECORD
    assert form_check(RequiredForm.WRITTEN, Channel.COURIER).proof is Proof.RECORD


def test_a_return_receipt_and_a_delivery_in_person_give_the_strongest_proof() -> None:
    assert form_check(RequiredForm.WRITTEN, Channel.REGISTERED_RECEIPT).proof is Proof.STRONG
    assert form_check(RequiredForm.WRITTEN, Channel.BY_HAND).proof is Proof.STRONG


def test_the_check_is_a_frozen_value() -> None:
    check = form_check(RequiredForm.WRITTEN, Channel.POST)
    assert check == form_check(RequiredForm.WRITTEN, Channel.POST)
    with pytest.raises(AttributeError):
        check.ok = False  # type: ignore[misc]
