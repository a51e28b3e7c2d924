"""Step 1's tables in a real browser: they fit at 1280 px, their actions work by keyboard, the
responsibility grid saves each cell in place, and on a phone it scrolls with a visible hint."""

from __future__ import annotations

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from vendorwatch.expectations.models import Party, Responsibility, Service, Task
from vendorwatch.expectations.services import raci_add_starter
from vendorwatch.testing.browser import CheckedPage, login_in_browser
from vendorwatch.testing.factory import PASSWORD, make_provider

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# How far each table's wrapper would have to scroll, and whether its hint is shown.
TABLE_FIT = """(selector) => {
    const table = document.querySelector(selector);
    const wrap = table.closest(".table-wrap");
    const hint = wrap.previousElementSibling;
    return {
        overflow: wrap.scrollWidth - wrap.clientWidth,
        hint: !!(hint && hint.classList.contains("scroll-hint") && hint.offsetParent !== null),
    };
}"""
# A visible focus: an outline or a focus ring drawn as a box shadow.
FOCUS_SHOWN = """() => {
    const style = getComputedStyle(document.activeElement);
    return style.outlineStyle !== "none" || style.boxShadow !== "none";
}"""


def _services() -> None:
    provider = make_provider(name="Brandl IT-Systemhaus GmbH")
    rows = [
        ("Arbeitsplatzbetreuung", "28", "Arbeitsplätze", "45.00"),
        ("Datensicherung und Wiederherstellungstests", "1", "Pauschale", "1234.50"),
        ("Ein- und Austritt von Mitarbeitenden", "1", "Vorgänge", None),
    ]
    for name, quantity, unit, price in rows:
        Service.objects.create(
            name=name,
            scope="Tägliche Sicherung, Kopie außer Haus, vierteljährlicher Test mit Protokoll.",
            provider=provider,
            contracted=True,
            quantity=Decimal(quantity),
            unit=unit,
            price=Decimal(price) if price else None,
            availability_target=Decimal("99.5"),
        )
    Service.objects.create(name="Sicherheitsschulung", needed=True, unit="Teilnehmende")


def test_the_services_table_fits_at_1280_px_and_its_actions_work_by_keyboard(
    page: CheckedPage, editor
) -> None:
    _services()
    login_in_browser(page, editor.username, PASSWORD)
    page.goto("/expectations/services/")
    assert page.evaluate(TABLE_FIT, "table.services")["overflow"] <= 0
    page.get_by_role("link", name="Arbeitsplatzbetreuung bearbeiten").focus()
    page.keyboard.press("Tab")
    delete = page.get_by_role("link", name="Arbeitsplatzbetreuung löschen")
    expect(delete).to_be_focused()
    expect(delete).to_be_in_viewport()
    assert page.evaluate(FOCUS_SHOWN)
    page.keyboard.press("Enter")
    page.wait_for_url("**/delete/")
    page.check()
    expect(page.get_by_role("heading", level=1)).to_contain_text("löschen")


def test_the_services_table_shows_the_total_of_a_price_per_unit(page: CheckedPage, editor) -> None:
    _services()
    login_in_browser(page, editor.username, PASSWORD)
    page.goto("/expectations/services/")
    row = page.get_by_role("row", name="Arbeitsplatzbetreuung")
    expect(row).to_contain_text("28 Arbeitsplätze")
    expect(row).to_contain_text("1.260,00")
    expect(row).to_contain_text("28 × 45,00")
    expect(page.get_by_role("row", name="Ein- und Austritt")).to_contain_text("1 Vorgang")


def test_a_price_typed_as_germans_write_it_is_shown_back_the_same_way(
    page: CheckedPage, editor
) -> None:
    login_in_browser(page, editor.username, PASSWORD)
    page.goto("/expectations/services/new/")
    page.get_by_label("Name").fill("Serverbetrieb")
    page.get_by_label("Menge").fill("2")
    page.get_by_label("Preis je Einheit (EUR)").fill("1.234,50")
    page.submit(page.get_by_role("button", name="Speichern"))
    expect(page.get_by_role("row", name="Serverbetrieb")).to_contain_text("2.469,00")
    page.get_by_role("link", name="Serverbetrieb bearbeiten").click()
    page.check()
    expect(page.get_by_label("Preis je Einheit (EUR)")).to_have_value("1.234,50")


def _grid() -> tuple[Task, Party]:
    raci_add_starter(language="de")
    provider = make_provider(name="Brandl IT-Systemhaus GmbH")
    Party.objects.filter(side=Party.Side.PROVIDER).update(provider=provider)
    task = Task.objects.get(starter_key="report-problem")
    return task, Party.objects.get(starter_key="provider-account")


def test_the_raci_grid_fits_at_1280_px_and_its_last_column_works_by_keyboard(
    page: CheckedPage, editor
) -> None:
    _task, last = _grid()  # the provider's account manager: the grid's last column
    login_in_browser(page, editor.username, PASSWORD)
    page.goto("/expectations/responsibilities/")
    assert page.evaluate(TABLE_FIT, "table.raci")["overflow"] <= 0
    page.get_by_role("link", name=f"{last.name} bearbeiten").focus()
    page.keyboard.press("Tab")
    delete = page.get_by_role("link", name=f"{last.name} löschen")
    expect(delete).to_be_focused()
    expect(delete).to_be_in_viewport()
    assert page.evaluate(FOCUS_SHOWN)
    # The last column's cells are in view too, not cut off at the page's edge.
    expect(page.get_by_label(f"Störung melden – {last.name}")).to_be_in_viewport()


def test_a_raci_cell_saves_in_place_says_so_and_keeps_its_value(page: CheckedPage, editor) -> None:
    task, party = _grid()
    login_in_browser(page, editor.username, PASSWORD)
    page.goto("/expectations/responsibilities/")
    expect(page.get_by_role("button", name="Speichern")).to_have_count(0)
    page.evaluate("window.notReloaded = true")
    select = page.get_by_label(f"{task.title} – {party.name}")
    select.focus()
    select.select_option("C")
    cell = page.locator(f"#cell-{task.pk}-{party.pk}")
    expect(cell).to_contain_text("Gespeichert ✓")
    expect(page.get_by_role("status").filter(has_text="Gespeichert:")).to_have_text(
        f"Gespeichert: {task.title} – {party.name}: C"
    )
    expect(page.get_by_label(f"{task.title} – {party.name}")).to_be_focused()
    assert page.evaluate("window.notReloaded") is True
    page.check()
    assert Responsibility.objects.get(task=task, party=party).kind == "C"
    page.reload()
    page.check()
    expect(page.get_by_label(f"{task.title} – {party.name}")).to_have_value("C")
    expect(page.locator(".cell-saved")).to_have_count(0)


def test_only_the_cell_saved_last_says_saved(page: CheckedPage, editor) -> None:
    task, party = _grid()
    other = Task.objects.get(starter_key="fix-problem")
    login_in_browser(page, editor.username, PASSWORD)
    page.goto("/expectations/responsibilities/")
    page.get_by_label(f"{task.title} – {party.name}").select_option("I")
    expect(page.locator(f"#cell-{task.pk}-{party.pk}")).to_contain_text("Gespeichert")
    page.get_by_label(f"{other.title} – {party.name}").select_option("I")
    expect(page.locator(f"#cell-{other.pk}-{party.pk}")).to_contain_text("Gespeichert")
    expect(page.locator(".cell-saved")).to_have_count(1)


def test_a_refused_raci_cell_says_why_in_the_cell(page: CheckedPage, editor) -> None:
    task, party = _grid()
    office = Party.objects.get(starter_key="office")
    Responsibility.objects.create(task=task, party=office, kind="A")
    login_in_browser(page, editor.username, PASSWORD)
    page.goto("/expectations/responsibilities/")
    page.get_by_label(f"{task.title} – {party.name}").select_option("A")
    cell = page.locator(f"#cell-{task.pk}-{party.pk}")
    expect(cell.get_by_role("alert")).to_contain_text("hat bereits ein A")
    expect(page.get_by_label(f"{task.title} – {party.name}")).to_have_value("")
    page.check()


def test_a_raci_cell_says_when_saving_failed(page: CheckedPage, editor) -> None:
    task, party = _grid()
    login_in_browser(page, editor.username, PASSWORD)
    page.goto("/expectations/responsibilities/")
    page.route("**/responsibilities/cell/**", lambda route: route.fulfill(status=500, body=""))
    page.get_by_label(f"{task.title} – {party.name}").select_option("R")
    cell = page.locator(f"#cell-{task.pk}-{party.pk}")
    expect(cell.get_by_role("alert")).to_have_text(
        "Nicht gespeichert. Bitte versuchen Sie es noch einmal oder laden Sie die Seite neu."
    )
    expect(cell.locator(".cell-saved")).to_have_count(0)
    page.check()


def test_on_a_phone_the_raci_grid_scrolls_with_a_visible_hint(page: CheckedPage, editor) -> None:
    _grid()
    login_in_browser(page, editor.username, PASSWORD)
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto("/expectations/responsibilities/")
    fit = page.evaluate(TABLE_FIT, "table.raci")
    assert fit["overflow"] > 0
    assert fit["hint"]
    expect(page.locator(".scroll-hint").first).to_be_visible()


def test_the_requirement_form_in_sections_saves_a_note_shown_in_the_list(
    page: CheckedPage, editor
) -> None:
    make_provider(name="Brandl IT-Systemhaus GmbH")
    login_in_browser(page, editor.username, PASSWORD)
    page.goto("/expectations/requirements/new/")
    expect(page.get_by_role("group", name="Die Anforderung")).to_be_visible()
    page.get_by_label("Titel").fill("Tägliche Datensicherung")
    page.get_by_label("Abnahmekriterium").fill("Protokoll jeden Morgen")
    page.get_by_label("Beschreibung").fill("Auch der Laptop der Chefin")
    page.get_by_text("Mit dem Dienstleister vereinbart").click()
    page.get_by_label("Mit Brandl IT-Systemhaus GmbH vereinbart am").fill("12.02.2026")
    page.submit(page.get_by_role("button", name="Speichern"))
    row = page.get_by_role("row", name="Tägliche Datensicherung")
    expect(row).to_contain_text("Auch der Laptop der Chefin")
    expect(row).to_contain_text("mit Brandl IT-Systemhaus GmbH am 12.02.2026")
    expect(page.get_by_text("1 Anforderung", exact=True)).to_be_visible()
