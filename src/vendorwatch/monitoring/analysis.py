"""Reading a ticket export into staged rows: the analysis step of an import.

The file is read in chunks of ``CHUNK_ROWS`` rows; each chunk is turned into columns (NumPy
arrays and plain lists), checked, evaluated against the SLA version in force and written as
ExternalTicket rows (which count nowhere until the import is DONE) in a short transaction of
its own, together with the job's progress, before the next chunk is read. So a file of a
million rows never lives in memory as a whole, and SQLite never holds its write lock for long.

A run owns its job through ``attempts``: every write checks that the job is still ANALYSING
with the attempt this run started, so a run whose claim ran out (and whose job another run
started again) stops instead of writing into the new run's rows.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from typing import Any

import numpy as np
import numpy.typing as npt
from django.db import connection, transaction
from django.db.models import F
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.translation import gettext

from vendorwatch.core.businesstime import MISSING
from vendorwatch.jobs.locking import retry_when_locked
from vendorwatch.monitoring import options as f
from vendorwatch.monitoring import presets, reasons, staging
from vendorwatch.monitoring.evaluation import NONE, PolicyVersions, disagrees, evaluate, overall
from vendorwatch.monitoring.instants import ParsedInstants, parse_instants
from vendorwatch.monitoring.models import ExternalTicket, ImportJob, ImportPreset, ImportRejection
from vendorwatch.monitoring.options import ImportOptions
from vendorwatch.monitoring.presets import Preset
from vendorwatch.monitoring.reading import read_table
from vendorwatch.sla.models import organisation_zone

State = ImportJob.State

# A claimed job whose claim ran out was left by a process that died (or hangs); analysis
# renews the claim with every chunk, so this is many chunks' worth of time.
LEASE = timedelta(minutes=2)

CHUNK_ROWS = 50_000
REJECTIONS_KEPT = 10_000  # rejected rows stored (and listed) per import; job.rejected counts all
ID_LENGTH = 100  # longer ticket numbers are rejected
VALUE_LENGTH = 200  # a rejected cell is kept this long
SHORTENED = {f.TITLE: 300, f.CATEGORY: 200, f.STATUS: 100, f.PRIORITY: 100}
PROVIDER_VERDICT_LENGTH = 100
PRIORITIES_LISTED = 50  # distinct priority values named in the assumptions at most


class CannotImport(Exception):
    """The file was read but cannot be imported as it is (a required column is missing)."""


class JobLost(Exception):
    """Another run took the job over (this one's claim had run out): stop writing."""


def chunks(
    rows: Iterator[tuple[int, list[Any]]], size: int
) -> Iterator[tuple[list[int], list[list[Any]]]]:
    """(row numbers, rows) of at most ``size`` rows at a time."""
    numbers: list[int] = []
    cells: list[list[Any]] = []
    for number, row in rows:
        numbers.append(number)
        cells.append(row)
        if len(numbers) >= size:
            yield numbers, cells
            numbers, cells = [], []
    if numbers:
        yield numbers, cells


class ChunkWriter:
    """Writes chunks in threads of their own while the next chunk is read and checked.

    The database does most of the work for a chunk without Python's global lock (SQLite's
    b-trees; PostgreSQL's COPY in a server process of its own), so reading and writing use
    both cores. PostgreSQL gets two writing connections, one server process each: there the
    server's work per row (indexes, foreign keys) is the larger part. SQLite writes one
    transaction at a time anyway. At most one chunk waits while the threads write.

    Inside a transaction (the tests' own) another connection could not even see the job,
    so there is no thread then and each chunk is written at once.
    """

    def __init__(self, *, threads: int) -> None:
        self.queue: queue.Queue[Callable[[], None] | None] = queue.Queue(maxsize=1)
        self.errors: list[BaseException] = []
        self.threads = [
            threading.Thread(target=self._work, name=f"import-writer-{n}", daemon=True)
            for n in range(threads)
        ]
        for thread in self.threads:
            thread.start()

    def _work(self) -> None:
        try:
            while (work := self.queue.get()) is not None:
                try:
                    if not self.errors:  # after a failed chunk the others are not written
                        work()
                except BaseException as error:
                    self.errors.append(error)
                finally:
                    self.queue.task_done()
            self.queue.task_done()
        finally:
            connection.close()  # this thread's own connection

    def submit(self, work: Callable[[], None]) -> None:
        if not self.threads:
            work()
            return
        self._raise()
        self.queue.put(work)

    def wait(self) -> None:
        """Until every chunk handed in is written; raises what writing one raised."""
        self.queue.join()
        self._raise()

    def close(self) -> None:
        """Let the threads finish what they have (its errors are for ``wait``) and end."""
        for _thread in self.threads:
            self.queue.put(None)
        for thread in self.threads:
            thread.join()

    def _raise(self) -> None:
        if self.errors:
            raise self.errors[0]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    return str(value).strip()


def _texts(values: list[Any]) -> list[str]:
    try:
        return [value.strip() for value in values]  # CSV: every cell is a str
    except AttributeError:
        return [_text(value) for value in values]


def _cells(rows: list[list[Any]], index: int) -> list[Any]:
    try:
        return [row[index] for row in rows]
    except IndexError:
        return [row[index] if index < len(row) else None for row in rows]


def _row_total(path: str, kind: str) -> int:
    """Lines of a CSV file (row numbers are lines), sheet rows of an XLSX file; 0: unknown."""
    if kind == "csv":
        count, last = 0, b"\n"
        with open(path, "rb") as handle:
            while block := handle.read(1 << 20):
                count += block.count(b"\n")
                last = block[-1:]
        return count + (last != b"\n")
    try:
        from openpyxl import load_workbook

        book = load_workbook(path, read_only=True)
        try:
            return max((sheet.max_row or 0 for sheet in book.worksheets), default=0)
        finally:
            book.close()
    except Exception:  # only a progress estimate: the reader reports what is wrong
        return 0


def _joined(columns: list[list[str]], size: int) -> list[str]:
    """The provider's verdict cells of a row as one text ("Ja", or "Ja / Nein" for two)."""
    if not columns:
        return [""] * size
    if len(columns) == 1:
        return [text[:PROVIDER_VERDICT_LENGTH] for text in columns[0]]
    return [
        " / ".join(t for t in parts if t)[:PROVIDER_VERDICT_LENGTH]
        for parts in zip(*columns, strict=True)
    ]


def _column_list(headers: list[str]) -> str:
    quoted = gettext("“%(column)s”")
    shown = ", ".join(quoted % {"column": header} for header in headers[:40] if header)
    return shown + (" …" if len(headers) > 40 else "")


class Analysis:
    """One run over the file of a claimed (ANALYSING) job."""

    def __init__(self, job: ImportJob, *, now: datetime) -> None:
        self.job = job
        self.attempt = job.attempts
        self.now = now
        self.rows_read = self.rejected = self.staged = self.disagreements = 0
        self.total = 0
        # Hashes of the ticket ids staged so far (sorted), and the ids that occurred before:
        # only those can have been superseded, so only they are looked at in the end.
        self.seen_hashes = np.zeros(0, dtype=np.int64)
        self.repeated: set[str] = set()
        self.assumptions: list[dict[str, Any]] = []
        self.date_assumptions: list[dict[str, Any]] = []
        self.priority_ranks: dict[str, int] = {}
        self.verdict_cache: dict[str, dict[Any, int]] = {}
        self.shortened: dict[str, int] = {}
        self.from_resolution = False

    # setting up

    def _options(self) -> tuple[ImportOptions, ImportPreset | None]:
        options = ImportOptions.from_json(self.job.options)
        if not options.preset.startswith("saved:"):
            return options, None
        key = options.preset.removeprefix("saved:")
        saved = ImportPreset.objects.filter(pk=int(key)).first() if key.isdigit() else None
        if saved is None:
            raise CannotImport(gettext("The saved format chosen for this import no longer exists."))
        base = ImportOptions.from_json(saved.options)
        merged = ImportOptions(
            preset=base.preset,
            columns={**base.columns, **options.columns},
            date_format=options.date_format or base.date_format,
            time_zone=options.time_zone or base.time_zone,
            priority_map={**base.priority_map, **options.priority_map},
            delimiter=options.delimiter or base.delimiter,
            encoding=options.encoding or base.encoding,
        )
        return merged, saved

    def _preset(
        self, options: ImportOptions, saved: ImportPreset | None, headers: list[str]
    ) -> Preset:
        if saved is not None:
            preset = presets.BUILTIN.get(options.preset) or presets.detect(headers)[0]
            self.job.preset_used = f"saved:{saved.pk}"
            self._assume("preset_chosen", preset=saved.name)
            return preset
        if options.preset == "auto":
            preset = presets.detect(headers)[0]
            self._assume("preset_detected", preset=preset.label)
        elif options.preset in presets.BUILTIN:
            preset = presets.BUILTIN[options.preset]
            self._assume("preset_chosen", preset=preset.label)
        else:
            raise CannotImport(
                gettext("The format “%(preset)s” chosen for this import is not known.")
                % {"preset": options.preset}
            )
        self.job.preset_used = preset.key
        return preset

    def _assume(self, code: str, **params: Any) -> None:
        self.assumptions.append({"code": code, "params": params})

    def run(self) -> None:
        options, saved = self._options()
        known = set(presets.known_headers())
        known |= {presets.normalise(c) for c in options.columns.values() if c}
        chosen = presets.BUILTIN.get(options.preset)
        path = self.job.file.path
        table = read_table(
            path,
            file_name=self.job.file_name,
            encoding=options.encoding,
            delimiter=options.delimiter or (chosen.delimiter if chosen else ""),
            known_headers=sorted(known),
        )
        self.headers = list(table.headers)
        self.preset = self._preset(options, saved, self.headers)
        try:
            self.columns = presets.resolve_columns(self.preset, self.headers, options.columns)
        except presets.UnknownColumn as error:
            raise CannotImport(
                gettext(
                    "The column “%(column)s” chosen for %(field)s is not in the file. "
                    "Its columns are: %(headers)s."
                )
                % {
                    "column": error.column,
                    "field": reasons.FIELD_LABELS.get(error.field, error.field),
                    "headers": _column_list(self.headers),
                }
            ) from error
        self.durations = presets.resolve_durations(self.preset, self.headers, self.columns)
        missing = [name for name in f.REQUIRED if name not in self.columns]
        if missing:
            raise CannotImport(
                gettext("The file has no column for %(fields)s. Its columns are: %(headers)s.")
                % {
                    "fields": ", ".join(str(reasons.FIELD_LABELS[name]) for name in missing),
                    "headers": _column_list(self.headers),
                }
            )
        zone = organisation_zone()
        self.time_zone = options.time_zone or self.preset.time_zone or zone.key
        base_formats = (
            (options.date_format,) if options.date_format else tuple(self.preset.date_formats)
        )
        self.formats = {name: base_formats for name in f.DATE_FIELDS}
        self.user_priorities = options.priority_map
        self.versions = PolicyVersions.load(self.job.sla_policy, zone)
        self.total = _row_total(path, table.kind)
        threads = 0 if connection.in_atomic_block else 2 if connection.vendor == "postgresql" else 1
        self.writer = ChunkWriter(threads=threads)
        try:
            for numbers, rows in chunks(table.rows, CHUNK_ROWS):
                self._chunk(numbers, rows)
            self.writer.wait()
        finally:
            self.writer.close()
        self._finish(table.assumptions)

    # one chunk

    def _instants(self, name: str, values: list[Any]) -> ParsedInstants:
        parsed = parse_instants(
            values,
            field=name,
            formats=self.formats[name],
            time_zone=self.time_zone,
            day_first=self.preset.day_first,
        )
        if parsed.date_format:
            # The rest of the file is read the way its first chunk was recognised.
            pinned = (parsed.date_format, *self.formats[name])
            self.formats[name] = tuple(dict.fromkeys(pinned))
        for item in parsed.assumptions:
            if item not in self.date_assumptions:
                self.date_assumptions.append(item)
        return parsed

    def _ranks(self, texts: list[str]) -> npt.NDArray[np.int64]:
        """Our rank per priority cell, 0 where none; each distinct value is looked up once."""
        known = self.priority_ranks
        for text in set(texts) - known.keys():
            found = presets.map_priority(self.preset, text, self.user_priorities) if text else 0
            known[text] = found if found and found > 0 else 0
        return np.fromiter(map(known.__getitem__, texts), dtype=np.int64, count=len(texts))

    def _verdicts(self, name: str, values: list[Any]) -> npt.NDArray[np.int8]:
        """The provider's verdict per cell: 1 met, 0 missed, -1 none."""
        header = self.headers[self.columns[name]]
        known = self.verdict_cache.setdefault(name, {})
        for value in set(values) - known.keys():
            met = self.preset.verdict(header, value)
            known[value] = NONE if met is None else int(met)
        return np.fromiter(map(known.__getitem__, values), dtype=np.int8, count=len(values))

    def _note_repeats(self, ids: list[str]) -> None:
        """Remember the ids that occurred before in the file (in this chunk or an earlier
        one). Equal ids have equal hashes; a rare equal hash of two different ids only
        makes an id a candidate, which the database then compares exactly."""
        hashes = np.fromiter(map(hash, ids), dtype=np.int64, count=len(ids))
        order = np.argsort(hashes, kind="stable")
        ordered = hashes[order]
        again = np.zeros(hashes.size, dtype=bool)  # an earlier row of this chunk had it
        again[order[1:][ordered[1:] == ordered[:-1]]] = True
        if self.seen_hashes.size:
            position = np.searchsorted(self.seen_hashes, hashes)
            position = np.minimum(position, self.seen_hashes.size - 1)
            again |= self.seen_hashes[position] == hashes
        for index in np.flatnonzero(again).tolist():
            self.repeated.add(ids[index])
        # Sorting two sorted runs is a merge; np.unique/union1d would be ten times slower.
        self.seen_hashes = np.sort(np.concatenate((self.seen_hashes, ordered)), kind="stable")

    def _shorten(self, name: str, values: list[str]) -> list[str]:
        limit = SHORTENED[name]
        if values and max(map(len, values)) > limit:
            self.shortened[name] = limit
            values = [value[:limit] for value in values]
        return values

    def _chunk(self, numbers: list[int], rows: list[list[Any]]) -> None:
        n = len(numbers)
        self.rows_read += n
        bad = np.zeros(n, dtype=bool)
        found: list[tuple[int, str, str, str]] = []

        def reject(mask: npt.NDArray[np.bool_], field: str, code: str, texts: Any = None) -> None:
            new = mask & ~bad
            for i in np.flatnonzero(new).tolist():
                found.append((i, field, code, texts[i][:VALUE_LENGTH] if texts else ""))
            bad[new] = True

        width = np.fromiter(map(len, rows), dtype=np.int64, count=n)
        reject(width <= max(self.columns[name] for name in f.REQUIRED), "", "missing_cells")

        ids = _texts(_cells(rows, self.columns[f.ID]))
        id_length = np.fromiter(map(len, ids), dtype=np.int64, count=n)
        reject(id_length == 0, f.ID, "empty_id")
        reject(id_length > ID_LENGTH, f.ID, "too_long", ids)

        epochs: dict[str, npt.NDArray[np.int64]] = {}
        for name in f.DATE_FIELDS:
            if name not in self.columns:
                continue
            raw = _cells(rows, self.columns[name])
            parsed = self._instants(name, raw)
            epochs[name] = parsed.epoch
            if name == f.CREATED:
                reject((parsed.epoch == MISSING) & (parsed.error == ""), name, "empty_created")
            failed = parsed.error != ""
            if failed.any():
                texts = [_text(value) for value in raw]
                for code in np.unique(parsed.error[failed]).tolist():
                    reject(parsed.error == code, name, code, texts)
        created = epochs[f.CREATED]
        for name, (index, unit) in self.durations.items():
            epochs[name] = self._after_creation(name, created, _cells(rows, index), unit, reject)
        missing = np.full(n, MISSING, dtype=np.int64)
        first_response = epochs.get(f.FIRST_RESPONSE, missing)
        resolved = epochs.get(f.RESOLVED, missing)
        updated = epochs.get(f.UPDATED, missing)

        priority_texts = _texts(_cells(rows, self.columns[f.PRIORITY]))
        ranks = self._ranks(priority_texts)
        empty_priority = np.fromiter(map(len, priority_texts), dtype=np.int64, count=n) == 0
        reject(empty_priority, f.PRIORITY, "empty_priority")
        reject(ranks == 0, f.PRIORITY, "unknown_priority", priority_texts)

        reject(
            (first_response != MISSING) & (first_response < created),
            f.FIRST_RESPONSE,
            "response_before_created",
        )
        reject((resolved != MISSING) & (resolved < created), f.RESOLVED, "resolved_before_created")
        in_force = self.versions.locate(created)
        reject(
            (created != MISSING) & (in_force < 0),
            f.CREATED,
            "before_sla",
            _texts(_cells(rows, self.columns[f.CREATED])),
        )
        known = self.versions.rank_known(in_force, ranks)
        reject(~known, f.PRIORITY, "unknown_priority", priority_texts)

        keep = np.flatnonzero(~bad)
        self._store(
            numbers,
            rows,
            keep,
            found,
            ids,
            priority_texts,
            ranks,
            created,
            first_response,
            resolved,
            updated,
        )

    def _after_creation(
        self,
        name: str,
        created: npt.NDArray[np.int64],
        values: list[Any],
        unit: int,
        reject: Any,
    ) -> npt.NDArray[np.int64]:
        """An instant the file gives as time after creation (Zendesk's minutes)."""
        n = len(values)
        result = np.full(n, MISSING, dtype=np.int64)
        unreadable = np.zeros(n, dtype=bool)
        texts = _texts(values)
        for position, text in enumerate(texts):
            if not text:
                continue
            try:
                amount = float(text.replace(",", "."))
            except ValueError:
                unreadable[position] = True
                continue
            if not np.isfinite(amount) or amount < 0 or amount * unit > 200 * 365 * 86400:
                unreadable[position] = True
                continue
            result[position] = round(amount * unit)
        reject(unreadable, name, "bad_date", texts)
        has = (result != MISSING) & (created != MISSING)
        result[has] += created[has]
        result[~has] = MISSING
        return result

    def _store(
        self,
        numbers: list[int],
        rows: list[list[Any]],
        keep_array: npt.NDArray[np.int64],
        found: list[tuple[int, str, str, str]],
        ids: list[str],
        priority_texts: list[str],
        ranks: npt.NDArray[np.int64],
        created: npt.NDArray[np.int64],
        first_response: npt.NDArray[np.int64],
        resolved: npt.NDArray[np.int64],
        updated: npt.NDArray[np.int64],
    ) -> None:
        # Written in order of creation: the database's index on it then grows in runs.
        keep_array = keep_array[np.argsort(created[keep_array], kind="stable")]
        keep = keep_array.tolist()
        m = len(keep)
        kept_rows = [rows[i] for i in keep]
        verdicts = evaluate(
            self.versions,
            ranks=ranks[keep_array],
            created=created[keep_array],
            first_response=first_response[keep_array],
            resolved=resolved[keep_array],
            now=self.now,
        )
        self.from_resolution |= bool(verdicts.response_from_resolution.any())
        ours = {
            f.SLA_MET: overall(verdicts.response_met, verdicts.resolution_met),
            f.RESPONSE_MET: verdicts.response_met,
            f.RESOLUTION_MET: verdicts.resolution_met,
        }
        theirs: dict[str, npt.NDArray[np.int8]] = {}
        verdict_texts: list[list[str]] = []
        for name in f.VERDICT_FIELDS:
            if name in self.columns:
                kept = _cells(kept_rows, self.columns[name])
                theirs[name] = self._verdicts(name, kept)
                verdict_texts.append(_texts(kept))
        differs = disagrees(m, [(theirs[name], ours[name]) for name in theirs])
        self.disagreements += int(differs.sum())
        none = np.full(m, NONE, dtype=np.int8)
        kept_ids = [ids[i] for i in keep]
        self._note_repeats(kept_ids)

        def texts_of(name: str) -> list[str]:
            if name not in self.columns:
                return [""] * m
            return self._shorten(name, _texts(_cells(kept_rows, self.columns[name])))

        columns: dict[str, Any] = {
            "provider_id": [self.job.provider_id] * m,
            "job_id": [self.job.pk] * m,
            "current": [True] * m,
            "row": [numbers[i] for i in keep],
            "ticket_id": kept_ids,
            "title": texts_of(f.TITLE),
            "category": texts_of(f.CATEGORY),
            "status": texts_of(f.STATUS),
            "priority_value": self._shorten(f.PRIORITY, [priority_texts[i] for i in keep]),
            "priority_rank": ranks[keep_array].tolist(),
            "created": staging.instants(created[keep_array]),
            "first_response": staging.instants(first_response[keep_array]),
            "resolved": staging.instants(resolved[keep_array]),
            "updated": staging.instants(updated[keep_array]),
            "sla_version_id": [pk or None for pk in verdicts.version_pk.tolist()],
            "response_due": staging.instants(verdicts.response_due),
            "response_seconds": staging.optional_ints(verdicts.response_seconds),
            "response_met": staging.verdicts(verdicts.response_met),
            "resolution_due": staging.instants(verdicts.resolution_due),
            "resolution_seconds": staging.optional_ints(verdicts.resolution_seconds),
            "resolution_met": staging.verdicts(verdicts.resolution_met),
            "provider_met": staging.verdicts(theirs.get(f.SLA_MET, none)),
            "provider_response_met": staging.verdicts(theirs.get(f.RESPONSE_MET, none)),
            "provider_resolution_met": staging.verdicts(theirs.get(f.RESOLUTION_MET, none)),
            "provider_verdict": _joined(verdict_texts, m),
            "disagrees": differs.tolist(),
        }
        found.sort()
        room = max(0, REJECTIONS_KEPT - min(self.rejected, REJECTIONS_KEPT))
        rejections = [
            ImportRejection(
                job_id=self.job.pk, row=numbers[i], field=field, reason=code, value=value
            )
            for i, field, code, value in found[:room]
        ]
        self.rejected += len(found)
        self.staged += m
        done = numbers[-1]
        self.total = max(self.total, done)

        def store() -> None:
            with transaction.atomic():
                staging.check_constraints_now()
                staging.insert_tickets(columns)
                ImportRejection.objects.bulk_create(rejections, batch_size=1000)
                # Last, so that the job's row is locked only for a moment (two writers); a
                # run that lost its job rolls its chunk back here.
                if not ImportJob.objects.filter(
                    pk=self.job.pk, state=State.ANALYSING, attempts=self.attempt
                ).update(
                    progress_done=Greatest(F("progress_done"), done),
                    progress_total=Greatest(F("progress_total"), self.total),
                    claimed_until=timezone.now() + LEASE,
                ):
                    raise JobLost
                staging.check_constraints_at_commit()

        self.writer.submit(lambda: retry_when_locked(store, what=f"import {self.job.pk}"))

    # the end

    def _finish(self, reader_assumptions: list[dict[str, Any]]) -> None:
        if self.rows_read == 0:
            raise CannotImport(gettext("The file holds column names but no tickets."))
        # Statistics first: the table has just grown by the whole file, and the look-ups of
        # the repeated ticket ids below need the index on (job, ticket id).
        staging.refresh_statistics()
        superseded = 0
        if self.repeated:
            superseded = retry_when_locked(
                lambda: self._atomic(
                    lambda: staging.drop_superseded(self.job.pk, sorted(self.repeated))
                ),
                what=f"import {self.job.pk}",
            )
        if superseded:
            self.disagreements = ExternalTicket.objects.filter(
                job_id=self.job.pk, disagrees=True
            ).count()
        staged = self.staged - superseded
        known, outdated = staging.count_known(self.job.pk, self.job.provider_id, State.DONE)
        fields = {
            "state": State.PREVIEW,
            "preset_used": self.job.preset_used,
            "assumptions": self._all_assumptions(reader_assumptions),
            "rows_read": self.rows_read,
            "imported": staged - known,
            "updated": known - outdated,
            "outdated": outdated,
            "superseded": superseded,
            "rejected": self.rejected,
            "disagreements": self.disagreements,
            "progress_done": self.total,
            "progress_total": self.total,
            "claimed_until": None,
        }
        if not retry_when_locked(
            lambda: ImportJob.objects.filter(
                pk=self.job.pk, state=State.ANALYSING, attempts=self.attempt
            ).update(**fields),
            what=f"import {self.job.pk}",
        ):
            raise JobLost

    @staticmethod
    def _atomic(work: Any) -> Any:
        with transaction.atomic():
            return work()

    def _all_assumptions(self, reader_assumptions: list[dict[str, Any]]) -> list[dict[str, Any]]:
        result = list(self.assumptions[:1])
        result += reader_assumptions
        for name in f.FIELDS:
            if name in self.columns:
                result.append(
                    {
                        "code": "column",
                        "params": {"field": name, "column": self.headers[self.columns[name]]},
                    }
                )
            elif name in self.durations:
                column = self.headers[self.durations[name][0]]
                result.append({"code": "column", "params": {"field": name, "column": column}})
        result += self.date_assumptions
        mapped = sorted((rank, text) for text, rank in self.priority_ranks.items() if rank and text)
        for rank, text in mapped[:PRIORITIES_LISTED]:
            result.append(
                {
                    "code": "priority",
                    "params": {"value": text, "priority": self.versions.label(rank)},
                }
            )
        for name, limit in self.shortened.items():
            result.append({"code": "truncated", "params": {"field": name, "length": limit}})
        if self.from_resolution:
            result.append({"code": "response_from_resolution", "params": {}})
        result.append({"code": "no_pauses", "params": {}})
        return result
