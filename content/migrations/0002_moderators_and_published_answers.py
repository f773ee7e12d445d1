from django.db import migrations

from content.reference_data import ensure


def grant_moderators(apps, schema_editor):
    ensure(apps)


def publish_earlier_answers(apps, schema_editor):
    """Answers given before content existed appear as content too, dated when they were given: one
    INSERT ... SELECT, however many answers there are."""
    item, answer, prompt = (
        apps.get_model(*label)._meta.db_table
        for label in (("content", "ContentItem"), ("prompts", "Answer"), ("prompts", "Prompt"))
    )
    quote = schema_editor.quote_name
    schema_editor.execute(
        f"INSERT INTO {quote(item)} (persona_id, kind, title, body, image, thumbnail, answer_id, author_id, "
        "created_at, updated_at) "
        f"SELECT a.persona_id, 'prompt_answer', p.title, a.text, '', '', a.id, a.author_id, a.created_at, "
        f"a.updated_at FROM {quote(answer)} a JOIN {quote(prompt)} p ON p.id = a.prompt_id "
        f"WHERE NOT EXISTS (SELECT 1 FROM {quote(item)} c WHERE c.answer_id = a.id)"
    )


class Migration(migrations.Migration):
    dependencies = [("content", "0001_initial"), ("prompts", "0002_permissions")]
    operations = [
        migrations.RunPython(grant_moderators, migrations.RunPython.noop),
        migrations.RunPython(publish_earlier_answers, migrations.RunPython.noop),
    ]
