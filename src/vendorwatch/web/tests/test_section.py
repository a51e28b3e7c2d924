import pytest
from django.test import Client
from django.urls import reverse

from vendorwatch.web.sections import SECTIONS, placeholder_sections

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("section", SECTIONS, ids=lambda s: s.slug)
def test_every_section_opens(client: Client, viewer, section) -> None:
    client.force_login(viewer)
    assert client.get(reverse(section.url_name)).status_code == 200


@pytest.mark.parametrize("section", placeholder_sections(), ids=lambda s: s.slug)
def test_a_section_not_built_yet_says_so(client: Client, viewer, section) -> None:
    client.force_login(viewer)
    response = client.get(reverse(section.url_name))
    assert "Dieser Teil ist noch nicht fertig" in response.text


@pytest.mark.parametrize("section", placeholder_sections(), ids=lambda s: s.slug)
def test_a_section_not_built_yet_links_to_what_helps_meanwhile(
    client: Client, viewer, section
) -> None:
    client.force_login(viewer)
    response = client.get(reverse(section.url_name))
    for _label, url_name in section.meanwhile_links:
        assert f'href="{reverse(url_name)}"' in response.text


def test_the_menu_marks_each_section_not_built_yet(client: Client, viewer) -> None:
    client.force_login(viewer)
    response = client.get(reverse("web-dashboard"))
    # Sidebar and phone menu each mark every such section.
    assert response.text.count('class="nav-later-mark"') == 2 * len(placeholder_sections())


def test_the_current_section_is_marked_in_the_navigation(client: Client, viewer) -> None:
    client.force_login(viewer)
    response = client.get(reverse("accounts-password-change"))
    assert response.text.count('aria-current="page"') == 0
    response = client.get(reverse("web-settings"))
    assert response.text.count('aria-current="page"') == 2  # sidebar and phone menu
