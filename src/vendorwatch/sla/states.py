"""Problem states that stop the SLA clock; the problem log records its events with these codes."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PausingState(models.TextChoices):
    WAITING_ON_US = "waiting_on_us", _("Waiting on us (a question to us is open)")
    SCHEDULED_ON_OUR_REQUEST = (
        "scheduled_on_our_request",
        _("Appointment postponed at our request"),
    )
    WORKAROUND_ACCEPTED = "workaround_accepted", _("Workaround accepted by us")


def default_pausing_states() -> list[str]:
    return [PausingState.WAITING_ON_US.value]
