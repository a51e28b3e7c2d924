"""What the monitoring commands share: wrong arguments end with status 1, in the user's words.

argparse ends with status 2 and an English complaint; for ``import-tickets`` status 2 means
"the file could not be read", so both commands use this parser instead.
"""

from __future__ import annotations

import re
import sys
from typing import NoReturn

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext

WRONG_ARGUMENTS = 1


def argument_problem(message: str) -> str:
    """argparse's (English) complaint about the arguments, said in the user's words."""
    patterns = (
        (
            r"the following arguments are required: (?P<value>.+)",
            gettext("Please give %(value)s."),
        ),
        (r"unrecognized arguments: (?P<value>.+)", gettext("Unknown arguments: %(value)s.")),
        (
            r"argument (?P<value>\S+?)(/\S+)?: expected one argument",
            gettext("%(value)s needs a value."),
        ),
        (
            r"ambiguous option: (?P<value>\S+?)(=\S*)? could match .*",
            gettext("%(value)s is not clear: write the option in full."),
        ),
    )
    for pattern, text in patterns:
        found = re.fullmatch(pattern, message)
        if found:
            return text % {"value": found["value"]}
    return gettext("The arguments are not right: %(problem)s") % {"problem": message}


class Parser(CommandParser):
    """Wrong arguments end with status 1, said in the user's language, with the usage."""

    def error(self, message: str) -> NoReturn:
        problem = argument_problem(message)
        if not self.called_from_command_line:
            raise CommandError(problem, returncode=WRONG_ARGUMENTS)
        usage = self.format_usage().strip()
        if usage.startswith("usage: "):
            usage = gettext("Usage: %(usage)s") % {"usage": usage.removeprefix("usage: ")}
        line = gettext("Error: %(problem)s") % {"problem": problem}
        sys.stderr.write(f"{usage}\n{line}\n")
        sys.exit(WRONG_ARGUMENTS)
