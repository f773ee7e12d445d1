from django.db import migrations

from leveling.reference_data import ensure


def seed(apps, schema_editor):
    ensure(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("leveling", "0001_initial"),
        ("persona", "0002_moderators_group"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
