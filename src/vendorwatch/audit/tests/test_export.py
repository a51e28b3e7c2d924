"""The filtered list of changes as CSV: semicolons, UTF-8 with a byte order mark, one line per
changed field, and no cell a spreadsheet would run as a formula."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse

from vendorwatch.testing.factory import make_provider

pytestmark = pytest.mark.django_db


def exported(client: Client, **filters: str) -> tuple[bytes, list[list[str]]]:
    response = client.get(reverse("audit-export"), filters)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    raw = b"".join(response.streaming_content)
    return raw, list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))


def test_the_file_opens_in_excel_with_umlauts(client: Client, admin_user) -> None:
    make_provider(name="Müller IT")
    client.force_login(admin_user)
    raw, rows = exported(client, kind="providers.provider")
    assert raw.startswith("\ufeff".encode())
    assert rows[0][:3] == ["Geändert am", "Benutzer", "Über"]
    assert any("Müller IT" in row for row in rows)


def test_each_changed_field_is_a_line_with_before_and_after(client: Client, admin_user) -> None:
    provider = make_provider(name="Brandl IT", city="Augsburg")
    provider.city = "München"
    provider.save()
    client.force_login(admin_user)
    _raw, rows = exported(client, kind="providers.provider", action="update")
    assert len(rows) == 2
    assert rows[1][3:] == [
        "Geändert",
        "Dienstleister",
        "Brandl IT",
        str(provider.pk),
        "Ort",
        "Augsburg",
        "München",
    ]


def test_the_export_follows_the_filters(client: Client, admin_user) -> None:
    make_provider(name="Brandl IT")
    make_provider(name="Huber Systemhaus")
    client.force_login(admin_user)
    _raw, rows = exported(client, q="Huber")
    names = {row[5] for row in rows[1:]}
    assert names == {"Huber Systemhaus"}


def test_a_formula_in_a_value_is_written_as_text(client: Client, admin_user) -> None:
    make_provider(name='=HYPERLINK("http://example.com")')
    client.force_login(admin_user)
    _raw, rows = exported(client, kind="providers.provider")
    cells = [cell for row in rows[1:] for cell in row]
    assert '\'=HYPERLINK("http://example.com")' in cells
    assert not any(cell.startswith("=") for cell in cells)


def test_a_password_change_is_exported_without_a_value(client: Client, admin_user, editor) -> None:
    editor.set_password("ein anderes Kennwort 7")
    editor.save()
    client.force_login(admin_user)
    raw, rows = exported(client, kind="auth.user", action="update")
    assert editor.password.encode() not in raw
    assert ["Passwort", "geändert, Wert nicht angezeigt", "geändert, Wert nicht angezeigt"] in [
        row[7:] for row in rows
    ]
