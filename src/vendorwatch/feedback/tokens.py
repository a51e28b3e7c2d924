"""Links for people without an account: signed, one-time, with a random part of which the
database keeps only a hash.

A link carries ``[record id, random part]`` signed with the site's secret key and a salt of
its own per kind, so a link for a rating cannot open a survey, and changing one character
makes it invalid. Whether it has expired or was used is decided by the record it names (the
rating's ``expires_at``, the survey round's ``closes_at``, ``answered``): the link itself never
says more than which record it is for.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from enum import StrEnum

from django.core import signing

SALTS = {"rating": "vendorwatch.feedback.rating", "survey": "vendorwatch.feedback.survey"}


class Refusal(StrEnum):
    """Why a link does not open its form (each has a friendly page of its own)."""

    INVALID = "invalid"  # tampered with, incomplete, or for a record that no longer exists
    EXPIRED = "expired"  # the rating link's time or the survey round is over
    USED = "used"  # answered already


class LinkRefused(Exception):
    def __init__(self, reason: Refusal) -> None:
        super().__init__(reason.value)
        self.reason = reason


def digest(nonce: str) -> str:
    return hashlib.sha256(nonce.encode()).hexdigest()


def new_link(kind: str, pk: int) -> tuple[str, str]:
    """A new link's token for record ``pk`` and the hash of its random part to store."""
    nonce = secrets.token_urlsafe(18)
    token = signing.Signer(salt=SALTS[kind]).sign_object([pk, nonce])
    return token, digest(nonce)


def read_link(kind: str, token: str) -> tuple[int, str]:
    """The record id and random part a link carries; :class:`LinkRefused` (invalid) when it
    was not made by this site for this kind."""
    try:
        value = signing.Signer(salt=SALTS[kind]).unsign_object(token)
    except (signing.BadSignature, ValueError, TypeError, UnicodeError):
        raise LinkRefused(Refusal.INVALID) from None
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not isinstance(value[0], int)
        or not isinstance(value[1], str)
    ):
        raise LinkRefused(Refusal.INVALID)
    return value[0], value[1]


def nonce_matches(nonce: str, stored_hash: str) -> bool:
    return hmac.compare_digest(digest(nonce), stored_hash)
