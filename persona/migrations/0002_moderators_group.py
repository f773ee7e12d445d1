from django.db import migrations

from persona.reference_data import ensure


def create_moderators(apps, schema_editor):
    ensure(apps)


def remove_moderators(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="moderators").delete()


class Migration(migrations.Migration):
    dependencies = [("persona", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]
    operations = [migrations.RunPython(create_moderators, remove_moderators)]
