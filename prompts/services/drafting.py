"""Answers drafted by the persona itself: its definitions and the prompt go to the language model
(core.llm); the owner edits the draft and submits it through answer_create, token included."""

from dataclasses import dataclass

from core.llm import LLMMalformedReply, chat_complete
from persona.definitions import persona_system_message
from persona.models import Persona
from prompts.models import MAX_ANSWER_LENGTH, MAX_MODEL_NAME_LENGTH, Prompt
from prompts.services.answers import answer_check_allowed, answer_draft_token

DRAFT_MAX_TOKENS = 2000  # about 8,000 characters: room for a full answer within MAX_ANSWER_LENGTH


@dataclass(frozen=True)
class AnswerDraft:
    text: str
    model: str
    token: str  # for answer_create(draft_token=...)


def answer_draft(*, persona: Persona, prompt: Prompt, actor) -> AnswerDraft:
    """The persona's answer to the prompt, written by the model for someone who may answer for it.
    Nothing is saved: the draft is the author's to edit and submit, or to discard."""
    answer_check_allowed(persona=persona, prompt=prompt, actor=actor)
    completion = chat_complete(
        messages=answer_draft_messages(persona=persona, prompt=prompt),
        purpose="answer_draft",
        max_tokens=DRAFT_MAX_TOKENS,
    )
    text = completion.text.strip()[:MAX_ANSWER_LENGTH]
    if not text:
        raise LLMMalformedReply("The language model sent an empty answer. Please try again.")
    model = completion.model[:MAX_MODEL_NAME_LENGTH]
    return AnswerDraft(
        text=text, model=model, token=answer_draft_token(prompt=prompt, actor=actor, model=model)
    )


def answer_draft_messages(*, persona: Persona, prompt: Prompt) -> list[dict]:
    skills = ", ".join(skill.name for skill in prompt.skills.all())
    task = (
        f"Answer this prompt; reviewers will score the answer for {skills}.\n\n"
        f"{prompt.title}\n\n{prompt.text}\n\n"
        "Write the answer in your own voice. Reply with the answer only, without a preamble."
    )
    return [persona_system_message(persona=persona), {"role": "user", "content": task}]
