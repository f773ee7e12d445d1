"""The bodies of OpenAI's API: model objects, chat completions and their streamed chunks.

`model` is always the persona's slug, never the upstream model's name (which server and model Yayay
runs on is its operator's business), and no field carries the system message: only the model's reply
leaves Yayay. core.llm does not pass on the upstream finish reason or token counts, so every reply
finishes with "stop" and has no `usage`."""

import json
import time
import uuid
from collections.abc import Iterable, Iterator

from core.llm import LLMError
from persona.models import Persona


def model_object(persona: Persona) -> dict:
    return {
        "id": persona.slug,
        "object": "model",
        "created": int(persona.created_at.timestamp()),
        "owned_by": persona.owner.username,
    }


def model_list(personas: Iterable[Persona]) -> dict:
    return {"object": "list", "data": [model_object(persona) for persona in personas]}


def chat_completion(*, model: str, text: str) -> dict:
    return {
        **_envelope("chat.completion", model),
        "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
    }


def chat_completion_events(*, model: str, pieces: Iterator[str]) -> Iterator[bytes]:
    """Server-sent events as OpenAI streams them: the role, one chunk per piece, a finishing chunk, then
    `data: [DONE]`. A failure after the stream began can no longer change the status: it is reported as
    an error event, as OpenAI does, and the stream ends there."""
    envelope = _envelope("chat.completion.chunk", model)
    yield _event({**envelope, "choices": [_delta({"role": "assistant", "content": ""})]})
    try:
        for piece in pieces:
            yield _event({**envelope, "choices": [_delta({"content": piece})]})
    except LLMError as error:
        yield _event(
            error_body(message=error.message, type="upstream_error", code=f"upstream_{error.outcome}")
        )
        return
    yield _event({**envelope, "choices": [_delta({}, finish_reason="stop")]})
    yield b"data: [DONE]\n\n"


def error_body(*, message: str, type: str, code: str | None, param: str | None = None) -> dict:
    return {"error": {"message": message, "type": type, "param": param, "code": code}}


def _envelope(kind: str, model: str) -> dict:
    return {"id": f"chatcmpl-{uuid.uuid4().hex}", "object": kind, "created": int(time.time()), "model": model}


def _delta(delta: dict, *, finish_reason: str | None = None) -> dict:
    return {"index": 0, "delta": delta, "finish_reason": finish_reason}


def _event(data: dict) -> bytes:
    return f"data: {json.dumps(data, separators=(',', ':'))}\n\n".encode()
