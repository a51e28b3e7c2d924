from django.db import migrations


class Migration(migrations.Migration):
    """The agreement now lives per provider (filled in 0006); the shared fields go."""

    dependencies = [
        ("expectations", "0006_fill_requirement_agreements"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='requirement',
            name='requirement_agreed_has_date',
        ),
        migrations.RemoveField(
            model_name='requirement',
            name='agreed_on',
        ),
        migrations.RemoveField(
            model_name='requirement',
            name='status',
        ),
    ]
