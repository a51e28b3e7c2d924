import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

# The single-column indexes Django made for four more foreign keys. No page looks problems up
# by owner, SLA, SLA version or priority; deleting one of those (rare) reads the table once.
# On PostgreSQL every index costs each update of a problem, whichever column changed: the
# clock job's first pass over 100,000 problems spent most of its time keeping 22 indexes.
# Dropped by name, as in 0008 (altering the fields would copy the table on SQLite and lose
# the search triggers of 0006).
INDEXES = {
    "problems_problem_owner_id_bbbc9a2e": "owner_id",
    "problems_problem_priority_id_62e0b40a": "priority_id",
    "problems_problem_sla_policy_id_fca22a45": "sla_policy_id",
    "problems_problem_sla_version_id_535dd4a6": "sla_version_id",
}

PROTECT, SET_NULL = django.db.models.deletion.PROTECT, django.db.models.deletion.SET_NULL
FIELDS = {
    "owner": (SET_NULL, settings.AUTH_USER_MODEL, "owned_problems", "internal owner"),
    "priority": (PROTECT, "sla.priority", "+", "priority"),
    "sla_policy": (PROTECT, "sla.slapolicy", "problems", "SLA"),
    "sla_version": (PROTECT, "sla.slaversion", "+", "SLA version"),
}


class Migration(migrations.Migration):
    dependencies = [
        ("problems", "0008_drop_key_indexes_the_composite_ones_cover"),
        ("sla", "0004_fill_sla_version_calendar_snapshots"),
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
                    name=name,
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=on_delete,
                        related_name=related_name,
                        to=to,
                        verbose_name=verbose_name,
                    ),
                )
                for name, (on_delete, to, related_name, verbose_name) in FIELDS.items()
            ],
        ),
    ]
