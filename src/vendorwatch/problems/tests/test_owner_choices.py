"""“Internally responsible” offers the people who may act (editors and administrators), by
their names, sorted by name."""

import pytest

from vendorwatch.accounts.roles import Role
from vendorwatch.problems.problem_form import ProblemForm
from vendorwatch.problems.tests.factory import make_problem
from vendorwatch.testing.factory import make_user

pytestmark = pytest.mark.django_db


def offered(form: ProblemForm) -> list[str]:
    return [str(label) for value, label in form.fields["owner"].choices if value]


def test_it_offers_editors_and_administrators_by_name_sorted() -> None:
    make_user(Role.EDITOR, username="s.keller", first_name="Sabine", last_name="Keller")
    make_user(Role.ADMINISTRATOR, username="k.mueller", first_name="Klaus", last_name="Müller")
    make_user(Role.EDITOR, username="bernd", first_name="", last_name="")
    assert offered(ProblemForm()) == ["bernd", "Klaus Müller", "Sabine Keller"]


def test_viewers_inactive_users_and_users_without_role_are_not_offered() -> None:
    make_user(Role.VIEWER, username="t.berger", first_name="Tina", last_name="Berger")
    make_user(Role.EDITOR, username="alt", first_name="Alt", is_active=False)
    make_user(None, username="ohne.rolle", first_name="Ohne")
    make_user(Role.EDITOR, username="s.keller", first_name="Sabine", last_name="Keller")
    assert offered(ProblemForm()) == ["Sabine Keller"]


def test_a_superuser_without_group_is_offered() -> None:
    make_user(None, username="root", first_name="Rita", last_name="Root", is_superuser=True)
    assert offered(ProblemForm()) == ["Rita Root"]


def test_an_owner_who_became_a_viewer_stays_on_the_edit_form(time_machine) -> None:
    time_machine.move_to("2026-11-23 12:00+01:00", tick=False)
    former = make_user(Role.VIEWER, username="t.berger", first_name="Tina", last_name="Berger")
    problem = make_problem(owner=former)
    form = ProblemForm(instance=problem)
    assert offered(form) == ["Tina Berger"]
    assert form["owner"].value() == former.pk


def test_the_page_labels_the_field_internally_responsible(client, editor) -> None:
    client.force_login(editor)
    page = client.get("/problems/new/").content.decode()
    assert '<label for="id_owner">Intern verantwortlich</label>' in page
    assert ">Wie viele sind betroffen? (Ausmaß)<" in page
    assert ">Was kostet es uns? (Folgen für das Geschäft)<" in page
