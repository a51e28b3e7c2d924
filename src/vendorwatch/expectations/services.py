"""Workflows of the expectations part: starter sets and the responsibility matrix."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from vendorwatch.expectations import starter
from vendorwatch.expectations.models import (
    Party,
    Requirement,
    RequirementAgreement,
    Responsibility,
    Service,
    Task,
)
from vendorwatch.providers.models import Provider


def requirements_add_from_starter(*, keys: Iterable[str], language: str) -> list[Requirement]:
    """Add the chosen starter requirements that are not there yet, in ``language``."""
    existing = set(
        Requirement.objects.exclude(starter_key="").values_list("starter_key", flat=True)
    )
    created = []
    with transaction.atomic():
        for key in keys:
            entry = starter.requirement_by_key(key)
            if entry is None or key in existing:
                continue
            created.append(
                Requirement.objects.create(
                    title=entry.title.get(language),
                    category=entry.category.get(language),
                    priority=entry.priority,
                    acceptance_criterion=entry.criterion.get(language),
                    starter_key=key,
                )
            )
            existing.add(key)
    return created


def requirement_agreements_set(
    *, requirement: Requirement, dates: Mapping[Provider, date | None]
) -> None:
    """Record with which provider ``requirement`` was agreed on which day (None: not agreed).

    Once an agreement names its provider, an older date that named none has served its
    purpose: it would only leave the user guessing which one is meant.
    """
    with transaction.atomic():
        for provider, day in dates.items():
            if day is None:
                RequirementAgreement.objects.filter(
                    requirement=requirement, provider=provider
                ).delete()
            else:
                RequirementAgreement.objects.update_or_create(
                    requirement=requirement, provider=provider, defaults={"agreed_on": day}
                )
        if requirement.unattributed_agreed_on and requirement.agreements.exists():
            requirement.unattributed_agreed_on = None
            requirement.save(update_fields=["unattributed_agreed_on"])


def services_add_from_starter(*, keys: Iterable[str], language: str) -> list[Service]:
    """Add the chosen starter services as needed, not yet contracted."""
    existing = set(Service.objects.exclude(starter_key="").values_list("starter_key", flat=True))
    created = []
    with transaction.atomic():
        for key in keys:
            entry = starter.service_by_key(key)
            if entry is None or key in existing:
                continue
            created.append(
                Service.objects.create(
                    name=entry.name.get(language),
                    scope=entry.scope.get(language),
                    unit=entry.unit.get(language),
                    availability_target=entry.availability,
                    needed=True,
                    contracted=False,
                    starter_key=key,
                )
            )
            existing.add(key)
    return created


def raci_add_starter(*, language: str) -> int:
    """Add the starter tasks and parties that are missing; returns how many rows were added."""
    added = 0
    with transaction.atomic():
        # Matched by key, not by name: adding them again in the other language adds nothing.
        known_parties = set(
            Party.objects.exclude(starter_key="").values_list("starter_key", flat=True)
        )
        for order, (key, name, side) in enumerate(starter.PARTIES):
            if key in known_parties or Party.objects.filter(name=name.get(language)).exists():
                continue
            Party.objects.create(name=name.get(language), side=side, order=order, starter_key=key)
            added += 1
        known = set(Task.objects.exclude(starter_key="").values_list("starter_key", flat=True))
        for order, task in enumerate(starter.TASKS):
            if task.key not in known:
                Task.objects.create(
                    title=task.title.get(language),
                    category=task.category.get(language),
                    order=order,
                    starter_key=task.key,
                )
                added += 1
    return added


def responsibility_set(*, task: Task, party: Party, kind: str) -> Responsibility | None:
    """Set one cell of the matrix; an empty ``kind`` clears it.

    A task has at most one accountable party: a second "A" in a row is refused, because two
    people answering for the same result means nobody does.
    """
    if kind and kind not in Responsibility.Kind.values:
        raise ValidationError(_("Choose R, A, C, I or nothing."))
    with transaction.atomic():
        if kind == Responsibility.Kind.ACCOUNTABLE:
            other = (
                Responsibility.objects.filter(task=task, kind=Responsibility.Kind.ACCOUNTABLE)
                .exclude(party=party)
                .select_related("party")
                .first()
            )
            if other is not None:
                raise ValidationError(
                    _(
                        "“%(task)s” already has an A (%(party)s). "
                        "Only one party can answer for a task."
                    )
                    % {"task": task.title, "party": other.party.name}
                )
        if not kind:
            Responsibility.objects.filter(task=task, party=party).delete()
            return None
        cell, _created = Responsibility.objects.update_or_create(
            task=task, party=party, defaults={"kind": kind}
        )
        return cell


@dataclass
class RaciCheck:
    """What the matrix still lacks: tasks without exactly one A or without any R, idle parties."""

    without_accountable: list[Task] = field(default_factory=list)
    without_responsible: list[Task] = field(default_factory=list)
    idle_parties: list[Party] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.without_accountable or self.without_responsible or self.idle_parties)


def raci_check(
    tasks: list[Task], parties: list[Party], cells: dict[tuple[int, int], str]
) -> RaciCheck:
    check = RaciCheck()
    for task in tasks:
        kinds = [cells.get((task.pk, party.pk), "") for party in parties]
        if kinds.count("A") != 1:
            check.without_accountable.append(task)
        if "R" not in kinds:
            check.without_responsible.append(task)
    for party in parties:
        if not any(cells.get((task.pk, party.pk)) for task in tasks):
            check.idle_parties.append(party)
    return check


def raci_matrix() -> tuple[list[Task], list[Party], dict[tuple[int, int], str]]:
    """Tasks, parties and all cells in three queries, whatever the size of the matrix."""
    tasks = list(Task.objects.all())
    parties = list(Party.objects.select_related("provider"))
    cells = {
        (task_id, party_id): kind
        for task_id, party_id, kind in Responsibility.objects.values_list(
            "task_id", "party_id", "kind"
        )
    }
    return tasks, parties, cells
