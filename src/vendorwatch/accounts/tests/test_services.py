import pytest

from vendorwatch.accounts.roles import Role, active_administrator_ids, role_of
from vendorwatch.accounts.services import (
    LastAdministratorError,
    user_create,
    user_set_active,
    user_update,
)
from vendorwatch.jobs.models import OutboxMessage
from vendorwatch.testing.factory import make_user

pytestmark = pytest.mark.django_db


def test_the_last_administrator_is_not_demoted(admin_user) -> None:
    with pytest.raises(LastAdministratorError):
        user_update(user=admin_user, role=Role.EDITOR)
    assert role_of(admin_user) == Role.ADMINISTRATOR


def test_the_last_administrator_is_not_deactivated(admin_user) -> None:
    with pytest.raises(LastAdministratorError):
        user_set_active(user=admin_user, active=False)
    admin_user.refresh_from_db()
    assert admin_user.is_active


def test_one_of_two_administrators_may_be_demoted(admin_user) -> None:
    other = make_user(Role.ADMINISTRATOR)
    user_update(user=other, role=Role.VIEWER)
    assert active_administrator_ids() == {admin_user.pk}


def test_a_superuser_counts_as_an_administrator(admin_user) -> None:
    admin_user.is_superuser = True
    admin_user.save()
    other = make_user(Role.EDITOR)
    other.is_superuser = True
    other.save()
    user_update(user=admin_user, role=Role.EDITOR)
    assert active_administrator_ids() == {admin_user.pk, other.pk}


def test_saving_a_user_does_not_undo_a_deactivation_made_meanwhile(admin_user, editor) -> None:
    stale = type(editor).objects.get(pk=editor.pk)
    user_set_active(user=editor, active=False)
    stale.first_name = "Erika"
    user_update(user=stale, role=Role.EDITOR)
    editor.refresh_from_db()
    assert (editor.first_name, editor.is_active) == ("Erika", False)


def test_an_invitation_is_queued_with_the_new_user(admin_user) -> None:
    user = user_create(username="nina", email="nina@example.com", role=Role.EDITOR)
    message = OutboxMessage.objects.get()
    assert (message.to, message.related_id) == (["nina@example.com"], user.pk)
    assert not user.has_usable_password()
