import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from vendorwatch.accounts.roles import Role, role_of
from vendorwatch.organisation.models import Organisation
from vendorwatch.providers.models import Contact, Provider

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _data_dir(settings, tmp_path) -> None:
    settings.DATA_DIR = tmp_path


def test_it_creates_the_demo_company_and_its_provider() -> None:
    call_command("demo")
    assert Organisation.load().name == "Müller Metallbau GmbH"
    assert Provider.objects.filter(name="Brandl IT-Systemhaus GmbH", status="active").exists()


def test_loading_twice_changes_nothing() -> None:
    call_command("demo")
    before = (Provider.objects.count(), Contact.objects.count(), User.objects.count())
    call_command("demo")
    assert (Provider.objects.count(), Contact.objects.count(), User.objects.count()) == before


def test_it_creates_one_user_per_role() -> None:
    call_command("demo")
    roles = {role_of(user) for user in User.objects.all()}
    assert roles == {Role.ADMINISTRATOR, Role.EDITOR, Role.VIEWER}


def test_the_printed_password_logs_in(capsys) -> None:
    call_command("demo")
    out = capsys.readouterr().out
    password = out.split("password: ")[1].split()[0]
    assert User.objects.get(username="admin").check_password(password)


def test_if_empty_leaves_existing_data_alone() -> None:
    Organisation.objects.create(pk=1, name="Eigene Firma")
    call_command("demo", "--if-empty")
    assert Organisation.load().name == "Eigene Firma"
    assert not Provider.objects.exists()


def test_reset_replaces_changed_data_with_the_demo() -> None:
    call_command("demo")
    Provider.objects.create(name="Zusätzlicher Dienstleister")
    call_command("demo", "--reset", "--yes")
    assert not Provider.objects.filter(name="Zusätzlicher Dienstleister").exists()
    assert Provider.objects.filter(name="Brandl IT-Systemhaus GmbH").exists()
