"""Helpers for the browser tests: Debian's Chromium driven by Playwright, checked by axe-core."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
AXE_SOURCE = Path(__file__).parent / "assets" / "axe.min.js"
# The background-networking flags keep Chromium from calling home on a closed network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
BLOCKING_IMPACTS = {"serious", "critical"}
# Tables wider than their box whose hint that they scroll sideways is not shown.
CUT_TABLES = """() => Array.from(document.querySelectorAll("main table")).filter(table => {
    const box = table.closest(".table-wrap") || table.parentElement;
    if (table.getBoundingClientRect().width <= box.clientWidth + 1) { return false; }
    const hint = box.previousElementSibling;
    return !(hint && hint.classList.contains("scroll-hint") && hint.offsetParent !== null);
}).map(table => (table.querySelector("caption, th") || table).textContent.trim().slice(0, 40))"""


def chromium_path() -> str | None:
    configured = os.environ.get("VENDORWATCH_CHROMIUM")
    if configured:
        return configured if Path(configured).exists() else None
    for candidate in CHROMIUM_CANDIDATES:
        if Path(candidate).exists():
            return candidate
    found = shutil.which("chromium")
    return found


@dataclass
class PageWatch:
    """What happened in a page that a test must not let pass: CSP violations, script errors."""

    problems: list[str] = field(default_factory=list)
    visited: list[str] = field(default_factory=list)
    checked: set[str] = field(default_factory=set)

    def attach(self, page: Any) -> None:
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.problems.append(f"script error: {error}"))
        page.on(
            "framenavigated",
            lambda frame: frame == page.main_frame and self.visited.append(frame.url),
        )

    def _on_console(self, message: Any) -> None:
        text = message.text
        if message.type == "error" and ("Content Security Policy" in text or "Refused to" in text):
            self.problems.append(f"CSP: {text}")


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """Run axe-core in the page and return the serious and critical violations."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol, which the page's CSP does not restrict.
        page.evaluate(AXE_SOURCE.read_text(encoding="utf-8"))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [v for v in result["violations"] if v.get("impact") in BLOCKING_IMPACTS]


def format_violations(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        targets = [", ".join(node["target"]) for node in violation["nodes"][:5]]
        lines.append(f"{violation['impact']}: {violation['id']} – {violation['help']} {targets}")
    return "\n".join(lines)


class CheckedPage:
    """A Playwright page whose every visited page is checked with axe-core."""

    def __init__(self, page: Any, base_url: str, watch: PageWatch) -> None:
        self.page = page
        self.base_url = base_url
        self.watch = watch
        # Off only where a test checks the layout of pages axe-core has already checked.
        self.with_axe = True

    def goto(self, path: str) -> Any:
        response = self.page.goto(self.base_url + path)
        self.check()
        return response

    def check(self) -> None:
        """Check the page now shown: wait for it to settle, then axe-core."""
        self.page.wait_for_load_state("load")
        url = self.page.url
        if self.with_axe:
            violations = axe_violations(self.page)
            problems = format_violations(violations)
            assert not violations, f"accessibility problems on {url}:\n{problems}"
        overflow = self.page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 1, f"{url} is {overflow}px wider than the window"
        cut = self.page.evaluate(CUT_TABLES)
        assert not cut, f"{url}: tables cut off without a visible scroll hint: {cut}"
        self.watch.checked.add(url)

    def submit(self, button: Any) -> None:
        """Click a button that sends a form answered with a new page; wait for that page (so
        the database holds what was sent before the test looks at it), then check it."""
        with self.page.expect_navigation():
            button.click()
        self.check()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.page, name)


def login_in_browser(page: CheckedPage, username: str, password: str) -> None:
    page.goto("/login/")
    page.get_by_label("Benutzername").fill(username)
    page.get_by_label("Passwort").fill(password)
    page.get_by_role("button", name="Anmelden").click()
    page.check()
