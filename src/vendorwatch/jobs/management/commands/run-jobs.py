from __future__ import annotations

import gc
import os
import signal
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.urls import get_resolver

from vendorwatch.jobs.heartbeat import Heartbeat
from vendorwatch.jobs.runner import RoundResult, run_loop, run_round


class Command(BaseCommand):
    help = "Run due background jobs (reminders, escalations) and send queued e-mail."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--loop", action="store_true", help="Keep running.")
        parser.add_argument(
            "--interval", type=float, default=30.0, help="Seconds between rounds with --loop."
        )
        parser.add_argument(
            "--parent-pid",
            type=int,
            default=None,
            help="Stop when this process, which started the runner, has ended (used by 'serve').",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        verbose = options["verbosity"] > 1

        def report(result: RoundResult) -> None:
            if verbose or result.ran or result.sent:
                self.stdout.write(
                    f"jobs run: {', '.join(result.ran) or '-'}; e-mails sent: {result.sent}"
                )

        heartbeat = Heartbeat(interval_seconds=options["interval"])
        if not options["loop"]:
            report(run_round(heartbeat))
            return
        stopping = False
        parent = options["parent_pid"]

        def should_stop() -> bool:
            # Once its parent is gone, a process is handed to another one (init).
            orphaned = parent is not None and os.getppid() != parent
            return stopping or orphaned

        def stop(_signum: int, _frame: Any) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        # As in the web server (wsgi.py): what is loaded now lives as long as the runner, out
        # of the garbage collector's sight, so a full collection in the middle of a job (up to
        # a tenth of a second) looks only at what the jobs made. The e-mails need the URLs.
        get_resolver().url_patterns  # noqa: B018
        gc.collect()
        gc.freeze()
        run_loop(
            interval=options["interval"],
            heartbeat=heartbeat,
            should_stop=should_stop,
            report=report,
        )
