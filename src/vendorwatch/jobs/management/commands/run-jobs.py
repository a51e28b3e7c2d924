from __future__ import annotations

import signal
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections

from vendorwatch.jobs.outbox import outbox_send_due
from vendorwatch.jobs.registry import run_due_jobs


class Command(BaseCommand):
    help = "Run due background jobs (reminders, escalations) and send queued e-mail."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--loop", action="store_true", help="Keep running.")
        parser.add_argument(
            "--interval", type=float, default=30.0, help="Seconds between rounds with --loop."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        stopping = False

        def stop(_signum: int, _frame: Any) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        while True:
            close_old_connections()
            ran = run_due_jobs()
            sent = outbox_send_due()
            if options["verbosity"] > 1 or ran or sent:
                self.stdout.write(f"jobs run: {', '.join(ran) or '-'}; e-mails sent: {sent}")
            if not options["loop"] or stopping:
                return
            deadline = time.monotonic() + options["interval"]
            while not stopping and time.monotonic() < deadline:
                time.sleep(0.5)
            if stopping:
                return
