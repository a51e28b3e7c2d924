"""Vendorwatch's settings plus one app with a migration the archive under test lacks."""

from vendorwatch.settings import *  # noqa: F403
from vendorwatch.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "vendorwatch.backup.tests.later_version"]
