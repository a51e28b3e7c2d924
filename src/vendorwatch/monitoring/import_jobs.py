"""Runs queued imports (filled in)."""
