"""Employee feedback's pages."""
