from django.db import migrations

from characters.reference_data import ensure


def grant_moderators(apps, schema_editor):
    ensure(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("characters", "0001_initial"),
        ("persona", "0002_moderators_group"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]
    operations = [migrations.RunPython(grant_moderators, migrations.RunPython.noop)]
