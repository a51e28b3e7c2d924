"""Django's own texts whose German translation we correct in our catalogue.

Our catalogue comes first (LOCALE_PATHS); naming the texts here keeps them in it when the
catalogue is extracted from the code again.
"""

from django.utils.translation import gettext_noop

CORRECTED = (
    # Django says "das selbe"; German writes "dasselbe".
    gettext_noop("Enter the same password as before, for verification."),
)
