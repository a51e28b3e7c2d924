"""Every page reachable from the dashboard, with the demo company's data, in German and in
English: no words of the other language, no raw codes, no placeholders left unfilled."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import polib
import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import models
from django.test import Client

from vendorwatch.expectations.units import unit_after
from vendorwatch.testing.crawl import crawl, read_page
from vendorwatch.web.i18n import catalogue_path

pytestmark = pytest.mark.django_db

PLACEHOLDERS = re.compile(
    r"%\(\w+\)[sdf]|%[sd]\b|\{\w*\}|\{\{|\{%|\b(?:None|True|False|nan)\b|\[\w+\]"
)
# German and English both write a colon right after the word.
SPACE_BEFORE_COLON = re.compile(r"\w\s+:(?!\d)")
# Proper names that read as English words.
NAMES = re.compile(
    r"New York|Microsoft 365|ISO/IEC 27001"
    r"|(?:Afrika|Africa|Amerika|America|Asien|Asia|Atlantik|Atlantic|Australien|Australia|Europa"
    r"|Europe|Pazifik|Pacific|Indischer Ozean|Indian Ocean|Antarktis|Antarctica|Arktis|Arctic)"
    r" – [\w .'–-]+"
)
# Quoted words are the user's or the provider's own ("in the export: „Ja“").
QUOTED = re.compile(r"[„“\"][^“”\"]*[“”\"]")
# A code where a name belongs: "in_progress", "DE-BY", "(public)".
RAW_CODES = re.compile(
    r"\b[a-z]+(?:_[a-z0-9]+)+\b|\bDE-[A-Z]{2}\b|\((?:public|bank|school)\)"
    r"|\b(?:Europe|America|Asia|Africa|Australia|Pacific|Atlantic|Indian)/[A-Za-z_]+"
)
ENGLISH_WORDS = re.compile(
    r"\b(?:the|and|with|your|please|save|edit|delete|cancel|add|new|show|open|closed|due|"
    r"overdue|breached|yes|no|required|provider|contract|invoice|report|settings|"
    r"search|back|next|previous|page|of|hours|days|months|years|since|until|from|to|"
    r"business|working|minutes|week|weeks|month|year|day|hour|not|none|all|this|that|"
    r"must|can|may|has|have|is|are|were|on|at|by|for)\b",
    re.IGNORECASE,
)
GERMAN_WORDS = re.compile(
    r"\b(?:und|der|die|das|nicht|für|mit|bitte|speichern|bearbeiten|löschen|abbrechen|"
    r"zurück|neu|anzeigen|vertrag|verträge|rechnung|rechnungen|dienstleister|einstellungen|"
    r"geschlossen|offen|fällig|überfällig|tage|monate|jahre|stunden|std|seit|bis|von|ist|"
    r"sind|wird|keine|kein|ja|nein|arbeitstage?|monatsende|vorgang|vorgänge|ihr|ihre|"
    r"pflichtfeld|übersicht|anmelden|abmelden|kündigung|frist|fristen)\b",
    re.IGNORECASE,
)


# Columns that hold codes, never the users' words: a page must name what they mean.
CODE_COLUMNS = {"time_zone", "holiday_region", "holiday_categories", "region", "status", "kind"}


@pytest.fixture(scope="module")
def translations() -> dict[str, str]:
    """Each German text of the catalogue that differs from its English original."""
    catalogue = polib.pofile(str(catalogue_path("de")))
    pairs = {}
    for entry in catalogue.translated_entries():
        if entry.msgid_plural:
            for index, text in entry.msgstr_plural.items():
                original = entry.msgid if int(index) == 0 else entry.msgid_plural
                pairs[original] = text
        else:
            pairs[entry.msgid] = entry.msgstr
    return {k: v for k, v in pairs.items() if k != v and "%" not in k and "{" not in k}


def data_pattern() -> re.Pattern[str]:
    """The texts the users typed (the demo company's records): they are in the users' own
    language and are left out of the scan."""
    values: set[str] = set()
    for model in apps.get_models():
        fields = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField | models.EmailField)
            and not f.choices
            and f.name not in CODE_COLUMNS
        ]
        if not fields or model._meta.app_label in ("sessions", "axes", "contenttypes"):
            continue
        for row in model.objects.values_list(*fields):
            for value in row:
                for part in str(value or "").splitlines():
                    part = " ".join(part.split())
                    if len(part) > 2:
                        values.add(part)
                        # A unit the user typed is shown in the singular after "1".
                        values.add(unit_after(1, part))
    ordered = sorted(values, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(v) for v in ordered) + r")(?!\w)")


@pytest.fixture
def demo_pages(settings: Any, tmp_path: Any, admin_user: Any) -> Iterator[Any]:
    settings.DATA_DIR = tmp_path
    call_command("demo")
    yield admin_user


def pages_in(language: str, user: Any) -> list[tuple[str, list[str]]]:
    client = Client()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    def fetch(path: str) -> str | None:
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            return None
        return response.content.decode()

    return [(path, read_page(html)[1]) for path, html in crawl(fetch)]


def findings(
    pages: list[tuple[str, list[str]]],
    typed: re.Pattern[str],
    foreign_words: re.Pattern[str],
    foreign_texts: set[str],
) -> list[str]:
    found = []
    for path, texts in pages:
        for text in texts:
            own = NAMES.sub(" ", QUOTED.sub(" ", typed.sub(" ", text)))
            for pattern, kind in (
                (PLACEHOLDERS, "placeholder"),
                (RAW_CODES, "raw code"),
                (foreign_words, "foreign word"),
            ):
                # A word in capitals is a code the page explains ("AT" for Austria), no word.
                for match in pattern.finditer(own):
                    if kind != "foreign word" or not match.group(0).isupper():
                        found.append(f"{path}: {kind} {match.group(0)!r} in {text[:120]!r}")
                        break
            if SPACE_BEFORE_COLON.search(text):
                found.append(f"{path}: space before a colon in {text[:120]!r}")
            if own.strip() in foreign_texts:
                found.append(f"{path}: untranslated {text[:120]!r}")
    return found


def test_the_scan_finds_a_raw_code_among_the_users_words() -> None:
    typed = re.compile(r"(?<!\w)Brandl(?!\w)")
    pages = [("/x/", ["Brandl: Feiertage DE-BY (public)"])]
    assert len(findings(pages, typed, ENGLISH_WORDS, set())) == 1


def test_the_crawl_reaches_the_pages_of_every_part(demo_pages: Any) -> None:
    paths = [path for path, _texts in pages_in("de", demo_pages)]
    parts = ("/problems/", "/contracts/", "/expectations/", "/settings/", "/providers/")
    for prefix in (*parts, "/meetings/", "/actions/"):
        assert any(path.startswith(prefix) for path in paths), prefix
    assert len(paths) > 60


def test_german_pages_show_no_english(demo_pages: Any, translations: dict[str, str]) -> None:
    typed = data_pattern()
    english = {k for k in translations if len(k) > 3}
    found = findings(pages_in("de", demo_pages), typed, ENGLISH_WORDS, english)
    assert not found, "\n".join(found)


def test_english_pages_show_no_german(demo_pages: Any, translations: dict[str, str]) -> None:
    typed = data_pattern()
    originals = {k.casefold() for k in translations}
    german = {v for v in translations.values() if len(v) > 3 and v.casefold() not in originals}
    found = findings(pages_in("en", demo_pages), typed, GERMAN_WORDS, german)
    assert not found, "\n".join(found)
