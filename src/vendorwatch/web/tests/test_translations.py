"""The German and English catalogues are complete: no string untranslated, none fuzzy."""

import os
import shutil

import pytest

from vendorwatch.web import i18n


def test_committed_catalogues_have_no_gaps() -> None:
    assert [str(gap) for gap in i18n.committed_gaps()] == []


def test_every_string_in_the_code_is_in_the_catalogues() -> None:
    if shutil.which("xgettext") is None:
        if os.environ.get("CI"):
            pytest.fail("xgettext missing: install gettext")
        pytest.skip("xgettext missing (apt-get install gettext): extraction not checked")
    assert [str(gap) for gap in i18n.extraction_gaps()] == []


def test_fill_english_copies_the_source_string() -> None:
    import polib

    catalogue = polib.POFile()
    catalogue.append(polib.POEntry(msgid="Contracts", msgstr=""))
    i18n.fill_english(catalogue)
    assert catalogue[0].msgstr == "Contracts"


def test_a_fuzzy_entry_counts_as_a_gap() -> None:
    import polib

    catalogue = polib.POFile()
    catalogue.append(polib.POEntry(msgid="Exit", msgstr="Ausgang", flags=["fuzzy"]))
    assert [gap.reason for gap in i18n.gaps_in("de", catalogue)] == ["fuzzy"]


def test_a_fuzzy_catalogue_header_counts_as_a_gap() -> None:
    import polib

    catalogue = polib.POFile()
    catalogue.metadata_is_fuzzy = True
    assert [gap.reason for gap in i18n.gaps_in("de", catalogue)] == ["fuzzy"]
