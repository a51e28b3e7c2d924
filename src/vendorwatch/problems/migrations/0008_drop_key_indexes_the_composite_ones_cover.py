import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

# The single-column indexes Django made for three foreign keys: problem_provider,
# problem_service and problem_reporter begin with the same columns. Each index costs every
# update of a problem (the clock job writes thousands a minute). Dropped by name rather than
# by altering the fields, which SQLite would do by copying the table, losing the search
# triggers of 0006. The names are the same on SQLite and PostgreSQL.
INDEXES = {
    "problems_problem_provider_id_810238a1": "provider_id",
    "problems_problem_service_id_5a25a491": "service_id",
    "problems_problem_reporter_id_f2b79f8c": "reporter_id",
}


class Migration(migrations.Migration):
    dependencies = [
        ("expectations", "0007_remove_requirement_status_and_agreed_on"),
        ("problems", "0007_refresh_only_what_can_change"),
        ("providers", "0002_validate_contact_escalation_level"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    f'DROP INDEX IF EXISTS "{name}"',
                    reverse_sql=f'CREATE INDEX "{name}" ON "problems_problem" ("{column}")',
                )
                for name, column in INDEXES.items()
            ],
            state_operations=[
                migrations.AlterField(
                    model_name="problem",
                    name="provider",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="problems",
                        to="providers.provider",
                        verbose_name="provider",
                    ),
                ),
                migrations.AlterField(
                    model_name="problem",
                    name="reporter",
                    field=models.ForeignKey(
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="reported_problems",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="reported by (person)",
                    ),
                ),
                migrations.AlterField(
                    model_name="problem",
                    name="service",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="problems",
                        to="expectations.service",
                        verbose_name="affected service",
                    ),
                ),
            ],
        ),
    ]
