"""The ``vendorwatch`` command: Django's manage.py with Vendorwatch's settings.

Vendorwatch's own commands: ``serve``, ``demo``, ``createadmin``, ``translations``; all of
Django's (``migrate``, ``check --deploy``, ...) work too. ``vendorwatch help`` lists them.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vendorwatch.settings")
    from django.core.management import execute_from_command_line

    from vendorwatch.config import ConfigError

    try:
        execute_from_command_line(["vendorwatch", *(sys.argv[1:] if argv is None else argv)])
    except ConfigError as error:
        # A setting the operator must fix: one clear line, not a traceback.
        print(f"Vendorwatch cannot start: {error}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
