"""Our own SLA verdicts for a column of imported tickets, with the policy version in force.

Every ticket is measured against the version that held on the day it was created (in the
organisation's time zone, as :meth:`SlaPolicy.version_at` counts); tickets created before the
first version keep no version and no verdicts. The engine (``evaluate_columns``) does the
arithmetic for all tickets of one version at once.

Verdicts are int8 columns: 1 met, 0 breached, -1 none yet (no target, or the clock still runs
within its target: an open ticket is left out of resolution compliance until it is breached).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, time
from zoneinfo import ZoneInfo

import numpy as np
import numpy.typing as npt

from vendorwatch.core import businesstime as bt
from vendorwatch.core.businesstime import MISSING

logger = logging.getLogger(__name__)

I64 = npt.NDArray[np.int64]
I8 = npt.NDArray[np.int8]
Bools = npt.NDArray[np.bool_]

MET, BREACHED, NONE = 1, 0, -1


@dataclass(frozen=True)
class VersionTerms:
    """One SLA version as the evaluation needs it."""

    pk: int
    starts: int  # epoch seconds of 00:00 on valid_from in the organisation's zone
    engine: bt.SlaPolicy | None  # None: a stored record no calculation can use
    codes: dict[int, str]  # priority rank -> the version's priority code
    labels: dict[int, str]  # priority rank -> "P1 Kritisch"


class PolicyVersions:
    """The versions of one SLA policy, ordered by the day they start."""

    def __init__(self, versions: list[VersionTerms]) -> None:
        self.versions = sorted(versions, key=lambda v: v.starts)
        self.starts = np.array([v.starts for v in self.versions], dtype=np.int64)

    @classmethod
    def load(cls, policy: object, zone: ZoneInfo) -> PolicyVersions:
        from vendorwatch.sla.models import BROKEN_RECORD, SlaPolicy

        assert isinstance(policy, SlaPolicy)
        terms = []
        for version in policy.versions.prefetch_related("priorities").select_related("policy"):
            if not version.is_computable:
                continue  # a valid-from day no business means never applies
            priorities = list(version.priorities.all())
            try:
                engine: bt.SlaPolicy | None = version.to_engine()
            except BROKEN_RECORD:
                logger.warning(
                    "SLA version %s cannot be computed; tickets keep no verdict", version
                )
                engine = None
            start = datetime.combine(version.valid_from, time(0), tzinfo=zone)
            terms.append(
                VersionTerms(
                    pk=version.pk,
                    starts=_epoch(start),
                    engine=engine,
                    codes={p.rank: p.code for p in priorities},
                    labels={p.rank: f"{p.code} {p.name}" for p in priorities},
                )
            )
        return cls(terms)

    def locate(self, created: I64) -> I64:
        """Index of the version in force at each creation instant; -1 before the first."""
        return np.searchsorted(self.starts, created, side="right").astype(np.int64) - 1

    def rank_known(self, index: I64, ranks: I64) -> Bools:
        """True where the version in force has a priority of that rank (or there is none)."""
        known = np.ones(index.size, dtype=bool)
        for position, version in enumerate(self.versions):
            rows = index == position
            if rows.any():
                known[rows] = np.isin(ranks[rows], np.array(list(version.codes), dtype=np.int64))
        return known

    def label(self, rank: int) -> str:
        """How a rank reads in the assumptions: the latest version's code and name."""
        for version in reversed(self.versions):
            if rank in version.labels:
                return version.labels[rank]
        return str(rank)


def _epoch(moment: datetime) -> int:
    return int(moment.timestamp())


@dataclass
class Verdicts:
    """Per ticket: version, due instants, business seconds used, verdicts."""

    version_pk: I64  # 0 where no version was in force
    response_due: I64  # MISSING where none
    response_seconds: I64  # MISSING unless the clock stopped (first response recorded)
    response_met: I8
    resolution_due: I64
    resolution_seconds: I64  # MISSING unless resolved
    resolution_met: I8
    response_from_resolution: Bools  # no first response, the resolution counted as one


def evaluate(
    versions: PolicyVersions,
    *,
    ranks: I64,
    created: I64,
    first_response: I64,
    resolved: I64,
    now: datetime,
) -> Verdicts:
    """Our verdicts for tickets whose ranks the version in force knows (checked before)."""
    n = created.size
    result = Verdicts(
        version_pk=np.zeros(n, dtype=np.int64),
        response_due=np.full(n, MISSING, dtype=np.int64),
        response_seconds=np.full(n, MISSING, dtype=np.int64),
        response_met=np.full(n, NONE, dtype=np.int8),
        resolution_due=np.full(n, MISSING, dtype=np.int64),
        resolution_seconds=np.full(n, MISSING, dtype=np.int64),
        resolution_met=np.full(n, NONE, dtype=np.int8),
        response_from_resolution=(first_response == MISSING) & (resolved != MISSING),
    )
    response = np.where(result.response_from_resolution, resolved, first_response)
    index = versions.locate(created)
    for position, version in enumerate(versions.versions):
        rows = np.flatnonzero(index == position)
        if rows.size == 0:
            continue
        result.version_pk[rows] = version.pk
        if version.engine is None:
            continue
        table = np.array([version.codes.get(r, "") for r in range(int(ranks[rows].max()) + 1)])
        codes = table[ranks[rows]]
        outcome = bt.evaluate_columns(
            version.engine, codes, created[rows], now, response[rows], resolved[rows]
        )
        _fill(result, rows, outcome[bt.TargetKind.FIRST_RESPONSE], response[rows], "response")
        _fill(result, rows, outcome[bt.TargetKind.RESOLUTION], resolved[rows], "resolution")
    return result


def _fill(result: Verdicts, rows: I64, column: bt.ColumnResult, stop: I64, kind: str) -> None:
    has = column.has_target
    met = np.full(rows.size, NONE, dtype=np.int8)
    met[column.state == bt.SlaState.MET.value] = MET
    met[column.state == bt.SlaState.BREACHED.value] = BREACHED
    met[~has] = NONE
    stopped = has & (stop != MISSING) & (met != NONE)
    getattr(result, f"{kind}_met")[rows] = met
    getattr(result, f"{kind}_due")[rows] = np.where(has, column.due, MISSING)
    getattr(result, f"{kind}_seconds")[rows] = np.where(stopped, column.elapsed_seconds, MISSING)


def overall(response_met: I8, resolution_met: I8) -> I8:
    """Breached when either is breached, met when both are met, else none yet."""
    both = np.full(response_met.size, NONE, dtype=np.int8)
    both[(response_met == MET) & (resolution_met == MET)] = MET
    both[(response_met == BREACHED) | (resolution_met == BREACHED)] = BREACHED
    return both


def disagrees(size: int, pairs: list[tuple[I8, I8]]) -> Bools:
    """True where a provider verdict and ours (both given) differ, for any (theirs, ours)."""
    result = np.zeros(size, dtype=bool)
    for theirs, ours in pairs:
        result |= (theirs != NONE) & (ours != NONE) & (theirs != ours)
    return result
