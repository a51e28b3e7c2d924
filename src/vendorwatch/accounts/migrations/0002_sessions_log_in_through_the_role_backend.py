"""Sessions opened before the role backend replaced Django's model backend stay logged in.

A session names the backend that logged its user in; one that names a backend no longer
configured is treated as logged out. This rewrites that name in the stored sessions.
"""

from django.db import migrations
from django.utils import timezone

KEY = "_auth_user_backend"
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"
ROLE_BACKEND = "vendorwatch.accounts.backends.RoleBackend"


def rename(apps, old: str, new: str) -> None:
    from django.contrib.sessions.backends.db import SessionStore

    session_model = apps.get_model("sessions", "Session")
    store = SessionStore()
    alive = session_model.objects.filter(expire_date__gt=timezone.now())
    for session in alive.iterator():
        data = store.decode(session.session_data)  # {} for one that cannot be read
        if data.get(KEY) == old:
            data[KEY] = new
            alive.filter(pk=session.pk).update(session_data=store.encode(data))


def forwards(apps, schema_editor) -> None:
    rename(apps, MODEL_BACKEND, ROLE_BACKEND)


def backwards(apps, schema_editor) -> None:
    rename(apps, ROLE_BACKEND, MODEL_BACKEND)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_password_reset_requests"),
        ("sessions", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
