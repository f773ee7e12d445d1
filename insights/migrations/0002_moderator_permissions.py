from django.db import migrations

from insights.reference_data import ensure


def grant(apps, schema_editor):
    ensure(apps)


class Migration(migrations.Migration):
    dependencies = [("insights", "0001_research_profile_needs_audit"), ("persona", "0002_moderators_group")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
