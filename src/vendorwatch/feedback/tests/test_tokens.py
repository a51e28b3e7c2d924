"""Links for people without an account: signed per kind, carrying a random part of which only
a hash is stored; a tampered, foreign, expired or used link is refused."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import signing
from django.utils import timezone

from vendorwatch.feedback import services, tokens
from vendorwatch.feedback.tests.factory import make_rating, make_round, make_survey
from vendorwatch.feedback.tokens import LinkRefused, Refusal
from vendorwatch.problems.tests.factory import make_problem

pytestmark = pytest.mark.django_db


def refusal(kind: str, token: str) -> Refusal:
    with pytest.raises(LinkRefused) as refused:
        tokens.read_link(kind, token)
    return refused.value.reason


def changed(text: str, position: int) -> str:
    char = text[position]
    return text[:position] + ("A" if char != "A" else "B") + text[position + 1 :]


def test_a_link_reads_back_its_record_and_random_part() -> None:
    token, stored = tokens.new_link("rating", 42)
    pk, nonce = tokens.read_link("rating", token)
    assert pk == 42
    assert tokens.nonce_matches(nonce, stored)


def test_the_database_keeps_only_a_hash_of_the_random_part() -> None:
    token, stored = tokens.new_link("survey", 7)
    _pk, nonce = tokens.read_link("survey", token)
    assert nonce not in stored
    assert stored == tokens.digest(nonce)
    assert stored not in token


def test_two_links_for_the_same_record_differ() -> None:
    assert tokens.new_link("survey", 7)[0] != tokens.new_link("survey", 7)[0]


def test_a_changed_character_in_the_payload_is_refused() -> None:
    token, _stored = tokens.new_link("rating", 42)
    assert refusal("rating", changed(token, 3)) is Refusal.INVALID


def test_a_changed_character_in_the_signature_is_refused() -> None:
    token, _stored = tokens.new_link("rating", 42)
    assert refusal("rating", changed(token, len(token) - 5)) is Refusal.INVALID


def test_a_truncated_link_is_refused() -> None:
    token, _stored = tokens.new_link("rating", 42)
    assert refusal("rating", token[:-1]) is Refusal.INVALID
    assert refusal("rating", token[: len(token) // 2]) is Refusal.INVALID


def test_a_link_for_a_rating_does_not_open_a_survey() -> None:
    token, _stored = tokens.new_link("rating", 42)
    assert refusal("survey", token) is Refusal.INVALID


def test_a_value_signed_with_another_salt_is_refused() -> None:
    token = signing.Signer(salt="vendorwatch.something.else").sign_object([42, "abc"])
    assert refusal("rating", token) is Refusal.INVALID


def test_a_signed_value_of_the_wrong_shape_is_refused() -> None:
    signer = signing.Signer(salt=tokens.SALTS["rating"])
    for value in ([42], ["42", "abc"], [42, 7], {"pk": 42}, [42, "abc", 1], "42"):
        assert refusal("rating", signer.sign_object(value)) is Refusal.INVALID


@pytest.mark.parametrize(
    "garbage",
    ["", ":", "abc", "abc:def", "%00", "x" * 100_000, "ä:ö", "W10:" + "A" * 43, "../../etc"],
)
def test_garbage_is_refused(garbage: str) -> None:
    assert refusal("survey", garbage) is Refusal.INVALID


def test_a_rating_link_whose_stored_hash_was_replaced_is_refused() -> None:
    rating, token = make_rating(make_problem())
    rating.nonce_hash = tokens.new_link("rating", rating.pk)[1]
    rating.save()
    with pytest.raises(LinkRefused) as refused:
        services.rating_open(token, now=timezone.now())
    assert refused.value.reason is Refusal.INVALID


def test_a_well_signed_link_with_another_random_part_is_refused() -> None:
    rating, _token = make_rating(make_problem())
    forged = signing.Signer(salt=tokens.SALTS["rating"]).sign_object([rating.pk, "guessed"])
    with pytest.raises(LinkRefused) as refused:
        services.rating_open(forged, now=timezone.now())
    assert refused.value.reason is Refusal.INVALID


def test_a_link_to_a_deleted_record_is_refused() -> None:
    rating, token = make_rating(make_problem())
    rating.delete()
    with pytest.raises(LinkRefused) as refused:
        services.rating_open(token, now=timezone.now())
    assert refused.value.reason is Refusal.INVALID


def test_a_survey_link_whose_stored_hash_was_replaced_is_refused() -> None:
    survey_round, links = make_round(make_survey(), emails=["mia@example.com"])
    survey_round.invitations.update(nonce_hash=tokens.digest("something else"))
    with pytest.raises(LinkRefused) as refused:
        services.survey_invitation_open(links["mia@example.com"], now=timezone.now())
    assert refused.value.reason is Refusal.INVALID


def test_a_rating_link_after_its_time_is_expired() -> None:
    rating, token = make_rating(make_problem())
    with pytest.raises(LinkRefused) as refused:
        services.rating_open(token, now=rating.expires_at)
    assert refused.value.reason is Refusal.EXPIRED
    assert services.rating_open(token, now=rating.expires_at - timedelta(seconds=1)) == rating


def test_a_used_rating_link_is_used() -> None:
    rating, token = make_rating(make_problem())
    now = timezone.now()
    services.rating_submit(rating=rating, stars=4, comment="", now=now)
    with pytest.raises(LinkRefused) as refused:
        services.rating_open(token, now=now)
    assert refused.value.reason is Refusal.USED


def test_a_used_survey_link_is_used() -> None:
    _round, links = make_round(make_survey(), emails=["mia@example.com"])
    now = timezone.now()
    invitation = services.survey_invitation_open(links["mia@example.com"], now=now)
    services.survey_answer_submit(invitation=invitation, answers={}, now=now)
    with pytest.raises(LinkRefused) as refused:
        services.survey_invitation_open(links["mia@example.com"], now=now)
    assert refused.value.reason is Refusal.USED


def test_a_survey_link_after_the_round_closed_is_expired() -> None:
    survey_round, links = make_round(make_survey(), emails=["mia@example.com"])
    with pytest.raises(LinkRefused) as refused:
        services.survey_invitation_open(links["mia@example.com"], now=survey_round.closes_at)
    assert refused.value.reason is Refusal.EXPIRED
