"""Replies in the format of OpenAI's chat completions API, for the local server (core.testing.http_server)."""

from core.testing.http_server import Reply

MODEL = "local-test-model"


def completion(text: str, *, model: str = MODEL, usage: dict | None = None) -> dict:
    reply = {
        "id": "chatcmpl-1",
        "object": "chat.completion",
        "model": model,
        "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
    }
    if usage is not None:
        reply["usage"] = usage
    return reply


def streamed(pieces: list[str], *, model: str = MODEL, usage: dict | None = None, **reply) -> Reply:
    """The reply as a stream: one chunk per piece, a finishing chunk, the usage chunk, then [DONE]."""
    chunks = [
        _chunk(model, [{"index": 0, "delta": {"content": piece}, "finish_reason": None}]) for piece in pieces
    ]
    chunks.append(_chunk(model, [{"index": 0, "delta": {}, "finish_reason": "stop"}]))
    if usage is not None:
        chunks.append({**_chunk(model, []), "usage": usage})
    return Reply(events=[*chunks, "[DONE]"], **reply)


def _chunk(model: str, choices: list) -> dict:
    return {"id": "chatcmpl-1", "object": "chat.completion.chunk", "model": model, "choices": choices}
