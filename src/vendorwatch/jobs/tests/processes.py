"""Vendorwatch as real processes on their own SQLite data directory, for tests of what happens
between processes and files: restarts, crashes, backups and restores."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

DATABASE = "vendorwatch.sqlite3"
MAIN = "from vendorwatch.cli import main; main()"


class Installation:
    def __init__(self, data_dir: Path, smtp_port: int | None = None) -> None:
        self.data_dir = data_dir
        self.env = {
            key: value
            for key, value in os.environ.items()
            if key not in ("DATABASE_URL",) and not key.startswith("VENDORWATCH_")
        }
        self.env["VENDORWATCH_DATA_DIR"] = str(data_dir)
        self.env["VENDORWATCH_EMAIL_URL"] = (
            f"smtp://127.0.0.1:{smtp_port}?timeout=5" if smtp_port else "console://"
        )

    @property
    def database(self) -> Path:
        return self.data_dir / DATABASE

    def command(self, *args: str) -> list[str]:
        return [sys.executable, "-c", MAIN, *args]

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            self.command(*args),
            env=self.env,
            capture_output=True,
            text=True,
            check=check,
            timeout=120,
        )

    def start(self, *args: str, **options: Any) -> subprocess.Popen[str]:
        return subprocess.Popen(self.command(*args), env=self.env, text=True, **options)

    def python(self, code: str) -> subprocess.CompletedProcess[str]:
        """Run Django code in a process of its own (`vendorwatch shell -c`)."""
        return self.run("shell", "-c", code)

    def enqueue(self, *subjects: str) -> None:
        lines = ["from vendorwatch.jobs.outbox import outbox_enqueue"]
        lines += [
            f"outbox_enqueue(to=['office@example.com'], subject={s!r}, body='Text')"
            for s in subjects
        ]
        self.python("\n".join(lines))


def copy_template(template: Path, data_dir: Path) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    for item in template.iterdir():
        if item.is_file():
            shutil.copy2(item, data_dir / item.name)
