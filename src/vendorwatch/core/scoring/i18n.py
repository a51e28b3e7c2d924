"""Translation hooks for the scoring engine's texts, without Django.

Every user-visible template is wrapped in :func:`gettext_noop` so that Django's
``makemessages`` (xgettext looks for that keyword) extracts it into the project catalogue.
The apps translate the template with ``gettext`` and fill it with the ``values`` that come
with it: ``gettext(component.explanation).format(**component.values)``.
"""

from __future__ import annotations

from collections.abc import Callable

Translate = Callable[[str], str]


def gettext_noop(message: str) -> str:
    """Mark ``message`` for extraction; return it unchanged."""
    return message


def identity(message: str) -> str:
    """The English "translation": the msgid itself."""
    return message
