"""The job runner's work for employee feedback (found by the registry's autodiscovery)."""

from __future__ import annotations

from datetime import datetime, timedelta

from vendorwatch.feedback import services
from vendorwatch.jobs.registry import periodic


@periodic("feedback-rating-requests", every=timedelta(minutes=5))
def request_ratings(now: datetime) -> int:
    """Resolutions entered since the last run are asked about (the problem's page asks at
    once; this catches every other way a problem gets resolved)."""
    return services.ratings_request_due(now=now)


@periodic("feedback-survey-rounds", every=timedelta(minutes=15))
def open_survey_rounds(now: datetime) -> int:
    return services.surveys_open_due(now=now)


@periodic("feedback-survey-reminders", every=timedelta(minutes=15))
def remind_survey_rounds(now: datetime) -> int:
    return services.survey_reminders_due(now=now)


@periodic("feedback-forget-sent-links", every=timedelta(minutes=15))
def forget_sent_links(now: datetime) -> int:
    return services.sent_links_forget()
