"""The clock job looks only at problems whose clocks can have changed: ``clock_check_at``.

Every open problem with a clock is looked at by the job's next run, which then stores when each
one can change next.
"""

from django.db import migrations, models
from django.utils import timezone


def fill_clock_check_of_open_problems(apps, schema_editor):
    Problem = apps.get_model("problems", "Problem")
    Problem.objects.filter(is_open=True).exclude(state="no_sla").update(
        clock_check_at=timezone.now()
    )


class Migration(migrations.Migration):
    dependencies = [("problems", "0006_search_problems_full_text")]

    operations = [
        migrations.AddField(
            model_name="problem",
            name="clock_check_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddIndex(
            model_name="problem",
            index=models.Index(
                condition=models.Q(("clock_check_at__isnull", False)),
                fields=["clock_check_at", "id"],
                name="problem_clock_check",
            ),
        ),
        migrations.RunPython(fill_clock_check_of_open_problems, migrations.RunPython.noop),
    ]
