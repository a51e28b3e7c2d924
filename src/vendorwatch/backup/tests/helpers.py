"""What the backup tests share: the command line in a process of its own (a second, new
installation), archives written member by member (to damage them on purpose), checksums."""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from django.db import connection


def run_vendorwatch(
    *args: str, data_dir: Path, database_url: str = "", settings_module: str = ""
) -> subprocess.CompletedProcess[str]:
    """``vendorwatch ARGS`` of another installation: its own data folder and database."""
    return _run(
        [sys.executable, "-m", "vendorwatch.cli", *args], data_dir, database_url, settings_module
    )


def run_commands(
    *commands: list[str], data_dir: Path, database_url: str = ""
) -> subprocess.CompletedProcess[str]:
    """Several ``vendorwatch`` commands, one after the other, in one process of another
    installation (one start of Django instead of one per command)."""
    code = (
        "import django, sys\n"
        "django.setup()\n"
        "from django.core.management import call_command\n"
        f"for command in {commands!r}:\n"
        "    call_command(*command)\n"
    )
    return _run([sys.executable, "-c", code], data_dir, database_url, "vendorwatch.settings")


def _run(
    command: list[str], data_dir: Path, database_url: str, settings_module: str
) -> subprocess.CompletedProcess[str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")
        and not key.startswith("VENDORWATCH_")
    }
    env["VENDORWATCH_DATA_DIR"] = str(data_dir)
    env["VENDORWATCH_LANGUAGE"] = "en"
    if database_url:
        env["DATABASE_URL"] = database_url
    if settings_module:
        env["DJANGO_SETTINGS_MODULE"] = settings_module
    return subprocess.run(
        command,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def postgres_url(name: str) -> str:
    settings = connection.settings_dict
    user = quote(settings["USER"] or "", safe="")
    password = f":{quote(settings['PASSWORD'], safe='')}" if settings["PASSWORD"] else ""
    host = settings["HOST"] or "127.0.0.1"
    port = f":{settings['PORT']}" if settings["PORT"] else ""
    return f"postgres://{user}{password}@{host}{port}/{name}"


def checksums(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@dataclass
class Entry:
    """A member of a hand-made archive: a file, or a link to ``link_to``."""

    name: str
    data: bytes = b""
    link_to: str = ""


def write_tar(path: Path, manifest: dict[str, Any] | None, entries: list[Entry]) -> Path:
    with tarfile.open(path, "w:gz") as tar:
        if manifest is not None:
            entries = [Entry("manifest.json", json.dumps(manifest).encode()), *entries]
        for entry in entries:
            info = tarfile.TarInfo(entry.name)
            if entry.link_to:
                info.type = tarfile.SYMTYPE
                info.linkname = entry.link_to
                tar.addfile(info)
            else:
                info.size = len(entry.data)
                tar.addfile(info, io.BytesIO(entry.data))
    return path


def read_tar(path: Path) -> tuple[dict[str, Any], list[Entry]]:
    with tarfile.open(path) as tar:
        entries = []
        for info in tar.getmembers():
            source = tar.extractfile(info)
            assert source is not None
            entries.append(Entry(info.name, source.read()))
    manifest = json.loads(entries[0].data)
    return manifest, entries[1:]
