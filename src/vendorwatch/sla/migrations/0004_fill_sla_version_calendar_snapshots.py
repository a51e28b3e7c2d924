from django.db import migrations


def fill_snapshots(apps, schema_editor):
    """Versions made before snapshots existed keep the service hours as they are now."""
    SlaVersion = apps.get_model("sla", "SlaVersion")
    for version in SlaVersion.objects.filter(calendar_snapshot={}).select_related("calendar"):
        calendar = version.calendar
        version.calendar_snapshot = {
            "name": calendar.name,
            "time_zone": calendar.time_zone,
            "weekly": [list(windows) for windows in calendar.weekly],
            "holiday_region": calendar.holiday_region,
            "holiday_categories": calendar.holiday_categories,
            "days": [
                [day.date.isoformat(), list(day.windows)]
                for day in calendar.days.order_by("date")
            ],
        }
        version.save(update_fields=["calendar_snapshot"])


class Migration(migrations.Migration):
    dependencies = [("sla", "0003_keep_calendar_in_version_protect_promises")]

    operations = [migrations.RunPython(fill_snapshots, migrations.RunPython.noop)]
