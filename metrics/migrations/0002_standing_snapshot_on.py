from django.db import migrations, models


class Migration(migrations.Migration):
    """The recalculation reads a day's starting tiers from that day's tier events and compares with the
    latest snapshot, so the standing keeps the day of that snapshot instead of a copy of every tier."""

    dependencies = [("metrics", "0001_initial")]

    operations = [
        migrations.RemoveField(model_name="standing", name="previous_tier"),
        migrations.RemoveField(model_name="standing", name="recalculated_on"),
        migrations.AddField(
            model_name="standing", name="snapshot_on", field=models.DateField(blank=True, null=True)
        ),
    ]
