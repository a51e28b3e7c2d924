from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("problems", "0006_search_problems_full_text")]

    operations = []
