from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.exceptions import ConflictError
from leveling.models import PersonaAchievement
from persona.models import Visibility
from persona.services import persona_archive, persona_share
from persona.tests.factories import PersonaFactory
from prompts.models import Answer
from prompts.services import answer_create, answer_update, skill_score_record
from prompts.tests.factories import AnswerFactory, PromptFactory

pytestmark = pytest.mark.django_db


def test_the_owner_answers_and_earns_first_answer(persona, prompt, alice):
    answer = answer_create(persona=persona, prompt=prompt, actor=alice, text="Recursion calls itself.")
    assert answer.author == alice
    assert PersonaAchievement.objects.filter(persona=persona, achievement__code="first-answer").exists()


def test_an_editor_answers_but_a_user_or_stranger_cannot(persona, prompt, bob, charlie):
    persona_share(persona=persona, actor=persona.owner, username="bob", role="use")
    with pytest.raises(PermissionDenied):
        answer_create(persona=persona, prompt=prompt, actor=bob, text="Hi")
    with pytest.raises(PermissionDenied):
        answer_create(persona=persona, prompt=prompt, actor=charlie, text="Hi")
    persona_share(persona=persona, actor=persona.owner, username="bob", role="edit")
    assert answer_create(persona=persona, prompt=prompt, actor=bob, text="Hi").author == bob


def test_one_answer_per_persona_and_prompt(persona, prompt, alice):
    answer_create(persona=persona, prompt=prompt, actor=alice, text="First")
    with pytest.raises(ValidationError) as error:
        answer_create(persona=persona, prompt=prompt, actor=alice, text="Second")
    assert "prompt" in error.value.message_dict
    assert Answer.objects.count() == 1


@pytest.mark.parametrize("text", ["", "   ", "x" * 10001])
def test_answer_text_is_1_to_10000_characters(persona, prompt, alice, text):
    with pytest.raises(ValidationError) as error:
        answer_create(persona=persona, prompt=prompt, actor=alice, text=text)
    assert "text" in error.value.message_dict
    assert not Answer.objects.exists()


def test_inactive_prompts_and_archived_personas_take_no_answers(persona, alice):
    with pytest.raises(ValidationError) as error:
        answer_create(persona=persona, prompt=PromptFactory(is_active=False), actor=alice, text="Hi")
    assert "prompt" in error.value.message_dict
    persona = persona_archive(persona=persona, actor=alice)
    with pytest.raises(ValidationError):
        answer_create(persona=persona, prompt=PromptFactory(), actor=alice, text="Hi")


def test_the_author_edits_within_the_window(persona, alice, bob):
    answer = AnswerFactory(persona=persona, author=alice)
    assert answer_update(answer=answer, actor=alice, text="Better").text == "Better"
    with pytest.raises(PermissionDenied):
        answer_update(answer=answer, actor=bob, text="Mine now")


def test_no_edits_after_15_minutes(persona, alice):
    answer = AnswerFactory(persona=persona, author=alice)
    Answer.objects.filter(pk=answer.pk).update(created_at=answer.created_at - timedelta(minutes=16))
    with pytest.raises(ConflictError):
        answer_update(answer=answer, actor=alice, text="Too late")
    answer.refresh_from_db()
    assert answer.text != "Too late"


def test_no_edits_once_scored(persona, alice, rita):
    answer = AnswerFactory(persona=persona, author=alice)
    skill_score_record(answer=answer, skill=answer.prompt.skills.first(), scorer=rita, score=5)
    with pytest.raises(ConflictError):
        answer_update(answer=answer, actor=alice, text="Changed")


@pytest.mark.parametrize("visibility", [Visibility.PUBLIC, Visibility.PRIVATE])
def test_moderators_answer_only_for_personas_they_have_a_stake_in(maude, prompt, visibility):
    others = PersonaFactory(visibility=visibility)
    # Their global change permission lets them moderate a persona, not speak for it.
    with pytest.raises(PermissionDenied):
        answer_create(persona=others, prompt=prompt, actor=maude, text="Moderated")
    assert not Answer.objects.exists()
    assert answer_create(persona=PersonaFactory(owner=maude), prompt=prompt, actor=maude, text="Mine").pk


def test_deleting_a_persona_reports_what_hangs_on_it_from_every_app(persona, prompt, alice, bob):
    from persona.selectors import persona_related_counts
    from persona.services import persona_fork
    from prompts.tests.factories import AnswerFactory, PromptFactory

    AnswerFactory(persona=persona, prompt=prompt)
    AnswerFactory(persona=persona, prompt=PromptFactory())
    persona_fork(persona=persona, actor=bob)

    counts = persona_related_counts(persona=persona)

    assert counts["answers"] == 2
    assert counts["forks"] == 1
    assert counts["skill_levels"] == 12
    assert counts["tutorial_tiers"] == 4
