"""Automatic scoring, chosen by settings.PROMPTS_AUTO_SCORER ("" = off, the default).

"openai_chat" asks the language model (core.llm: LLM_*, each overridden by PROMPTS_SCORER_BASE_URL,
_API_KEY, _MODEL, _TIMEOUT_SECONDS where set) to grade an answer 0-10 on each skill its prompt assesses,
and expects `{"scores": {"<skill slug>": <0..10>, ...}}` back. Only answers of public and unlisted
personas are sent: a private persona's words never leave Yayay.
"""

from typing import Protocol

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError

from core.json_validation import json_parse
from core.llm import LLMError, chat_complete, llm_config
from prompts.models import Answer


class ScorerUnavailable(Exception):
    """The scoring service could not be reached or failed; worth retrying later."""


class ScorerRefused(Exception):
    """The scoring service answered, but not with usable scores; retrying will not help."""


class AnswerScorer(Protocol):
    def score(self, answer: Answer) -> dict[int, int]:
        """Skill id -> score 0..10 for each skill the answer's prompt assesses."""


RUBRIC = (
    "You grade answers written by an AI persona. For each skill listed, give a whole-number score from 0 "
    "(absent) to 10 (outstanding) for how well the answer shows that skill in response to the prompt. "
    'Reply with JSON only: {"scores": {"<skill slug>": <score>, ...}} using exactly the slugs given.'
)


class OpenAIChatScorer:
    def __init__(self):
        self.config = llm_config(
            base_url=settings.PROMPTS_SCORER_BASE_URL,
            api_key=settings.PROMPTS_SCORER_API_KEY,
            model=settings.PROMPTS_SCORER_MODEL,
            timeout_seconds=settings.PROMPTS_SCORER_TIMEOUT,
        )
        if not self.config.is_configured:
            raise ImproperlyConfigured(
                "openai_chat needs a model: LLM_BASE_URL and LLM_MODEL, or PROMPTS_SCORER_BASE_URL and "
                "PROMPTS_SCORER_MODEL for a grader of its own."
            )

    def score(self, answer: Answer) -> dict[int, int]:
        skills = {skill.slug: skill for skill in answer.prompt.skills.all()}
        reply = self._complete(self._messages(answer, skills))
        return _parse_scores(reply, skills)

    def _messages(self, answer: Answer, skills: dict) -> list[dict]:
        skill_lines = "\n".join(
            f"- {slug}: {skill.description or skill.name}" for slug, skill in skills.items()
        )
        task = f"Prompt:\n{answer.prompt.text}\n\nAnswer:\n{answer.text}\n\nSkills:\n{skill_lines}"
        return [{"role": "system", "content": RUBRIC}, {"role": "user", "content": task}]

    def _complete(self, messages: list[dict]) -> str:
        try:
            return chat_complete(messages=messages, purpose="grader", config=self.config, temperature=0).text
        except LLMError as error:
            raise (ScorerUnavailable if error.retryable else ScorerRefused)(error.message) from error


def _parse_scores(reply: str, skills: dict) -> dict[int, int]:
    try:
        scores = json_parse(_strip_code_fence(reply))["scores"]
    except (ValidationError, KeyError, TypeError):
        raise ScorerRefused("The grader's reply is not the JSON asked for.") from None
    if not isinstance(scores, dict) or set(scores) != set(skills):
        raise ScorerRefused(f"The grader scored {sorted(scores or [])}, not {sorted(skills)}.")
    for slug, value in scores.items():
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10:
            raise ScorerRefused(f"The grader gave {slug} an invalid score: {value!r}.")
    return {skills[slug].pk: value for slug, value in scores.items()}


def _strip_code_fence(reply: str) -> str:
    text = reply.strip()
    if text.startswith("```"):
        text = text.strip("`").removeprefix("json").strip()
    return text


SCORERS: dict[str, type] = {"openai_chat": OpenAIChatScorer}


def auto_scorer() -> AnswerScorer | None:
    name = settings.PROMPTS_AUTO_SCORER
    if not name:
        return None
    if name not in SCORERS:
        raise ImproperlyConfigured(f"PROMPTS_AUTO_SCORER={name!r} is unknown; known: {sorted(SCORERS)}.")
    return SCORERS[name]()
