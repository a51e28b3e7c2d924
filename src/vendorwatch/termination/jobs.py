"""The job runner's work for step 6 (found by the registry's autodiscovery)."""

from vendorwatch.termination import checklist_jobs, receipt_jobs

__all__ = ["checklist_jobs", "receipt_jobs"]
