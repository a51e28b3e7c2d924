"""Translation hooks for the deadline engine's explanations, without Django.

Every user-visible template is wrapped in :func:`gettext_noop` so that Django's
``makemessages`` (xgettext looks for that keyword) extracts it into the project catalogue.
The engine translates late, through the ``translate`` callable handed to ``render``.
"""

from __future__ import annotations

import gettext
from collections.abc import Callable
from pathlib import Path

Translate = Callable[[str], str]

LOCALE_DIR = Path(__file__).parents[2] / "locale"


def gettext_noop(message: str) -> str:
    """Mark ``message`` for extraction; return it unchanged."""
    return message


def identity(message: str) -> str:
    """The English "translation": the msgid itself."""
    return message


def translator(language: str) -> Translate:
    """Return a translate function for ``language`` from the compiled project catalogue.

    Reads ``locale/<language>/LC_MESSAGES/django.mo`` with the standard library; without a
    catalogue the messages stay English.
    """
    try:
        catalogue = gettext.translation("django", localedir=LOCALE_DIR, languages=[language])
    except OSError:
        return identity
    return catalogue.gettext
