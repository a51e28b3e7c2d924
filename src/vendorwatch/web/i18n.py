"""Translation catalogues: compile them, check them for gaps, keep the English one filled.

Compiling uses polib, so a machine without GNU gettext can still run Vendorwatch; finding new
strings in the code needs xgettext (Debian package ``gettext``), as Django's makemessages does.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import polib

PACKAGE_DIR = Path(__file__).resolve().parent.parent
LOCALE_DIR = PACKAGE_DIR / "locale"
LANGUAGES = ("de", "en")
MAKEMESSAGES_ARGS = ["--no-obsolete", "--add-location=file", "--no-wrap"]


@dataclass(frozen=True)
class Gap:
    language: str
    msgid: str
    reason: str

    def __str__(self) -> str:
        return f"[{self.language}] {self.reason}: {self.msgid!r}"


def catalogue_path(language: str, locale_dir: Path = LOCALE_DIR) -> Path:
    return locale_dir / language / "LC_MESSAGES" / "django.po"


def gaps_in(language: str, catalogue: polib.POFile) -> list[Gap]:
    gaps = []
    if catalogue.metadata_is_fuzzy:
        gaps.append(Gap(language, "(catalogue header)", "fuzzy"))
    for entry in catalogue:
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:
            gaps.append(Gap(language, entry.msgid, "fuzzy"))
        elif not entry.translated():
            gaps.append(Gap(language, entry.msgid, "untranslated"))
    return gaps


def committed_gaps(locale_dir: Path = LOCALE_DIR) -> list[Gap]:
    gaps: list[Gap] = []
    for language in LANGUAGES:
        path = catalogue_path(language, locale_dir)
        if not path.exists():
            gaps.append(Gap(language, str(path), "catalogue missing"))
            continue
        gaps.extend(gaps_in(language, polib.pofile(str(path))))
    return gaps


def compile_catalogues(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    written = []
    for language in LANGUAGES:
        path = catalogue_path(language, locale_dir)
        mo_path = path.with_suffix(".mo")
        polib.pofile(str(path)).save_as_mofile(str(mo_path))
        written.append(mo_path)
    return written


def _makemessages(package_dir: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    command = [sys.executable, "-m", "django", "makemessages"]
    for language in LANGUAGES:
        command += ["-l", language]
    subprocess.run(
        command + MAKEMESSAGES_ARGS, cwd=package_dir, env=env, check=True, capture_output=True
    )


def extraction_gaps() -> list[Gap]:
    """Strings in the code that the committed catalogues lack or leave untranslated."""
    if shutil.which("xgettext") is None:
        raise RuntimeError("xgettext not found: install the gettext package")
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "vendorwatch"
        shutil.copytree(
            PACKAGE_DIR, copy, ignore=shutil.ignore_patterns("__pycache__", "static", "*.mo")
        )
        _makemessages(copy)
        return committed_gaps(copy / "locale")


def fill_english(catalogue: polib.POFile) -> int:
    """The source strings are English: the English catalogue translates each to itself."""
    filled = 0
    for entry in catalogue:
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
            entry.msgstr = ""
            entry.msgstr_plural = {}
        if entry.msgid_plural:
            if not all(entry.msgstr_plural.values()) or not entry.msgstr_plural:
                entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
                filled += 1
        elif not entry.msgstr:
            entry.msgstr = entry.msgid
            filled += 1
    return filled


def update_catalogues() -> int:
    """Extract strings into the committed catalogues and fill the English one."""
    _makemessages(PACKAGE_DIR)
    filled = 0
    for language in LANGUAGES:
        path = catalogue_path(language)
        catalogue = polib.pofile(str(path))
        # makemessages marks a new header fuzzy; ours is maintained, not a draft.
        catalogue.metadata_is_fuzzy = False
        if language == "en":
            filled = fill_english(catalogue)
        catalogue.save(str(path))
    return filled
