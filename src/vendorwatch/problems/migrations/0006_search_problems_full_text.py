from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("problems", "0005_fill_clock_refresh_of_closed_problems")]

    operations = []
