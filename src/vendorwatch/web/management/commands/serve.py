from __future__ import annotations

import os
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import connections

from vendorwatch.jobs.supervisor import RunnerSupervisor


def runner_command() -> list[str]:
    """`vendorwatch run-jobs --loop` with this interpreter, whatever the PATH says."""
    main = "from vendorwatch.cli import main; main()"
    return [sys.executable, "-c", main, "run-jobs", "--loop", "--parent-pid", str(os.getpid())]


class Command(BaseCommand):
    help = "Serve Vendorwatch with gunicorn (production-grade WSGI server)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default=os.environ.get("VENDORWATCH_HOST", "127.0.0.1"))
        parser.add_argument(
            "--port", type=int, default=int(os.environ.get("VENDORWATCH_PORT", "8000"))
        )
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("VENDORWATCH_WORKERS", "2"))
        )
        parser.add_argument("--threads", type=int, default=4)
        parser.add_argument(
            "--no-jobs",
            action="store_true",
            help="Do not start the background job runner (run 'vendorwatch run-jobs --loop').",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from gunicorn.app.base import BaseApplication

        from vendorwatch.wsgi import application

        bind = f"{options['host']}:{options['port']}"

        class Server(BaseApplication):  # type: ignore[misc]
            def load_config(self) -> None:
                self.cfg.set("bind", bind)
                self.cfg.set("workers", options["workers"])
                self.cfg.set("threads", options["threads"])
                self.cfg.set("accesslog", "-")
                self.cfg.set("proc_name", "vendorwatch")

            def load(self) -> Any:
                return application

        # The workers are forked: none of them may inherit this process's database connection.
        connections.close_all()
        supervisor = None
        if not options["no_jobs"]:
            # Reminders, escalations and e-mail run beside the web server, no extra service;
            # a runner that dies is started again, so they never stop silently.
            supervisor = RunnerSupervisor(runner_command())
            supervisor.start()
        self.stdout.write(f"Vendorwatch is running at http://{bind}/  (Ctrl+C stops it)")
        try:
            Server().run()
        finally:
            if supervisor is not None:
                supervisor.stop(timeout=30)
