"""The new-policy form in a real browser: every cell of the impact × urgency grid shows its
priority at 1280 px, the grid fits or scrolls with a hint on a phone, a typed date comes back."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from vendorwatch.sla.models import BusinessCalendar, SlaPolicy
from vendorwatch.testing.browser import CheckedPage, login_in_browser
from vendorwatch.testing.factory import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
URL = "/expectations/sla/new/"

# Per select of the grid: does its text fit, which text it shows, and how wide that text is
# next to the room the select leaves for it (its width less its padding and arrow).
GRID_SELECTS = """() => Array.from(document.querySelectorAll("table.priority-matrix select"))
  .map(select => {
    const style = getComputedStyle(select);
    const context = document.createElement("canvas").getContext("2d");
    context.font = style.font;
    const text = select.options[select.selectedIndex].text.trim();
    const room = select.clientWidth - parseFloat(style.paddingLeft)
      - parseFloat(style.paddingRight);
    return {name: select.name, scrollWidth: select.scrollWidth, clientWidth: select.clientWidth,
            text: text, textWidth: context.measureText(text).width, room: room};
  })"""
# Every header and cell of the grid within the window and within the box it scrolls in.
GRID_OUTSIDE = """() => {
  const table = document.querySelector("table.priority-matrix");
  const box = table.closest(".table-wrap").getBoundingClientRect();
  const right = Math.min(window.innerWidth, box.right) + 1;
  return Array.from(table.querySelectorAll("th, td"))
    .filter(cell => cell.getBoundingClientRect().right > right
                    || cell.getBoundingClientRect().left < box.left - 1)
    .map(cell => cell.textContent.trim().slice(0, 30));
}"""
PHONE_GRID = """() => {
  const table = document.querySelector("table.priority-matrix");
  const wrap = table.closest(".table-wrap");
  const hint = wrap.previousElementSibling;
  return {
    fits: table.getBoundingClientRect().width <= wrap.clientWidth + 1,
    scrolls: getComputedStyle(wrap).overflowX === "auto" && wrap.scrollWidth > wrap.clientWidth,
    hintShown: !!hint && hint.classList.contains("scroll-hint") && !hint.hidden
      && hint.offsetParent !== null && hint.textContent.trim() !== "",
  };
}"""


def test_every_cell_of_the_grid_shows_its_priority_at_1280_px(page: CheckedPage, editor) -> None:
    BusinessCalendar.objects.create(name="Büro")
    login_in_browser(page, editor.username, PASSWORD)
    page.goto(URL)
    selects = page.evaluate(GRID_SELECTS)
    assert len(selects) == 9
    for select in selects:
        assert select["text"], select
        assert select["scrollWidth"] <= select["clientWidth"] + 1, select
        assert select["textWidth"] <= select["room"] + 1, select
    assert page.evaluate(GRID_OUTSIDE) == []
    expect(page.get_by_role("columnheader", name="Dringlichkeit: mittel")).to_be_visible()
    expect(page.get_by_role("rowheader", name="Ausmaß: hoch")).to_be_visible()
    cell = page.get_by_label("Priorität bei Ausmaß hoch und Dringlichkeit mittel")
    expect(cell).to_have_value("P2")


def test_on_a_phone_the_grid_fits_or_scrolls_with_a_hint(page: CheckedPage, editor) -> None:
    BusinessCalendar.objects.create(name="Büro")
    page.set_viewport_size({"width": 375, "height": 740})
    login_in_browser(page, editor.username, PASSWORD)
    page.goto(URL)
    grid = page.evaluate(PHONE_GRID)
    assert grid["fits"] or (grid["scrolls"] and grid["hintShown"]), grid
    for select in page.evaluate(GRID_SELECTS):
        assert select["text"] and select["textWidth"] <= select["room"] + 1, select


def test_a_date_typed_the_german_way_is_kept_and_shown_back(page: CheckedPage, editor) -> None:
    BusinessCalendar.objects.create(name="Büro")
    login_in_browser(page, editor.username, PASSWORD)
    page.goto(URL)
    valid_from = page.get_by_label("Gültig ab")
    valid_from.fill("03.12.2026")
    # Without a name the page comes back with a message, and the date as it was typed.
    page.submit(page.get_by_role("button", name="Speichern"))
    expect(page.get_by_role("alert").first).to_contain_text("Bitte korrigieren")
    expect(valid_from).to_have_value("03.12.2026")
    page.locator("#id_policy-name").fill("SLA Systemhaus")
    page.submit(page.get_by_role("button", name="Speichern"))
    version = SlaPolicy.objects.get().versions.get()
    assert version.valid_from.isoformat() == "2026-12-03"
    facts = page.locator("dl.facts").last
    expect(facts).to_contain_text("03.12.2026")
