import django.db.models.deletion
from django.db import migrations, models

# The single-column indexes Django made for the two foreign keys: the indexes on (provider,
# current, created), (provider, ticket id) and (job, ticket id) begin with the same columns.
# Dropped by name rather than by altering the fields, which SQLite would do by copying the
# whole table three times. The names are the same on SQLite and PostgreSQL.
INDEXES = {
    "monitoring_externalticket_provider_id_9552e793": "provider_id",
    "monitoring_externalticket_job_id_5310a9e1": "job_id",
}


class Migration(migrations.Migration):
    dependencies = [
        ("monitoring", "0001_create_ticket_imports"),
        ("providers", "0002_validate_contact_escalation_level"),
    ]

    operations = [
        migrations.AddField(
            model_name="importjob",
            name="outdated",
            field=models.PositiveIntegerField(
                default=0, verbose_name="older than imported before"
            ),
        ),
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    f'DROP INDEX IF EXISTS "{name}"',
                    reverse_sql=f'CREATE INDEX "{name}" ON "monitoring_externalticket" ("{column}")',
                )
                for name, column in INDEXES.items()
            ],
            state_operations=[
                # Only Django's default for new objects: no database default to change.
                migrations.AlterField(
                    model_name="externalticket",
                    name="current",
                    field=models.BooleanField(default=True),
                ),
                migrations.AlterField(
                    model_name="externalticket",
                    name="job",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="tickets",
                        to="monitoring.importjob",
                    ),
                ),
                migrations.AlterField(
                    model_name="externalticket",
                    name="provider",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="external_tickets",
                        to="providers.provider",
                    ),
                ),
            ],
        ),
    ]
