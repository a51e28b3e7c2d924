"""Monthly report e-mails (filled in)."""
