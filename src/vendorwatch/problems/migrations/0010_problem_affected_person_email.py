from django.db import migrations, models

# The column is added with plain SQL: Django's AddField copies the whole table on SQLite (to
# set the default), which would lose the search triggers of 0006. ADD COLUMN with a constant
# default changes only the table's description on both SQLite and PostgreSQL.
ADD = (
    'ALTER TABLE "problems_problem" '
    "ADD COLUMN \"affected_email\" varchar(254) NOT NULL DEFAULT ''"
)
DROP = 'ALTER TABLE "problems_problem" DROP COLUMN "affected_email"'


class Migration(migrations.Migration):
    dependencies = [
        ("problems", "0009_drop_indexes_of_keys_no_page_looks_up"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunSQL(ADD, reverse_sql=DROP)],
            state_operations=[
                migrations.AddField(
                    model_name="problem",
                    name="affected_email",
                    field=models.EmailField(
                        blank=True, max_length=254, verbose_name="e-mail of the affected person"
                    ),
                ),
            ],
        ),
    ]
