"""Who is changing data right now, for the audit trail: set by the web middleware, the API's
token check, the job runner and the command line; read when an entry is written."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar, Token
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Actor:
    user_id: int | None
    name: str
    channel: str  # one of AuditEntry.Channel


@dataclass(frozen=True)
class _Pending:
    """The actor as set, resolved only when an entry is written: a page request that changes
    nothing never has to load its user for the trail."""

    user: Any
    channel: str
    name: str = ""

    def resolve(self) -> Actor:
        user = self.user
        if user is None or not getattr(user, "is_authenticated", False):
            return Actor(user_id=None, name=self.name, channel=self.channel)
        return Actor(user_id=user.pk, name=user.get_username(), channel=self.channel)


COMMAND_LINE = Actor(user_id=None, name="", channel="command")
_current: ContextVar[_Pending | None] = ContextVar("vendorwatch_audit_actor", default=None)


def actor_for(user: Any, channel: str, name: str = "") -> Actor:
    return _Pending(user, channel, name).resolve()


def current_actor() -> Actor:
    pending = _current.get()
    return COMMAND_LINE if pending is None else pending.resolve()


def set_actor(user: Any, channel: str, name: str = "") -> Token[_Pending | None]:
    """Set the actor for the rest of this request or task; the token resets it."""
    return _current.set(_Pending(user, channel, name))


def reset_actor(token: Token[_Pending | None]) -> None:
    _current.reset(token)


@contextmanager
def acting(user: Any, channel: str, name: str = "") -> Iterator[Actor]:
    """The actor for the changes made inside the block (``name`` names a job, say)."""
    token = set_actor(user, channel, name)
    try:
        yield current_actor()
    finally:
        reset_actor(token)
