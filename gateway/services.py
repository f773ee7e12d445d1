"""Chat completions as a persona: the persona's system message (its definitions, hidden ones included)
goes first, then the client's conversation as it was sent, to the configured model (core.llm).

Clients such as Open WebUI and SillyTavern send a system message of their own (a user's custom
instructions, a formatting preset): it is kept, after the persona's, so the persona speaks first and
the client's instructions refine it."""

from collections.abc import Iterator
from itertools import chain

from core.llm import chat_complete, chat_stream
from persona.definitions import persona_system_message
from persona.models import Persona
from persona.selectors import persona_definitions_for_chat

PURPOSE = "gateway"  # how core.llm's log line names these calls


def gateway_messages(*, user, persona: Persona, messages: list[dict]) -> list[dict]:
    # The access rule for hidden definitions: whoever may not chat with the persona gets 404 here.
    persona_definitions_for_chat(user=user, persona=persona)
    return [persona_system_message(persona=persona), *messages]


def gateway_complete(*, user, persona: Persona, messages: list[dict], options: dict) -> str:
    """The model's whole reply; `options` (temperature, max_tokens, stop, ...) go to the model as sent."""
    conversation = gateway_messages(user=user, persona=persona, messages=messages)
    return chat_complete(messages=conversation, purpose=PURPOSE, **options).text


def gateway_stream(*, user, persona: Persona, messages: list[dict], options: dict) -> Iterator[str]:
    """The model's reply piece by piece. The first piece is awaited here, before any byte of the answer
    is sent, so a model that fails at once (timeout, 429, 5xx) is answered with its HTTP status."""
    conversation = gateway_messages(user=user, persona=persona, messages=messages)
    pieces = chat_stream(messages=conversation, purpose=PURPOSE, **options)
    first = next(pieces, None)
    return pieces if first is None else chain([first], pieces)
