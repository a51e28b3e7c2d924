"""Demo data: a realistic small company, Müller Metallbau GmbH, and its IT provider.

Every part of the product adds its own demo data in a ``demo.py`` module of its app, with a
function decorated by :func:`loader`. Loaders run in ``order`` and must be idempotent (they look
records up by natural keys and create only what is missing), so loading twice changes nothing.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.utils.module_loading import autodiscover_modules


@dataclass
class DemoContext:
    """Shared between loaders: what earlier loaders created, for later ones to refer to."""

    objects: dict[str, Any] = field(default_factory=dict)
    messages: list[str] = field(default_factory=list)


Loader = Callable[[DemoContext], None]
_LOADERS: list[tuple[int, str, Loader]] = []


def loader(order: int) -> Callable[[Loader], Loader]:
    def register(function: Loader) -> Loader:
        name = f"{function.__module__}.{function.__qualname__}"
        if name not in {registered for _order, registered, _f in _LOADERS}:
            _LOADERS.append((order, name, function))
        return function

    return register


def loaders() -> list[tuple[int, str, Loader]]:
    autodiscover_modules("demo")
    return sorted(_LOADERS, key=lambda item: (item[0], item[1]))


def load_demo() -> DemoContext:
    """Load all demo data in one transaction: either everything is there or nothing changed."""
    context = DemoContext()
    with transaction.atomic():
        for _order, _name, function in loaders():
            function(context)
    return context


def reset_product_data() -> None:
    """Delete the records of every product part (not user accounts), e.g. before a new demo."""
    with transaction.atomic():
        models = [
            model
            for config in apps.get_app_configs()
            if config.name.startswith("vendorwatch.") and config.label != "accounts"
            for model in config.get_models()
        ]
        # Repeat until nothing is left, so that protected foreign keys resolve in any order.
        for _attempt in range(len(models) + 1):
            remaining = False
            for model in models:
                try:
                    with transaction.atomic():
                        model._default_manager.all().delete()
                except Exception:  # ProtectedError or IntegrityError: try again in the next round
                    remaining = True
            if not remaining:
                return
        raise RuntimeError("demo reset: some records could not be deleted")


def demo_password_file() -> Path:
    return Path(settings.DATA_DIR) / "demo-credentials.txt"


def demo_admin_password() -> str:
    """The demo administrator's password: made up once, kept in the data directory."""
    path = demo_password_file()
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    password = secrets.token_urlsafe(12)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(password + "\n", encoding="utf-8")
    path.chmod(0o600)
    return password
