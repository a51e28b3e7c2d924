"""The policy page: the essentials first and open, the rest folded; a grid people can read."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from vendorwatch.sla.policy_forms import SlaPolicyEditor
from vendorwatch.sla.tests.factory import make_calendar, make_policy, policy_post_data

pytestmark = pytest.mark.django_db
URL = reverse("sla-policy-add")


def sections(html: str) -> list[tuple[str, str]]:
    """(“open” or “folded”, title) of every section of the page, in order."""
    found = re.findall(
        r'<(fieldset|details) class="form-section[^"]*"[^>]*>\s*<(?:legend|summary)>([^<]+)<', html
    )
    return [("folded" if tag == "details" else "open", title) for tag, title in found]


def test_the_essentials_come_first_and_the_rest_is_folded(client: Client, editor) -> None:
    make_calendar()
    client.force_login(editor)
    assert sections(client.get(URL).text) == [
        ("open", "Die Vereinbarung"),
        ("open", "Reaktions- und Lösungszeiten"),
        ("open", "Welche Priorität ein Problem bekommt"),
        ("folded", "Wie die Zeiten gezählt werden"),
        ("folded", "Gutschrift"),
        ("folded", "Pflichten beider Seiten"),
        ("folded", "Verfügbarkeitsziele"),
        ("folded", "Beschreibung"),
    ]


def test_a_folded_section_with_an_error_is_open(client: Client, editor) -> None:
    client.force_login(editor)
    data = policy_post_data(make_calendar(), **{"version-credit_cap_percent": "1"})
    text = client.post(URL, data).text
    assert '<details class="form-section section-credit" open>' in text
    assert '<details class="form-section section-duties">' in text


def test_a_priority_shows_its_name_and_times_and_folds_the_rest(client: Client, editor) -> None:
    client.force_login(editor)
    text = client.post(URL, policy_post_data(make_calendar(), **{"p2-update_amount": "0"})).text
    assert '<details class="priority-more" open>' in text  # P2's status update has an error
    assert text.count('<details class="priority-more">') == 3


def test_the_grid_names_its_rows_and_columns_and_labels_each_cell(client: Client, editor) -> None:
    client.force_login(editor)
    text = client.get(URL).text
    assert '<th scope="row">Ausmaß: hoch</th>' in text
    assert '<th scope="col">Dringlichkeit: mittel</th>' in text
    assert (
        '<label class="visually-hidden" for="id_matrix-high_medium">'
        "Priorität bei Ausmaß hoch und Dringlichkeit mittel</label>"
    ) in text


def test_what_changed_is_asked_for_a_new_version_only() -> None:
    make_calendar()
    new = SlaPolicyEditor()
    assert "change_note" not in [field.name for field in new.grouped[0].fields]
    policy = make_policy()
    later = SlaPolicyEditor(policy=policy, latest=policy.latest_version)
    assert "change_note" in [field.name for field in later.grouped[0].fields]


def test_help_texts_explain_rather_than_repeat_the_label() -> None:
    make_calendar()
    editor = SlaPolicyEditor()
    for form in (editor.policy, editor.version):
        for bound in form:
            label, help_text = str(bound.label).lower(), str(bound.help_text).lower()
            assert help_text and not help_text.startswith(label.rstrip(" (%)")), bound.name
