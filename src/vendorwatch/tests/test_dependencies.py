"""A production install (requirements.lock) holds everything the application imports and none
of the tools only development and the tests need (requirements-dev.lock adds those)."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from collections.abc import Iterator
from functools import cache
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1]  # src/vendorwatch
ROOT = PACKAGE.parents[1]
RUNTIME_LOCK = ROOT / "requirements.lock"
DEV_LOCK = ROOT / "requirements-dev.lock"
# Test runners, browser driver, fuzzers, linters, type checkers, security scanners, the mail
# server of the tests and the peers the benchmarks compare against.
DEV_ONLY = [
    "pytest",
    "pytest-django",
    "pytest-xdist",
    "playwright",
    "hypothesis",
    "time-machine",
    "mypy",
    "ruff",
    "django-stubs",
    "schemathesis",
    "bandit",
    "pip-audit",
    "aiosmtpd",
    "django-import-export",
    "businesstimedelta",
]


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pinned(lock: Path) -> dict[str, str]:
    """``{distribution: version}`` of the lines ``name==version`` (comments and ``-r`` aside)."""
    pins = {}
    for line in lock.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line and not line.startswith("-"):
            name, _sep, version = line.partition("==")
            pins[canonical(name)] = version.strip()
    return pins


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(node: ast.AST) -> Iterator[str]:
    """Top-level names of the modules imported at run time (``if TYPE_CHECKING:`` blocks are
    read only by the type checker)."""
    if isinstance(node, ast.If) and _is_type_checking(node.test):
        children: list[ast.AST] = list(node.orelse)
    else:
        children = list(ast.iter_child_nodes(node))
    if isinstance(node, ast.Import):
        yield from (alias.name.split(".")[0] for alias in node.names)
    elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
        yield node.module.split(".")[0]
    for child in children:
        yield from _imports(child)


@cache
def application_imports() -> dict[str, list[str]]:
    """``{third-party module: [files importing it]}`` for the application outside its tests
    (``tests/``) and test helpers (``testing/``)."""
    found: dict[str, list[str]] = {}
    ignored = {*sys.stdlib_module_names, "vendorwatch", "__future__"}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).parts
        if "tests" in parts or "testing" in parts:
            continue
        for module in set(_imports(ast.parse(path.read_text(), str(path)))) - ignored:
            found.setdefault(module, []).append(str(path.relative_to(ROOT)))
    return found


def test_the_application_imports_third_party_modules_at_all() -> None:
    assert {"django", "rest_framework", "puremagic"} <= set(application_imports())


def unpinned(modules: dict[str, list[str]]) -> dict[str, tuple[list[str], list[str]]]:
    """The modules no distribution of requirements.lock provides, with who uses them."""
    distributions = packages_distributions()
    runtime = pinned(RUNTIME_LOCK)
    missing = {}
    for module, users in modules.items():
        names = [canonical(name) for name in distributions.get(module, [])]
        if not any(name in runtime for name in names):
            missing[module] = (names or ["(not installed)"], users[:3])
    return missing


def test_every_module_the_application_imports_is_pinned_for_production() -> None:
    assert unpinned(application_imports()) == {}


def test_every_app_and_middleware_in_the_settings_is_pinned_for_production(settings) -> None:
    dotted = [*settings.INSTALLED_APPS, *settings.MIDDLEWARE, *settings.AUTHENTICATION_BACKENDS]
    modules: dict[str, list[str]] = {}
    for path in dotted:
        top = path.split(".")[0]
        if top not in sys.stdlib_module_names and top not in {"django", "vendorwatch"}:
            modules.setdefault(top, []).append(path)
    assert "whitenoise" in modules
    assert unpinned(modules) == {}


@pytest.mark.parametrize("tool", DEV_ONLY)
def test_no_development_tool_is_pinned_for_production(tool: str) -> None:
    assert tool not in pinned(RUNTIME_LOCK)


@pytest.mark.parametrize("tool", DEV_ONLY)
def test_every_development_tool_is_pinned_for_development(tool: str) -> None:
    assert tool in pinned(DEV_LOCK)


def test_the_development_set_includes_the_production_set() -> None:
    lines = [line.strip() for line in DEV_LOCK.read_text().splitlines()]
    assert "-r requirements.lock" in lines


def test_the_development_set_pins_no_runtime_package_a_second_time() -> None:
    assert set(pinned(RUNTIME_LOCK)) & set(pinned(DEV_LOCK)) == set()


def test_every_pin_is_an_exact_version() -> None:
    pins = {**pinned(RUNTIME_LOCK), **pinned(DEV_LOCK)}
    assert [name for name, version in pins.items() if not version] == []


def test_the_projects_dependencies_are_in_the_production_set() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    runtime = pinned(RUNTIME_LOCK)
    direct = [
        canonical(re.split(r"[\s\[<>=!~;]", spec, maxsplit=1)[0])
        for spec in project["dependencies"]
    ]
    assert [name for name in direct if name not in runtime] == []


def test_the_projects_development_extras_stay_out_of_the_production_set() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    runtime = pinned(RUNTIME_LOCK)
    dev = project["optional-dependencies"]["dev"]
    names = [canonical(re.split(r"[\s\[<>=!~;]", spec, maxsplit=1)[0]) for spec in dev]
    assert [name for name in names if name in runtime] == []
