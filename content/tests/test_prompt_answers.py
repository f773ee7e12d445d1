"""Answers to prompts appear as their persona's content when submitted (prompts announces them; it never
imports content), follow their edits, vanish from lists with a deleted persona, and answers given before
content existed are published by the data migration."""

from datetime import timedelta

import pytest
from django.apps import apps
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.test import Client
from django.utils import timezone

from content.models import ContentItem, ContentKind
from core.testing.databases import needs_postgresql
from persona.services import persona_delete
from prompts.models import Answer
from prompts.services import answer_create, answer_update
from prompts.tests.factories import AnswerFactory, PromptFactory

pytestmark = pytest.mark.django_db


def test_a_submitted_answer_appears_as_content_of_its_persona(nova, alice):
    prompt = PromptFactory(title="Explain recursion")

    answer = answer_create(persona=nova, prompt=prompt, actor=alice, text="A function that calls itself.")

    item = ContentItem.objects.get()
    assert (item.kind, item.persona, item.answer, item.author) == (
        ContentKind.PROMPT_ANSWER,
        nova,
        answer,
        alice,
    )
    assert (item.title, item.body) == ("Explain recursion", "A function that calls itself.")
    page = Client().get(item.get_absolute_url()).content.decode()
    assert f"/prompts/answers/{answer.pk}/" in page


def test_an_edited_answer_edits_its_content(nova, alice):
    answer = answer_create(persona=nova, prompt=PromptFactory(), actor=alice, text="First try.")

    answer_update(answer=answer, actor=alice, text="Second, better try.")

    assert ContentItem.objects.get().body == "Second, better try."


def test_a_deleted_personas_answers_vanish_from_the_content_lists(nova, alice):
    answer_create(persona=nova, prompt=PromptFactory(), actor=alice, text="Gone soon.")
    assert Client().get("/content/").context["items"]

    persona_delete(persona=nova, actor=alice)

    assert Client().get("/content/").context["items"] == []


def publish_earlier_answers() -> None:
    loader = MigrationLoader(None, ignore_no_migrations=True)
    migration = next(
        migration
        for (app, name), migration in loader.disk_migrations.items()
        if app == "content" and name.endswith("published_answers")
    )
    publish = next(
        op for op in migration.operations if getattr(op.code, "__name__", "") == "publish_earlier_answers"
    )
    with connection.schema_editor(atomic=False) as editor:
        publish.code(apps, editor)


@needs_postgresql  # SQLite's schema editor refuses to open inside the test's transaction
def test_the_migration_publishes_answers_given_before_content_once_dated_when_given(nova):
    answered_at = timezone.now() - timedelta(days=40)
    answer = AnswerFactory(persona=nova, text="An old answer.")
    ContentItem.objects.all().delete()  # as before content existed
    Answer.objects.filter(pk=answer.pk).update(created_at=answered_at)

    publish_earlier_answers()
    publish_earlier_answers()

    item = ContentItem.objects.get()
    assert (item.answer_id, item.body, item.kind, item.created_at) == (
        answer.pk,
        "An old answer.",
        ContentKind.PROMPT_ANSWER,
        answered_at,
    )
