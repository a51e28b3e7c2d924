from django.db import migrations

# Until now an import's rows were written as not current and made current when it was
# committed. Now a row is written current and counts once its import is DONE; the rows of
# imports not yet committed (a preview waiting for its user) are brought to the new form, so
# that committing them later shows them. Rows of completed imports keep their flag.


def staged_rows_current(value):
    def change(apps, schema_editor):
        ImportJob = apps.get_model("monitoring", "ImportJob")
        ExternalTicket = apps.get_model("monitoring", "ExternalTicket")
        waiting = ImportJob.objects.exclude(state="done").values_list("pk", flat=True)
        for job in waiting.iterator():
            ExternalTicket.objects.filter(job_id=job, current=not value).update(current=value)

    return change


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0002_import_outdated_count_and_fewer_ticket_indexes")]

    operations = [
        migrations.RunPython(
            staged_rows_current(True), staged_rows_current(False), elidable=True
        )
    ]
