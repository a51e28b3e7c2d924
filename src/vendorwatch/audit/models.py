"""The audit trail: one row per change of a domain record, never changed afterwards."""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    class Action(models.TextChoices):
        CREATE = "create", _("created")
        UPDATE = "update", _("changed")
        DELETE = "delete", _("deleted")

    class Channel(models.TextChoices):
        WEB = "web", _("web page")
        API = "api", _("API")
        JOB = "job", _("automatic job")
        COMMAND = "command", _("command line")

    at = models.DateTimeField(_("time"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    # The name at the time of the change: the entry stays readable after the user is deleted.
    actor_name = models.CharField(_("by"), max_length=150, blank=True)
    channel = models.CharField(_("via"), max_length=10, choices=Channel.choices)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, related_name="+", verbose_name=_("kind of record")
    )
    object_id = models.CharField(_("record number"), max_length=64)
    object_repr = models.CharField(_("record"), max_length=200)
    # The record this one is a part of (a contact of a provider, an event of a problem), so
    # that the whole's history shows its parts too.
    parent_type = models.ForeignKey(
        ContentType,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("part of"),
    )
    parent_id = models.CharField(_("part of"), max_length=64, blank=True)
    # {field name: [before, after]}; a new record has only "after" values, a deleted one only
    # "before" values (the other side is null).
    changes = models.JSONField(_("changes"), default=dict)

    class Meta:
        verbose_name = _("change")
        verbose_name_plural = _("change history")
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["content_type", "object_id", "-at"], name="audit_record_idx"),
            models.Index(fields=["parent_type", "parent_id", "-at"], name="audit_parent_idx"),
            models.Index(fields=["actor", "-at"], name="audit_actor_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not kwargs.get("force_insert"):
            raise PermissionError("An audit entry cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise PermissionError("An audit entry cannot be deleted.")
