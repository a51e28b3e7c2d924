"""Django's own texts whose German translation we correct in our catalogue.

Our catalogue comes first (LOCALE_PATHS); naming the texts here keeps them in it when the
catalogue is extracted from the code again.
"""

from django.utils.translation import gettext_noop

CORRECTED = (
    # Django says "das selbe"; German writes "dasselbe".
    gettext_noop("Enter the same password as before, for verification."),
    # Django REST framework's and django-filter's catalogues come before Django's own and say
    # "du" ("Gib eine gültige E-Mail Adresse an."): the forms keep Django's words.
    gettext_noop("Enter a valid URL."),
    gettext_noop("Enter a valid email address."),
    gettext_noop("No file was submitted."),
    gettext_noop("The submitted file is empty."),
    gettext_noop(
        "Upload a valid image. The file you uploaded was either not an image or a corrupted image."
    ),
    gettext_noop("Unknown"),
)
