"""Prepaid hours cannot expire before they were bought (a constraint from 0003 on).

A stored expiry before the purchase date is a typing error that cannot be repaired from the
data; it is cleared (no expiry recorded) rather than guessed, so the constraint can be added.
"""

from django.db import migrations
from django.db.models import F


def clear_expiry_before_purchase(apps, schema_editor):
    HoursQuota = apps.get_model("contracts", "HoursQuota")
    HoursQuota.objects.filter(expires_on__lt=F("bought_on")).update(expires_on=None)


class Migration(migrations.Migration):
    dependencies = [
        ("contracts", "0001_create_contract_register"),
    ]

    operations = [
        migrations.RunPython(clear_expiry_before_purchase, migrations.RunPython.noop),
    ]
