import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from vendorwatch.expectations.models import Party, Responsibility, Task
from vendorwatch.expectations.services import raci_check, raci_matrix, responsibility_set

pytestmark = pytest.mark.django_db


@pytest.fixture
def grid() -> tuple[Task, Party, Party]:
    task = Task.objects.create(title="Backup prüfen")
    return (
        task,
        Party.objects.create(name="Büro", side="internal"),
        Party.objects.create(name="Support", side="provider"),
    )


def test_a_second_a_in_a_row_is_refused(grid) -> None:
    task, office, support = grid
    responsibility_set(task=task, party=office, kind="A")
    with pytest.raises(ValidationError, match=r"already has an A|hat bereits ein A"):
        responsibility_set(task=task, party=support, kind="A")


def test_the_database_also_refuses_two_as(grid) -> None:
    from django.db import IntegrityError

    task, office, support = grid
    Responsibility.objects.create(task=task, party=office, kind="A")
    with pytest.raises(IntegrityError):
        Responsibility.objects.create(task=task, party=support, kind="A")


def test_clearing_a_cell_deletes_it(grid) -> None:
    task, office, _support = grid
    responsibility_set(task=task, party=office, kind="R")
    responsibility_set(task=task, party=office, kind="")
    assert not Responsibility.objects.exists()


def test_the_check_reports_a_task_without_a_and_r(grid) -> None:
    task, _office, _support = grid
    check = raci_check(*raci_matrix())
    assert check.without_accountable == [task]
    assert check.without_responsible == [task]


def test_the_check_reports_parties_without_a_task(grid) -> None:
    task, office, support = grid
    responsibility_set(task=task, party=office, kind="A")
    assert raci_check(*raci_matrix()).idle_parties == [support]


def test_a_complete_matrix_passes_the_check(grid) -> None:
    task, office, support = grid
    responsibility_set(task=task, party=office, kind="A")
    responsibility_set(task=task, party=support, kind="R")
    assert raci_check(*raci_matrix()).ok


def test_the_cell_view_answers_htmx_with_the_cell_and_the_checks(
    client: Client, editor, grid
) -> None:
    task, office, _support = grid
    client.force_login(editor)
    response = client.post(
        reverse("expectations-raci-cell", args=[task.pk, office.pk]),
        {f"cell-{task.pk}-{office.pk}": "A"},
        HTTP_HX_REQUEST="true",
    )
    assert f'id="cell-{task.pk}-{office.pk}"' in response.text
    assert 'hx-swap-oob="true"' in response.text


def test_the_cell_view_shows_a_refusal_next_to_the_cell(client: Client, editor, grid) -> None:
    task, office, support = grid
    responsibility_set(task=task, party=office, kind="A")
    client.force_login(editor)
    response = client.post(
        reverse("expectations-raci-cell", args=[task.pk, support.pk]),
        {f"cell-{task.pk}-{support.pk}": "A"},
        HTTP_HX_REQUEST="true",
    )
    assert 'role="alert"' in response.text
    assert "hat bereits ein A" in response.text


def _save_cell(client: Client, task: Task, party: Party, kind: str) -> str:
    return client.post(
        reverse("expectations-raci-cell", args=[task.pk, party.pk]),
        {f"cell-{task.pk}-{party.pk}": kind},
        HTTP_HX_REQUEST="true",
    ).text


def test_a_saved_cell_says_so_in_the_cell(client: Client, editor, grid) -> None:
    task, office, _support = grid
    client.force_login(editor)
    text = _save_cell(client, task, office, "A")
    assert f'<td id="cell-{task.pk}-{office.pk}" class="raci-cell is-saved">' in text
    assert '<small class="cell-saved">Gespeichert <span aria-hidden="true">✓</span></small>' in text
    assert '<option value="A" selected>A</option>' in text


def test_a_saved_cell_is_announced_in_the_status_line(client: Client, editor, grid) -> None:
    task, office, _support = grid
    client.force_login(editor)
    text = _save_cell(client, task, office, "R")
    assert (
        '<p id="raci-announce" hx-swap-oob="innerHTML">Gespeichert: Backup prüfen – Büro: R</p>'
    ) in text


def test_a_cleared_cell_is_announced_as_empty(client: Client, editor, grid) -> None:
    task, office, _support = grid
    responsibility_set(task=task, party=office, kind="R")
    client.force_login(editor)
    assert "Gespeichert: Backup prüfen – Büro: leer" in _save_cell(client, task, office, "")


def test_a_refused_cell_shows_the_reason_and_keeps_its_value(client: Client, editor, grid) -> None:
    task, office, support = grid
    responsibility_set(task=task, party=office, kind="A")
    client.force_login(editor)
    text = _save_cell(client, task, support, "A")
    key = f"{task.pk}-{support.pk}"
    assert f'<td id="cell-{key}" class="raci-cell has-error">' in text
    assert f'aria-invalid="true" aria-describedby="error-{key}"' in text
    assert f'<small class="cell-error" id="error-{key}" role="alert">' in text
    assert "cell-saved" not in text
    assert '<option value="" selected>–</option>' in text  # the stored value, not the refused A
    assert '<p id="raci-announce" hx-swap-oob="innerHTML"></p>' in text


def test_the_grid_has_a_status_line_and_saves_without_a_page_button(
    client: Client, editor, grid
) -> None:
    client.force_login(editor)
    page = client.get(reverse("expectations-raci")).content.decode()
    assert '<p id="raci-announce" class="visually-hidden" role="status"></p>' in page
    # The page's save button is only for browsers without JavaScript.
    assert '<noscript><button type="submit">Speichern</button></noscript>' in page
    assert page.count("Speichern</button>") == 1


def test_a_viewer_gets_no_save_button(client: Client, viewer, grid) -> None:
    client.force_login(viewer)
    assert "Speichern</button>" not in client.get(reverse("expectations-raci")).text


def test_the_grid_shows_the_category_typed_on_a_task(client: Client, viewer, grid) -> None:
    task, _office, _support = grid
    task.category = "Datensicherung"
    task.save()
    client.force_login(viewer)
    page = client.get(reverse("expectations-raci")).text
    assert "Backup prüfen<br><small>Datensicherung</small>" in page


def test_the_whole_grid_saves_without_javascript(client: Client, editor, grid) -> None:
    task, office, support = grid
    client.force_login(editor)
    client.post(
        reverse("expectations-raci-save"),
        {f"cell-{task.pk}-{office.pk}": "A", f"cell-{task.pk}-{support.pk}": "R"},
    )
    assert dict(Responsibility.objects.values_list("party__name", "kind")) == {
        "Büro": "A",
        "Support": "R",
    }


def test_the_starter_adds_tasks_and_parties_once(client: Client, editor) -> None:
    client.force_login(editor)
    client.post(reverse("expectations-raci-starter"))
    client.post(reverse("expectations-raci-starter"))
    assert Task.objects.count() == 15
    assert Party.objects.count() == 5


def test_the_starter_says_how_many_were_added(client: Client, editor) -> None:
    client.force_login(editor)
    first = client.post(reverse("expectations-raci-starter"), follow=True).text
    assert "20 typische Aufgaben und Beteiligte wurden hinzugefügt." in first
    again = client.post(reverse("expectations-raci-starter"), follow=True).text
    assert "Alle typischen Aufgaben und Beteiligten sind schon vorhanden." in again


def test_the_starter_says_one_in_the_singular(client: Client, editor) -> None:
    client.force_login(editor)
    client.post(reverse("expectations-raci-starter"))
    Task.objects.filter(starter_key="check-invoices").delete()
    text = client.post(reverse("expectations-raci-starter"), follow=True).text
    assert "1 typische Aufgabe oder Beteiligte wurde hinzugefügt." in text


def test_the_starter_in_the_other_language_adds_no_second_set_of_parties(
    client: Client, editor
) -> None:
    client.force_login(editor)
    client.post(reverse("expectations-raci-starter"))
    client.cookies["vendorwatch_language"] = "en"
    client.post(reverse("expectations-raci-starter"))
    assert Party.objects.count() == 5


def test_a_task_can_be_renamed_keeping_its_cells(client: Client, editor, grid) -> None:
    task, office, _support = grid
    responsibility_set(task=task, party=office, kind="A")
    client.force_login(editor)
    client.post(reverse("expectations-raci-task-edit", args=[task.pk]), {"title": "Backup testen"})
    task.refresh_from_db()
    assert (task.title, task.responsibilities.get().kind) == ("Backup testen", "A")


def test_a_role_in_our_company_cannot_be_at_a_provider(client: Client, editor) -> None:
    from vendorwatch.testing.factory import make_provider

    client.force_login(editor)
    data = {"name": "Büroleitung", "side": "internal", "provider": str(make_provider().pk)}
    response = client.post(reverse("expectations-raci-party-add"), data)
    assert "gehört zu keinem Dienstleister" in response.text
    assert not Party.objects.exists()


def test_the_database_refuses_a_provider_on_an_internal_role() -> None:
    from django.db import IntegrityError

    from vendorwatch.testing.factory import make_provider

    with pytest.raises(IntegrityError):
        Party.objects.create(name="Büro", side="internal", provider=make_provider())


def test_an_editor_gets_cells_that_save_themselves(client: Client, editor, grid) -> None:
    task, office, _support = grid
    responsibility_set(task=task, party=office, kind="R")
    client.force_login(editor)
    page = client.get(reverse("expectations-raci")).content.decode()
    url = reverse("expectations-raci-cell", args=[task.pk, office.pk])
    assert f'hx-post="{url}"' in page
    assert '<option value="R" selected>R</option>' in page


def test_a_viewer_sees_the_cells_without_changing_them(client: Client, viewer, grid) -> None:
    task, office, _support = grid
    responsibility_set(task=task, party=office, kind="A")
    client.force_login(viewer)
    page = client.get(reverse("expectations-raci")).content.decode()
    assert "hx-post" not in page
    assert page.count(" disabled>") == 2
    assert '<option value="A" selected>A</option>' in page
