"""Closed problems get their stored clocks computed again by the periodic job.

Until now a pause after a met target (waiting on us after the first response, a reopening)
moved that target's stored due time; open problems are refreshed every minute anyway, closed
ones only when marked like this.
"""

from django.db import migrations


def mark_closed_problems(apps, schema_editor):
    Problem = apps.get_model("problems", "Problem")
    Problem.objects.filter(is_open=False).update(clock_refreshed_at=None)


class Migration(migrations.Migration):
    dependencies = [
        ("problems", "0004_problem_without_sla_and_uncomputable_state"),
    ]

    operations = [
        migrations.RunPython(mark_closed_problems, migrations.RunPython.noop),
    ]
