"""Step 1 views, one module per page group."""
