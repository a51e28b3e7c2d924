"""Round trip: backup → restore into an empty installation → the same data.

    python reliability/roundtrip.py

On SQLite and on PostgreSQL (databases ``<name>_reliability_source`` and
``<name>_reliability_target`` beside PG_URL's, made and dropped here): an installation with
the demo company and an uploaded file, ``vendorwatch backup FILE``, then ``vendorwatch
restore FILE`` into a new installation (its own data folder and empty database).
``vendorwatch dumpdata`` of both must be identical, and so must the uploaded files
(SHA-256 of each). Prints identical yes/no per database; exit status 1 otherwise.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (
    drop_database,
    fresh_database,
    in_django,
    installation,
    pg_reachable,
    set_up,
    vendorwatch,
    verdict,
)

UPLOAD = """
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from vendorwatch.problems.models import Problem
from vendorwatch.problems.services import attachment_add
problem = Problem.objects.order_by("pk").first()
upload = SimpleUploadedFile("protokoll.txt", "Zeile 1\\nZeile 2 äöü\\n".encode(), "text/plain")
attachment_add(problem=problem, upload=upload, user=get_user_model().objects.get(username="admin"))
result = problem.pk
"""


def dump(env: dict[str, str]) -> list[dict[str, Any]]:
    out = vendorwatch(env, "dumpdata", "--indent", "0").stdout
    records: list[dict[str, Any]] = json.loads(out)
    return records


def files(data_dir: Path) -> dict[str, str]:
    media = data_dir / "media"
    return {
        str(path.relative_to(media)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(media.rglob("*"))
        if path.is_file()
    }


def differences(before: list[dict[str, Any]], after: list[dict[str, Any]]) -> list[str]:
    """Per model: records only before, only after, or changed."""
    keyed_before = {(r["model"], json.dumps(r.get("pk"))): r for r in before}
    keyed_after = {(r["model"], json.dumps(r.get("pk"))): r for r in after}
    found: Counter[str] = Counter()
    for key in keyed_before.keys() | keyed_after.keys():
        if keyed_before.get(key) != keyed_after.get(key):
            what = (
                "missing"
                if key not in keyed_after
                else "new"
                if key not in keyed_before
                else "changed"
            )
            found[f"{key[0]} {what}"] += 1
    return [f"{name} ×{count}" for name, count in sorted(found.items())]


def round_trip(label: str, work: Path, source_url: str, target_url: str) -> bool:
    print(f"== round trip on {label} ==", flush=True)
    started = time.monotonic()
    source = installation(work / f"{label}-source", source_url, production=False)
    set_up(source)
    in_django(source, UPLOAD)
    archive = work / f"{label}.tar.gz"
    vendorwatch(source, "backup", str(archive))
    target = installation(work / f"{label}-target", target_url, production=False)
    vendorwatch(target, "restore", str(archive))
    before, after = dump(source), dump(target)
    files_before, files_after = files(work / f"{label}-source"), files(work / f"{label}-target")
    same_data = before == after
    same_files = files_before == files_after
    print(
        f"  {len(before):,} records in {len({r['model'] for r in before})} models,"
        f" {len(files_before)} uploaded files, archive {archive.stat().st_size / 1e6:.1f} MB,"
        f" {time.monotonic() - started:.0f} s"
    )
    print(f"  dumpdata identical: {'yes' if same_data else 'no'}")
    for line in differences(before, after)[:30]:
        print(f"    differs: {line}")
    print(f"  uploaded files identical: {'yes' if same_files else 'no'}")
    ok = same_data and same_files and bool(before)
    print(f"  {verdict(ok)}")
    return ok


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="vendorwatch-reliability-roundtrip-"))
    oks = []
    try:
        oks.append(round_trip("SQLite", work, "", ""))
        if pg_reachable():
            source, target = fresh_database("source"), fresh_database("target")
            oks.append(round_trip("PostgreSQL", work, source, target))
        else:
            print("PostgreSQL is not reachable (PG_URL): its round trip was not run  FAILED")
            oks.append(False)
    finally:
        drop_database("source")
        drop_database("target")
        shutil.rmtree(work, ignore_errors=True)
    return 0 if all(oks) else 1


if __name__ == "__main__":
    sys.exit(main())
