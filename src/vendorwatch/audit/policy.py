"""What the audit trail records, and what it deliberately leaves out (each with its reason).

Every model of the ``vendorwatch.*`` apps is recorded, and the user model; the tests check
that each exclusion below still names a model and that no excluded model has a recorder.
"""

from __future__ import annotations

import re
from functools import cache

from django.apps import apps
from django.conf import settings
from django.db import models

from vendorwatch.problems.services import CLOCK_FIELDS

# Models never recorded, with the reason.
EXCLUDED_MODELS: dict[str, str] = {
    "audit.auditentry": "the trail itself: an entry about an entry would never end",
    # Employee feedback is anonymous: a per-record history would store when each answer was
    # given and when each invitation was used, which could be matched with a mail server's
    # log to name the person. Who was invited and what was answered must never meet.
    "feedback.surveyresponse": "anonymous feedback: an answer must carry no time",
    "feedback.answer": "anonymous feedback: an answer must carry no time",
    "feedback.surveyinvitation": "anonymous feedback: the use of a link must carry no time",
    # The job runner's own bookkeeping, not business data; written every few seconds.
    "jobs.jobrun": "job runner bookkeeping (next due time of each job)",
    "jobs.runnerheartbeat": "job runner bookkeeping (it is alive)",
    # E-mail delivery: each send attempt writes the row again, and the mails hold one-time
    # links (feedback, password reset) that must not be copied anywhere.
    "jobs.outboxmessage": "e-mail delivery attempts; the mails hold one-time links",
    "jobs.outboxattachment": "e-mail delivery; files attached to a queued mail",
    "accounts.passwordresetrequest": "a queue of reset requests with the asker's address",
    # An import writes up to a million tickets through bulk paths: the import run is recorded
    # once (created, committed, undone) on its ImportJob instead of once per row.
    "monitoring.externalticket": "written in bulk by imports: one entry per import run",
    "monitoring.importrejection": "written in bulk by imports: one entry per import run",
}

# Recorded only as "changed", never with a value: whoever reads the trail (or a copy of the
# database) must not be able to log in, call the API or use a link with what it holds.
SENSITIVE_FIELDS: dict[str, set[str]] = {
    "auth.user": {"password"},
    "api.apitoken": {"digest"},
    "contracts.calendarfeedtoken": {"token_hash"},
    "feedback.problemrating": {"nonce_hash"},
    "problems.attachment": {"token"},
    "termination.terminationfile": {"token"},
}
# Any field whose name says it holds a secret is hidden as well, whatever model it is on.
SENSITIVE_NAME = re.compile(r"password|digest|nonce|secret|token_hash|session")

# Fields left out everywhere: kept by the application for itself (the keys of generated
# records, calendar invitation numbers), or written on every save.
IGNORED_EVERYWHERE = {"created_at", "updated_at", "starter_key", "source_key", "uid", "sequence"}
# Fields left out on one model: figures the application derives from other records (each of
# those records is recorded itself), and marks its jobs leave so as not to repeat work.
IGNORED_FIELDS: dict[str, set[str]] = {
    "auth.user": {"last_login", "date_joined"},
    "api.apitoken": {"last_used_at"},
    "sla.slaversion": {"calendar_snapshot"},
    # The SLA clocks: computed from the problem's events again and again by the clock job.
    "problems.problem": {"priority_rank", *CLOCK_FIELDS},
    "contracts.contract": {"known_send_date", "send_date_checked_on"},
    "contracts.contractreview": {"evidence"},
    "monitoring.importjob": {"progress_done", "progress_total", "attempts", "claimed_until"},
    "meetings.meeting": {"recurrence_id", "agenda_refreshed_at"},
    "meetings.agendaitem": {"edited"},
    "termination.termination": {"receipt_reminded_on"},
    "termination.exittask": {"reminded_for", "overdue_noticed_for", "position"},
    "feedback.surveyround": {"reminder_sent_at"},
}

# The record a model's rows are part of, by the foreign key named here: their changes show
# in that record's history too (a provider's contacts, a problem's events).
PARENTS: dict[str, str] = {
    "providers.contact": "provider",
    "sla.calendarday": "calendar",
    "sla.slaversion": "policy",
    "sla.priority": "version",
    "sla.matrixcell": "version",
    "sla.duty": "version",
    "sla.servicetarget": "version",
    "expectations.requirementagreement": "requirement",
    "expectations.responsibility": "task",
    "problems.problemevent": "problem",
    "problems.eventedit": "event",
    "problems.attachment": "problem",
    "problems.escalation": "problem",
    "problems.escalationrule": "policy",
    "contracts.contractdocument": "contract",
    "contracts.certificate": "contract",
    "contracts.invoice": "contract",
    "contracts.invoiceline": "invoice",
    "contracts.budget": "contract",
    "contracts.hoursquota": "contract",
    "contracts.contractreview": "contract",
    "contracts.reviewfinding": "review",
    "contracts.followup": "contract",
    "contracts.calendarfeedtoken": "user",
    "monitoring.reportrecipient": "provider",
    "meetings.meeting": "series",
    "meetings.agendaitem": "meeting",
    "meetings.decision": "meeting",
    "meetings.actionreview": "meeting",
    "meetings.minutesrevision": "meeting",
    "alternatives.offerprice": "offer",
    "alternatives.offeranswer": "offer",
    "alternatives.criterion": "comparison",
    "alternatives.score": "criterion",
    "termination.letter": "termination",
    "termination.dispatch": "letter",
    "termination.exittask": "termination",
    "termination.terminationfile": "termination",
    "feedback.question": "survey",
    "feedback.surveyround": "survey",
    "feedback.problemrating": "problem",
    "api.apitoken": "user",
}


def label_of(model: type[models.Model]) -> str:
    return model._meta.label_lower


def is_audited(model: type[models.Model]) -> bool:
    label = label_of(model)
    if label in EXCLUDED_MODELS:
        return False
    return label == settings.AUTH_USER_MODEL.lower() or model.__module__.startswith("vendorwatch.")


def audited_models() -> list[type[models.Model]]:
    return [m for m in apps.get_models() if not m._meta.proxy and is_audited(m)]


def is_sensitive(label: str, name: str) -> bool:
    return name in SENSITIVE_FIELDS.get(label, ()) or bool(SENSITIVE_NAME.search(name))


@cache
def recorded_fields(model: type[models.Model]) -> tuple[models.Field[object, object], ...]:
    """The model's own columns the trail compares and records, in the model's order."""
    label = label_of(model)
    ignored = IGNORED_EVERYWHERE | IGNORED_FIELDS.get(label, set())
    fields = []
    for field in model._meta.concrete_fields:
        if field.primary_key or field.name in ignored:
            continue
        if isinstance(field, models.GeneratedField):
            continue  # computed by the database from the other columns
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            continue
        fields.append(field)
    return tuple(fields)


@cache
def parent_field(model: type[models.Model]) -> models.ForeignKey[object, object] | None:
    name = PARENTS.get(label_of(model))
    if name is None:
        return None
    field = model._meta.get_field(name)
    assert isinstance(field, models.ForeignKey), f"{label_of(model)}.{name} is no foreign key"
    return field
