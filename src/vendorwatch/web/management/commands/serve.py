from __future__ import annotations

import os
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import connections

from vendorwatch.jobs.forked import usable_cores
from vendorwatch.jobs.supervisor import RunnerSupervisor


def runner_command() -> list[str]:
    """`vendorwatch run-jobs --loop` with this interpreter, whatever the PATH says."""
    main = "from vendorwatch.cli import main; main()"
    return [sys.executable, "-c", main, "run-jobs", "--loop", "--parent-pid", str(os.getpid())]


# One request per process: a free process takes the next waiting connection, so requests are
# answered in the order they came, and none waits behind a busy process while another is idle.
# (With threads, each process takes connections as they come and keeps them: under load the
# slowest answers took 1.5 times the median, with one thread per process 1.2 times.)
REQUEST_TIMEOUT = 300  # the longest pages (exports, undoing a large import) take seconds


def default_workers() -> str:
    """Two per core this process may run on, plus one (one waits on the database while the
    others compute); at most 9, plenty for a small business and about 1 GB of memory."""
    return str(min(2 * usable_cores() + 1, 9))


class Command(BaseCommand):
    help = "Serve Vendorwatch with gunicorn (production-grade WSGI server)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default=os.environ.get("VENDORWATCH_HOST", "127.0.0.1"))
        parser.add_argument(
            "--port", type=int, default=int(os.environ.get("VENDORWATCH_PORT", "8000"))
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=int(os.environ.get("VENDORWATCH_WORKERS", default_workers())),
            help="Server processes (default: two per processor core, plus one).",
        )
        parser.add_argument(
            "--threads",
            type=int,
            default=int(os.environ.get("VENDORWATCH_THREADS", "1")),
            help="Threads per process (default 1: each process serves one request at a time).",
        )
        parser.add_argument(
            "--timeout",
            type=int,
            default=int(os.environ.get("VENDORWATCH_REQUEST_TIMEOUT", str(REQUEST_TIMEOUT))),
            help="Seconds a request may take before its process is restarted.",
        )
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
                self.cfg.set("timeout", options["timeout"])
                self.cfg.set("accesslog", "-")
                self.cfg.set("logger_class", "vendorwatch.web.log_masking.AccessLog")
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
