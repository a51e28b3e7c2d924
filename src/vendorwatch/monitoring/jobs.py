"""Periodic jobs of the monitoring part: running queued imports, mailing monthly reports."""

from vendorwatch.monitoring import import_jobs, report_mail  # noqa: F401  (they register)
