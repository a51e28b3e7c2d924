"""Every upload field takes a file only when its content is what its ending says, and stores
it under a random name (web.uploads: validate_upload_kind, random_name)."""

import io
import re
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from PIL import Image

from vendorwatch.web.uploads import (
    CONTENT_CHECKS,
    display_name,
    random_name,
    validate_upload_kind,
)

EVERY_KIND = sorted(CONTENT_CHECKS)


def picture(kind: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, kind)
    return buffer.getvalue()


def archive(*names: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as written:
        for name in names:
            written.writestr(name, "x")
    return buffer.getvalue()


EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48
GENUINE = {
    ".pdf": picture("PDF"),
    ".png": picture("PNG"),
    ".jpg": picture("JPEG"),
    ".jpeg": picture("JPEG"),
    ".gif": picture("GIF"),
    ".zip": archive("protokoll.txt"),
    ".txt": "Grüße aus dem Büro\r\n".encode("cp1252"),
    ".log": "2026-03-02 09:00 Dienst „Mail“ gestartet\n".encode(),
    ".csv": "Ticket;Betreff\n4711;Drucker\n".encode("utf-8-sig"),
    ".tsv": "Ticket\tBetreff\n4711\tDrucker\n".encode("utf-16"),
    ".eml": b"From: helpdesk@example.com\r\nSubject: Ticket 4711\r\n\tfolded\r\n\r\nText",
    ".xlsx": archive("[Content_Types].xml", "xl/workbook.xml"),
}
DISGUISED = {
    "a picture renamed .pdf": ("rechnung.pdf", picture("PNG")),
    "a PDF renamed .png": ("screenshot.png", picture("PDF")),
    "a program renamed .zip": ("logs.zip", EXE),
    "a program renamed .jpg": ("foto.jpg", EXE),
    "a web page renamed .txt": ("log.txt", b"\n<!DOCTYPE html><html><script>x()</script>"),
    "a script renamed .log": ("server.log", b"<script>alert(1)</script>"),
    "a picture with scripts renamed .csv": ("export.csv", b'<svg onload="x()"></svg>'),
    "binary data renamed .csv": ("export.csv", b"Ticket;\x00\x01\x02"),
    "a plain text renamed .eml": ("antwort.eml", b"Hallo,\n\nanbei die Antwort.\n"),
    "any archive renamed .xlsx": ("tickets.xlsx", archive("tickets.csv")),
    "a CSV file renamed .xlsx": ("tickets.xlsx", b"Ticket;Betreff\n4711;Drucker\n"),
    "an old Excel file renamed .xlsx": ("tickets.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"),
}


def test_every_kind_has_a_genuine_sample() -> None:
    assert sorted(GENUINE) == EVERY_KIND


@pytest.mark.parametrize("suffix", EVERY_KIND)
def test_a_genuine_file_is_accepted(suffix: str) -> None:
    upload = SimpleUploadedFile(f"Datei{suffix.upper()}", GENUINE[suffix])
    assert validate_upload_kind(upload, EVERY_KIND) == suffix


@pytest.mark.parametrize(("name", "content"), DISGUISED.values(), ids=DISGUISED.keys())
def test_a_file_whose_content_does_not_match_its_ending_is_refused(name, content) -> None:
    with pytest.raises(ValidationError) as refused:
        validate_upload_kind(SimpleUploadedFile(name, content), EVERY_KIND)
    assert refused.value.code == "file_content"


def test_the_refusal_names_the_ending_in_the_users_language(settings) -> None:
    settings.LANGUAGE_CODE = "de"
    with pytest.raises(ValidationError) as refused:
        validate_upload_kind(SimpleUploadedFile("a.pdf", picture("PNG")), [".pdf"])
    assert refused.value.messages[0].startswith(
        "Der Inhalt der Datei passt nicht zu ihrer Endung (.pdf)."
    )


def test_an_ending_the_field_does_not_take_is_refused_before_the_content() -> None:
    with pytest.raises(ValidationError) as refused:
        validate_upload_kind(SimpleUploadedFile("a.png", picture("PNG")), [".pdf"])
    assert refused.value.code == "file_kind"


def test_the_file_can_be_read_from_the_start_after_the_check() -> None:
    upload = SimpleUploadedFile("a.txt", GENUINE[".txt"])
    validate_upload_kind(upload, [".txt"])
    assert upload.read() == GENUINE[".txt"]


def test_a_large_upload_on_disk_is_checked_to_its_end() -> None:
    upload = TemporaryUploadedFile("gross.txt", "text/plain", 0, None)
    upload.write(b"Zeile\n" * 50_000 + b"\x00")
    upload.size = upload.tell()
    with upload, pytest.raises(ValidationError):
        validate_upload_kind(upload, [".txt"])


@pytest.mark.parametrize(
    "name", ["../../x.pdf", "/etc/x.pdf", "..\\..\\x.pdf", "x\x00.pdf", "Vertrag Müller.PDF"]
)
def test_the_stored_name_is_random_and_stays_in_its_folder(name: str) -> None:
    stored = random_name("documents/contracts/7", name)
    assert re.fullmatch(r"documents/contracts/7/[0-9a-f]{32}\.pdf", stored)


def test_an_ending_with_odd_characters_is_dropped_from_the_stored_name() -> None:
    assert re.fullmatch(r"x/[0-9a-f]{32}", random_name("x", "a.p;df"))


def test_two_uploads_of_the_same_name_get_different_names() -> None:
    assert random_name("x", "a.pdf") != random_name("x", "a.pdf")


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("../../Vertrag.pdf", "Vertrag.pdf"),
        ("C:\\Users\\a\\Log.txt", "Log.txt"),
        ("a\x00b.txt", "ab.txt"),
    ],
)
def test_the_name_shown_keeps_no_folder_and_no_unprintable_character(name, shown) -> None:
    assert display_name(name) == shown
