import io

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from vendorwatch.accounts.roles import Role, role_of

pytestmark = pytest.mark.django_db


def createadmin(monkeypatch, password: str) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    call_command(
        "createadmin", "--username", "chefin", "--email", "chefin@example.com", "--password-stdin"
    )


def test_createadmin_makes_an_administrator(monkeypatch) -> None:
    createadmin(monkeypatch, "Werkstatt-Halle-2026")
    user = User.objects.get(username="chefin")
    assert role_of(user) == Role.ADMINISTRATOR
    assert user.check_password("Werkstatt-Halle-2026")


def test_createadmin_refuses_a_weak_password(monkeypatch) -> None:
    with pytest.raises(CommandError):
        createadmin(monkeypatch, "1234")
    assert not User.objects.filter(username="chefin").exists()


def test_the_console_script_runs_django_commands(capsys) -> None:
    from vendorwatch.cli import main

    main(["help", "--commands"])
    commands = capsys.readouterr().out.split()
    assert {"serve", "demo", "createadmin", "translations", "migrate"} <= set(commands)
