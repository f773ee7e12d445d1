import time

import pytest

from core.testing.http_server import RecordingServer
from leveling.models import PersonaSkill
from prompts.models import SkillScore
from prompts.services import answer_create
from prompts.tests.test_autoscoring import completion


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_celery_worker_grades_the_answer_after_the_request(
    settings, celery_worker_on_redis, persona, prompt, alice
):
    with RecordingServer() as chat_api:
        chat_api.body = completion({"scores": {"reasoning": 9, "clarity": 7}})
        settings.PROMPTS_AUTO_SCORER = "openai_chat"
        settings.PROMPTS_SCORER_BASE_URL = f"{chat_api.url}/v1"
        settings.PROMPTS_SCORER_MODEL = "grader-mini"

        answer = answer_create(persona=persona, prompt=prompt, actor=alice, text="Base case first.")

        deadline = time.monotonic() + 30
        while SkillScore.objects.filter(answer=answer).count() < 2 and time.monotonic() < deadline:
            time.sleep(0.2)

    assert sorted(SkillScore.objects.filter(answer=answer).values_list("score", flat=True)) == [7, 9]
    assert PersonaSkill.objects.get(persona=persona, skill__slug="reasoning").level > 1
