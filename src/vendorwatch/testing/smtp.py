"""A real SMTP server on localhost for tests (aiosmtpd) that can be slowed down, made to refuse
messages, stopped and started again: the failures a real mail server shows."""

from __future__ import annotations

import asyncio
import logging
import socket
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import Message
from typing import Any

from aiosmtpd.controller import Controller

# aiosmtpd logs every connection from its own thread, also after a test's log capture closed.
logging.getLogger("mail.log").setLevel(logging.WARNING)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class Inbox:
    messages: list[Message] = field(default_factory=list)
    # Seconds the server waits before it answers a message (a slow or overloaded mail server).
    delay: float = 0.0
    # The answer to every message: anything but 2xx refuses it (451 = try later, 554 = never).
    reply: str = "250 OK"
    # Addresses the server does not know: refused for good (550) when a message names them.
    unknown: set[str] = field(default_factory=set)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: list[str]
    ) -> str:
        if address in self.unknown:
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.delay:
            await asyncio.sleep(self.delay)
        if not self.reply.startswith("2"):
            return self.reply
        raw = envelope.original_content or envelope.content
        with self._lock:
            self.messages.append(message_from_bytes(raw, policy=policy.default))
        return self.reply

    @property
    def subjects(self) -> list[str]:
        with self._lock:
            return [str(m["Subject"]) for m in self.messages]

    def duplicates(self) -> dict[str, int]:
        """Subjects that arrived more than once, with how often they arrived."""
        return {subject: n for subject, n in Counter(self.subjects).items() if n > 1}


class LocalSmtp:
    def __init__(self) -> None:
        self.port = free_port()
        self.inbox = Inbox()
        self.controller: Controller | None = None

    def start(self) -> None:
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        """Stop listening: connections are refused until :meth:`start`."""
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def slow_down(self, seconds: float) -> None:
        """Answer each message only after ``seconds``; 0 answers at once again."""
        self.inbox.delay = seconds

    def refuse(self, reply: str = "451 4.3.0 Please try again later") -> None:
        """Refuse every message with this SMTP reply until :meth:`accept`."""
        self.inbox.reply = reply

    def accept(self) -> None:
        self.inbox.reply = "250 OK"

    def wait_for(self, count: int, timeout: float = 30.0) -> list[str]:
        """Wait until at least ``count`` messages arrived (for senders in other processes)."""
        deadline = time.monotonic() + timeout
        while len(self.inbox.messages) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        return self.inbox.subjects
