"""Writing the trail: model signals for every audited model, and calls for the writes that
pass the signals by (``QuerySet.update()``, ``bulk_create()``).

A save reads the stored row first (one SELECT, only of the fields being saved) to know the
values before; a save that changes nothing recorded writes no entry. New records list their
filled-in fields, deleted records the values they had. Receivers are connected to each
audited model by name: a model without one (the imported tickets) keeps Django's fast paths
for bulk deletes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.utils import timezone

from vendorwatch.audit import policy
from vendorwatch.audit.context import current_actor
from vendorwatch.audit.models import AuditEntry
from vendorwatch.audit.values import HIDDEN, comparable, is_empty, name_of, plain, stored

Action = AuditEntry.Action
M = TypeVar("M", bound=models.Model)
Changes = dict[str, list[Any]]
_BEFORE = "_audit_before"
_NOTHING = object()  # the save touches no recorded field: no SELECT, no entry
UID = "vendorwatch.audit"


# --- the entry ---------------------------------------------------------------------------------


def _content_type(model: type[models.Model], using: str) -> ContentType:
    return ContentType.objects.db_manager(using).get_for_model(model, for_concrete_model=True)


def _repr(instance: models.Model) -> str:
    try:
        return name_of(instance)
    except ObjectDoesNotExist:  # a related record it names is gone (a cascade)
        return f"{instance._meta.verbose_name} #{instance.pk}"


def entry_for(
    instance: models.Model, action: str, changes: Changes, *, using: str = "default"
) -> AuditEntry:
    model = type(instance)
    actor = current_actor()
    parent = policy.parent_field(model)
    parent_id = getattr(instance, parent.attname) if parent is not None else None
    return AuditEntry(
        at=timezone.now(),
        actor_id=actor.user_id,
        actor_name=actor.name[:150],
        channel=actor.channel,
        action=action,
        content_type=_content_type(model, using),
        object_id=str(instance.pk),
        object_repr=_repr(instance),
        parent_type=(
            _content_type(parent.related_model, using)
            if parent is not None and parent_id is not None
            else None
        ),
        parent_id="" if parent_id is None else str(parent_id),
        changes=changes,
    )


def _write(instance: models.Model, action: str, changes: Changes, using: str) -> None:
    entry_for(instance, action, changes, using=using).save(using=using, force_insert=True)


# --- values ------------------------------------------------------------------------------------


def _values(
    instance: models.Model, fields: Iterable[models.Field[Any, Any]], *, side: int
) -> Changes:
    """A new record's (``side=1``) or a deleted one's (``side=0``) filled-in fields."""
    label = policy.label_of(type(instance))
    deferred = instance.get_deferred_fields()
    changes: Changes = {}
    for field in fields:
        if field.attname in deferred:
            continue
        value = stored(field, getattr(instance, field.attname), instance)
        if is_empty(value) or value is False:
            continue
        if policy.is_sensitive(label, field.name):
            if side == 0:
                continue  # a deleted secret: nothing worth saying
            value = HIDDEN
        pair: list[Any] = [None, None]
        pair[side] = value
        changes[field.name] = pair
    return changes


def _differences(instance: models.Model, fields: Any, row: Mapping[str, Any]) -> Changes:
    label = policy.label_of(type(instance))
    changes: Changes = {}
    for field in fields:
        before, after = row[field.attname], getattr(instance, field.attname)
        if comparable(field, before) == comparable(field, after):
            continue
        if policy.is_sensitive(label, field.name):
            changes[field.name] = [HIDDEN, HIDDEN]
        else:
            changes[field.name] = [stored(field, before), stored(field, after, instance)]
    return changes


def _fields_saved(
    instance: models.Model, update_fields: Iterable[str] | None
) -> list[models.Field[Any, Any]]:
    fields = policy.recorded_fields(type(instance))
    deferred = instance.get_deferred_fields()
    wanted = None if update_fields is None else set(update_fields)
    return [
        f
        for f in fields
        if f.attname not in deferred and (wanted is None or f.name in wanted or f.attname in wanted)
    ]


# --- receivers ---------------------------------------------------------------------------------


def _before_save(
    sender: type[models.Model],
    instance: models.Model,
    raw: bool = False,
    using: str = "default",
    update_fields: Iterable[str] | None = None,
    **kwargs: Any,
) -> None:
    if raw:
        return  # loading fixtures or a backup: not a change anyone made
    fields = _fields_saved(instance, update_fields)
    if not fields:
        setattr(instance, _BEFORE, _NOTHING)
        return
    if instance.pk is None or (instance._state.adding and instance._meta.pk.has_default()):
        setattr(instance, _BEFORE, None)
        return
    rows = list(
        sender._base_manager.using(using)
        .filter(pk=instance.pk)
        .order_by()
        .values(*(f.attname for f in fields))[:1]
    )
    setattr(instance, _BEFORE, (fields, rows[0] if rows else None))


def _after_save(
    sender: type[models.Model],
    instance: models.Model,
    created: bool = False,
    raw: bool = False,
    using: str = "default",
    **kwargs: Any,
) -> None:
    if raw:
        return
    before = instance.__dict__.pop(_BEFORE, None)
    if before is _NOTHING:
        return
    if before is None or before[1] is None:
        changes = _values(instance, policy.recorded_fields(sender), side=1)
        _write(instance, Action.CREATE if created else Action.UPDATE, changes, using)
        return
    fields, row = before
    changes = _differences(instance, fields, row)
    if changes:
        _write(instance, Action.UPDATE, changes, using)


def _after_delete(
    sender: type[models.Model], instance: models.Model, using: str = "default", **kwargs: Any
) -> None:
    changes = _values(instance, policy.recorded_fields(sender), side=0)
    _write(instance, Action.DELETE, changes, using)


# --- many-to-many ------------------------------------------------------------------------------

_M2M: dict[type[models.Model], tuple[type[models.Model], models.ManyToManyField[Any, Any]]] = {}
_M2M_BEFORE = "_audit_m2m_before"


def _columns(through: type[models.Model], field: Any) -> tuple[str, str]:
    """The link table's columns of the record and of the related record."""
    source = through._meta.get_field(field.m2m_field_name())
    target = through._meta.get_field(field.m2m_reverse_field_name())
    return getattr(source, "attname", ""), getattr(target, "attname", "")


def _links(through: type[models.Model], field: Any, sources: Iterable[Any] | None) -> Any:
    source, target = _columns(through, field)
    rows = through._base_manager.all()
    if sources is not None:
        rows = rows.filter(**{f"{source}__in": list(sources)})
    linked: dict[Any, set[Any]] = {}
    for source_id, target_id in rows.values_list(source, target):
        linked.setdefault(source_id, set()).add(target_id)
    return linked


def _m2m_changed(
    sender: type[models.Model],
    instance: models.Model,
    action: str,
    reverse: bool,
    model: type[models.Model],
    pk_set: set[Any] | None,
    using: str = "default",
    **kwargs: Any,
) -> None:
    owner, field = _M2M[sender]
    if reverse:
        # instance is a related record (a service): the records changed are those of pk_set,
        # or, when it is cleared, all that pointed to it.
        sources: list[Any] | None = list(pk_set) if pk_set is not None else None
        if sources is None:
            source, target = _columns(sender, field)
            sources = list(
                sender._base_manager.filter(**{target: instance.pk}).values_list(source, flat=True)
            )
    else:
        sources = [instance.pk]
    if action.startswith("pre_"):
        instance.__dict__.setdefault(_M2M_BEFORE, {})[(sender, action[4:])] = (
            sources,
            _links(sender, field, sources),
        )
        return
    if not action.startswith("post_"):
        return
    pending = instance.__dict__.get(_M2M_BEFORE, {}).pop((sender, action[5:]), None)
    if pending is None:
        return
    sources, before = pending
    after = _links(sender, field, sources)
    changed = [s for s in sources if before.get(s, set()) != after.get(s, set())]
    if not changed:
        return
    target_model = field.related_model
    ids = set().union(*(before.get(s, set()) | after.get(s, set()) for s in changed))
    names = {
        obj.pk: name_of(obj) for obj in target_model._base_manager.using(using).filter(pk__in=ids)
    }
    records = (
        [instance]
        if not reverse
        else list(owner._base_manager.using(using).filter(pk__in=changed).order_by("pk"))
    )

    def listed(pks: set[Any]) -> list[dict[str, Any]]:
        return [{"id": plain(pk), "name": names.get(pk, "")} for pk in sorted(pks, key=str)]

    for record in records:
        was, now = before.get(record.pk, set()), after.get(record.pk, set())
        _write(record, Action.UPDATE, {field.name: [listed(was), listed(now)]}, using)


# --- connecting --------------------------------------------------------------------------------


def connect() -> None:
    """Connect the receivers to every audited model (called once, when the app is ready)."""
    for model in policy.audited_models():
        uid = f"{UID}:{policy.label_of(model)}"
        pre_save.connect(_before_save, sender=model, dispatch_uid=uid)
        post_save.connect(_after_save, sender=model, dispatch_uid=uid)
        post_delete.connect(_after_delete, sender=model, dispatch_uid=uid)
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            if through is None:
                continue
            _M2M[through] = (model, field)
            m2m_changed.connect(_m2m_changed, sender=through, dispatch_uid=f"{uid}.{field.name}")


# --- for writes that pass the signals by ---------------------------------------------------------


def record_update(
    instance: models.Model,
    before: Mapping[str, Any],
    after: Mapping[str, Any],
    *,
    using: str = "default",
) -> bool:
    """Record a change made with ``QuerySet.update()``: the fields' values before and after
    (as on the model: a foreign key by its object or id). Returns whether anything changed."""
    model = type(instance)
    label = policy.label_of(model)
    changes: Changes = {}
    for name, new in after.items():
        field = model._meta.get_field(name)
        old = before.get(name)
        if isinstance(field, models.ForeignKey):
            old = old.pk if isinstance(old, models.Model) else old
            new = new.pk if isinstance(new, models.Model) else new
        if comparable(field, old) == comparable(field, new):  # type: ignore[arg-type]
            continue
        if policy.is_sensitive(label, name):
            changes[name] = [HIDDEN, HIDDEN]
        else:
            changes[name] = [stored(field, old), stored(field, new)]  # type: ignore[arg-type]
    if changes:
        _write(instance, Action.UPDATE, changes, using)
    return bool(changes)


def record_created(instances: Iterable[M], *, using: str = "default") -> list[M]:
    """Record records added with ``bulk_create()`` (their keys must be set), in one INSERT;
    returns them."""
    added = list(instances)
    entries = [
        entry_for(
            obj, Action.CREATE, _values(obj, policy.recorded_fields(type(obj)), side=1), using=using
        )
        for obj in added
    ]
    AuditEntry.objects.using(using).bulk_create(entries)
    return added
