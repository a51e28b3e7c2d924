"""The cost chart in Chromium: the image loads under the page's Content-Security-Policy, and
opened on its own its labels stay inside the picture."""

from datetime import date
from typing import Any

import pytest

from vendorwatch.contracts.tests.factory import add_line, make_contract, make_invoice
from vendorwatch.testing.browser import PageWatch, login_in_browser
from vendorwatch.testing.factory import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


COUNT_BAR_PIXELS = """img => {
  const canvas = document.createElement('canvas');
  canvas.width = img.naturalWidth; canvas.height = img.naturalHeight;
  const context = canvas.getContext('2d');
  context.drawImage(img, 0, 0);
  const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
  let count = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (Math.abs(data[i] - 0x1f) < 8 && Math.abs(data[i + 1] - 0x5f) < 8
        && Math.abs(data[i + 2] - 0x99) < 8) count++;
  }
  return count;
}"""


def large_december() -> None:
    contract = make_contract()
    invoice = make_invoice(contract, invoice_date=date(2026, 12, 3))
    add_line(invoice, None, "12345678.90", qty="3")  # 37.037.036,70 € in December
    add_line(make_invoice(contract, number="RE-2", invoice_date=date(2026, 2, 3)), None, "980")


def test_the_cost_chart_image_loads_under_the_pages_policy(page, viewer) -> None:
    large_december()
    login_in_browser(page, viewer.username, PASSWORD)
    page.goto("/contracts/costs/?year=2026")
    chart = page.locator("figure img.chart")
    chart.evaluate("img => img.decode()")
    assert chart.evaluate("img => img.naturalWidth") > 0
    assert chart.get_attribute("alt").startswith("Pro Monat berechnet in 2026")
    # Drawn with its own styles: the February bar is blue (without them, shapes turn black).
    assert chart.evaluate(COUNT_BAR_PIXELS) > 100
    # CSP violations in the page (or the image) end the test through the page fixture.


def test_the_cost_chart_fits_a_narrow_screen(page, viewer) -> None:
    large_december()
    page.set_viewport_size({"width": 375, "height": 800})
    login_in_browser(page, viewer.username, PASSWORD)
    page.goto("/contracts/costs/?year=2026")  # checked: no sideways scrolling
    box = page.locator("figure img.chart").bounding_box()
    assert box is not None and box["width"] <= 375


def test_the_cost_chart_opened_on_its_own_keeps_its_labels_inside(
    page, browser: Any, viewer
) -> None:
    large_december()
    login_in_browser(page, viewer.username, PASSWORD)
    # A second tab with the same log-in opens the chart's address as a document of its own
    # (an SVG document, which the accessibility check for HTML pages does not apply to).
    context = browser.new_context(storage_state=page.context.storage_state())
    try:
        raw = context.new_page()
        watch = PageWatch()
        watch.attach(raw)
        raw.goto(page.base_url + "/contracts/costs/chart.svg?year=2026")
        # Its own styles are applied: the text is in DejaVu Sans (or the sans-serif fallback).
        family = raw.evaluate("getComputedStyle(document.querySelector('text')).fontFamily")
        assert "DejaVu Sans" in family
        # Measured by the browser after every rotation: each label lies within the picture.
        boxes = raw.evaluate(
            "() => { const svg = document.documentElement.getBoundingClientRect();"
            " return [...document.querySelectorAll('text')].map(t => {"
            " const b = t.getBoundingClientRect();"
            " return [t.textContent, b.left - svg.left, b.right - svg.left,"
            " b.top - svg.top, b.bottom - svg.top, svg.width, svg.height]; }); }"
        )
        texts = [box[0] for box in boxes]
        assert "50.000.000,00\xa0€" in texts
        assert "37.037.036,70\xa0€" in texts
        for text, left, right, top, bottom, width, height in boxes:
            assert left >= 0 and right <= width and top >= 0 and bottom <= height, text
        assert not watch.problems, watch.problems
    finally:
        context.close()
