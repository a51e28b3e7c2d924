from django.utils import translation


def test_the_password_confirmation_hint_is_written_in_correct_german() -> None:
    with translation.override("de"):
        text = translation.gettext("Enter the same password as before, for verification.")
    assert text == "Geben Sie zur Bestätigung dasselbe Passwort noch einmal ein."


def test_django_s_own_words_win_over_the_api_library_s_informal_german() -> None:
    with translation.override("de"):
        text = translation.gettext("Enter a valid email address.")
    assert text == "Bitte gültige E-Mail-Adresse eingeben."
