"""A part of a later Vendorwatch that this one lacks: one more migration, for the test that an
archive of an older schema is brought up to date after the restore (``later_settings``)."""
