"""Secret links never reach a log: the one-time links of employee feedback, the calendar feed's
address and password-reset links carry their key in the path, and a log line with the path
and the time would tell who used which link when.

Every path segment that looks like a key (24 or more characters of the alphabets Django's
signing, ``secrets.token_urlsafe`` and password-reset tokens use) is written as ``…``. Normal
paths (numbers, short words) are left as they are.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from gunicorn.glogging import Logger

KEY_SEGMENT = re.compile(r"(?<=/)[A-Za-z0-9_\-:.]{24,}(?=/|\?|\s|$)")
MASK = "…"


def mask_keys(text: str) -> str:
    return KEY_SEGMENT.sub(MASK, text)


class MaskKeysFilter(logging.Filter):
    """For the application's log handler: the formatted message with its keys masked."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_keys(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True


# Pages where employees answer anonymously: no access-log line at all, since the time and the
# address of a request could be lined up with the order in which answers were stored.
UNLOGGED = re.compile(r"^/feedback/(survey/|thanks/)")


class AccessLog(Logger):  # type: ignore[misc]
    """gunicorn's access log with the keys in request paths masked, and without the requests
    of anonymous survey answers."""

    def access(self, resp: Any, req: Any, environ: Any, request_time: Any) -> None:
        if UNLOGGED.match(environ.get("PATH_INFO") or ""):
            return
        super().access(resp, req, environ, request_time)

    def atoms(self, resp: Any, req: Any, environ: Any, request_time: Any) -> dict[str, Any]:
        found: dict[str, Any] = super().atoms(resp, req, environ, request_time)
        # The request line, the path, the referrer (a page reached from a survey page names
        # it) and any header a custom format may print.
        return {
            name: mask_keys(value) if isinstance(value, str) else value
            for name, value in found.items()
        }
