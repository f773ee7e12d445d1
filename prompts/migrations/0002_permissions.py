from django.db import migrations

from prompts.reference_data import ensure


def grant(apps, schema_editor):
    ensure(apps)


class Migration(migrations.Migration):
    dependencies = [("prompts", "0001_initial"), ("leveling", "0002_seed_skills_quests_achievements")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
