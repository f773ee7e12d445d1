"""The one way Yayay talks to language models: any server that speaks OpenAI's chat completions API
(a hosted API, Ollama, vLLM, llama.cpp's server), configured by LLM_BASE_URL, LLM_API_KEY, LLM_MODEL
and LLM_TIMEOUT_SECONDS.

- The timeout bounds each wait on the server: connecting, the whole reply when not streaming, and
  each piece of a stream. A timed-out call is not repeated: the user has waited long enough.
- 429, 5xx and an unreachable server are retried, MAX_ATTEMPTS in all, after the server's Retry-After
  or else 0.5 s, then 1 s. A server that asks for more than MAX_RETRY_WAIT_SECONDS is not waited for:
  the caller hears at once, with the delay, so the user can be told when to come back.
- Every call logs one line on "yayay.llm" (event=llm.call): purpose, model, outcome, HTTP status,
  attempts, latency and the token counts the server reports. Never the messages nor the reply.
"""

import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import requests
from django.conf import settings
from django.core.exceptions import ValidationError
from urllib3.exceptions import ReadTimeoutError

from core.json_validation import json_parse
from core.llm.errors import (
    LLMMalformedReply,
    LLMNotConfigured,
    LLMRateLimited,
    LLMRefused,
    LLMServerError,
    LLMTimeout,
)
from core.llm.sse import sse_data

logger = logging.getLogger("yayay.llm")
MAX_ATTEMPTS = 3
FIRST_BACKOFF_SECONDS = 0.5
MAX_RETRY_WAIT_SECONDS = 10
MAX_REPLY_BYTES = 4 * 1024 * 1024  # a chat completion is a few kilobytes; far bigger is no reply of ours
CUT_OFF = "The language model's reply was cut off. Please try again."


@dataclass(frozen=True)
class LLMConfig:
    base_url: str
    model: str
    api_key: str
    timeout_seconds: float

    @property
    def is_configured(self) -> bool:
        return bool(self.base_url and self.model)


def llm_config(
    *, base_url: str = "", api_key: str = "", model: str = "", timeout_seconds: float | None = None
) -> LLMConfig:
    """The LLM_* settings, each overridden by a feature's own setting where that is set (the grader's
    PROMPTS_SCORER_*). A feature naming its own server sends only its own key: LLM_API_KEY is for
    LLM_BASE_URL and never goes to another host."""
    if not base_url:
        base_url, api_key = settings.LLM_BASE_URL, api_key or settings.LLM_API_KEY
    return LLMConfig(
        base_url=base_url,
        model=model or settings.LLM_MODEL,
        api_key=api_key,
        timeout_seconds=timeout_seconds or settings.LLM_TIMEOUT_SECONDS,
    )


def llm_is_configured(config: LLMConfig | None = None) -> bool:
    """Whether features that need a model can offer it; without one they say how to configure it."""
    return (config or llm_config()).is_configured


@dataclass(frozen=True)
class Completion:
    text: str
    model: str  # as the server names it, often more precisely than LLM_MODEL ("gpt-4o-2024-08-06")


def chat_complete(
    *, messages: list[dict], purpose: str, config: LLMConfig | None = None, **options
) -> Completion:
    """The model's whole reply to `messages`. `purpose` names the feature in the log line; `options`
    (temperature, max_tokens, ...) go into the request as they are."""
    call = _Call(_configured(config), purpose)
    with call:
        response = call.post({"model": call.config.model, "messages": messages, **options}, stream=False)
        return call.completion(response)


def chat_stream(
    *, messages: list[dict], purpose: str, config: LLMConfig | None = None, **options
) -> Iterator[str]:
    """The model's reply to `messages` as it arrives, piece by piece. The request goes out at the first
    next(); leaving the loop early ends the call (logged as cancelled)."""
    call = _Call(_configured(config), purpose)
    body = {"model": call.config.model, "messages": messages, **options, "stream": True}
    body["stream_options"] = {"include_usage": True}  # the token counts arrive in a last, choiceless chunk
    return _stream(call, body)


def _configured(config: LLMConfig | None) -> LLMConfig:
    config = config or llm_config()
    if not config.is_configured:
        raise LLMNotConfigured()
    return config


def _stream(call: "_Call", body: dict) -> Iterator[str]:
    with call:
        response = call.post(body, stream=True)
        with response:
            yield from call.deltas(response)


class _Call:
    """One call to the model: its attempts, what the server reported, and the log line when it ends."""

    def __init__(self, config: LLMConfig, purpose: str):
        self.config, self.purpose, self.model = config, purpose, config.model
        self.started = time.monotonic()
        self.attempts, self.status, self.usage = 0, None, {}

    def __enter__(self):
        return self

    def __exit__(self, exc_type, error, traceback):
        if error is None:
            self._log("ok")
        elif isinstance(error, GeneratorExit):
            self._log("cancelled")
        else:
            self._log(getattr(error, "outcome", "error"))
        return False

    def post(self, body: dict, *, stream: bool) -> requests.Response:
        """The first 200 answer, retrying what may pass in a moment; raises the last failure otherwise."""
        while True:
            self.attempts += 1
            try:
                return self._attempt(body, stream=stream)
            except (LLMRateLimited, LLMServerError) as failure:
                wait = failure.retry_after
                if wait is None:
                    wait = FIRST_BACKOFF_SECONDS * 2 ** (self.attempts - 1)
                if self.attempts == MAX_ATTEMPTS or wait > MAX_RETRY_WAIT_SECONDS:
                    raise
            time.sleep(wait)

    def _attempt(self, body: dict, *, stream: bool) -> requests.Response:
        headers = {"Authorization": f"Bearer {self.config.api_key}"} if self.config.api_key else {}
        url = self.config.base_url.rstrip("/") + "/chat/completions"
        try:
            response = requests.post(
                url, json=body, headers=headers, timeout=self.config.timeout_seconds, stream=stream
            )
        except requests.Timeout:
            raise LLMTimeout(self.config.timeout_seconds) from None
        except requests.RequestException:
            raise LLMServerError() from None
        self.status = response.status_code
        if response.status_code != 200:
            response.close()
            raise _http_failure(response)
        return response

    def completion(self, response: requests.Response) -> Completion:
        try:
            reply = json_parse(response.content, max_bytes=MAX_REPLY_BYTES)
            text = reply["choices"][0]["message"]["content"]
        except (ValidationError, KeyError, IndexError, TypeError):
            raise LLMMalformedReply() from None
        if not isinstance(text, str):
            raise LLMMalformedReply()
        self._note(reply)
        return Completion(text=text, model=self.model)

    def deltas(self, response: requests.Response) -> Iterator[str]:
        """The text of each chunk until `data: [DONE]`. A stream that ends before any choice finished
        was cut off (the server died mid-reply): that is an error, not a short reply."""
        finished = False
        try:
            for data in sse_data(response.iter_lines()):
                if data == "[DONE]":
                    return
                for choice in self._chunk_choices(data):
                    finished = finished or choice.get("finish_reason") is not None
                    text = (choice.get("delta") or {}).get("content")
                    if text:
                        yield text
        except requests.RequestException as error:
            raise _mid_stream_failure(error, self.config.timeout_seconds) from None
        except UnicodeDecodeError:
            raise LLMMalformedReply() from None
        if not finished:
            raise LLMServerError(CUT_OFF)

    def _chunk_choices(self, data: str) -> list[dict]:
        try:
            chunk = json_parse(data, max_bytes=MAX_REPLY_BYTES)
        except ValidationError:
            raise LLMMalformedReply() from None
        if isinstance(chunk, dict) and "error" in chunk:  # servers report failures mid-stream this way
            raise LLMServerError()
        choices = chunk.get("choices") if isinstance(chunk, dict) else None
        if not isinstance(choices, list) or not all(_is_choice_delta(choice) for choice in choices):
            raise LLMMalformedReply()
        self._note(chunk)
        return choices

    def _note(self, reply: dict) -> None:
        """Keep the model's own name and the token counts, when the server reports them."""
        if isinstance(reply.get("model"), str) and reply["model"].strip():
            self.model = reply["model"].strip()
        usage = reply.get("usage")
        if isinstance(usage, dict):
            for name in ("prompt_tokens", "completion_tokens"):
                if isinstance(usage.get(name), int) and not isinstance(usage[name], bool):
                    self.usage[name] = usage[name]

    def _log(self, outcome: str) -> None:
        fields = {
            "event": "llm.call",
            "purpose": self.purpose,
            "model": self.model,
            "outcome": outcome,
            "status": self.status,
            "attempts": self.attempts,
            "latency_ms": round((time.monotonic() - self.started) * 1000),
            **self.usage,
        }
        level = logging.INFO if outcome in ("ok", "cancelled") else logging.WARNING
        extra = {name: value for name, value in fields.items() if value is not None}
        logger.log(level, "language model call: %s", outcome, extra=extra)


def _is_choice_delta(choice) -> bool:
    """A streamed choice: a delta whose content is text or absent (the last chunk of some servers
    carries only a finish_reason, without a delta)."""
    if not isinstance(choice, dict):
        return False
    delta = choice.get("delta") or {}
    return isinstance(delta, dict) and isinstance(delta.get("content"), str | None)


def _http_failure(response: requests.Response):
    retry_after = _retry_after_seconds(response.headers.get("Retry-After"))
    if response.status_code == 429:
        return LLMRateLimited(retry_after)
    if response.status_code >= 500:
        return LLMServerError(retry_after=retry_after)
    if response.status_code >= 400:
        return LLMRefused(response.status_code)
    return LLMMalformedReply()  # a 1xx, 2xx or 3xx other than 200 is no chat completion


def _mid_stream_failure(error: requests.RequestException, timeout_seconds: float):
    """requests reports a read that timed out mid-stream as a ConnectionError around urllib3's error."""
    if error.args and isinstance(error.args[0], ReadTimeoutError):
        return LLMTimeout(timeout_seconds)
    return LLMServerError(CUT_OFF)


def _retry_after_seconds(value: str | None) -> float | None:
    """Retry-After in seconds, given as a number of seconds or as an HTTP date; None when absent or
    unreadable."""
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return max(0.0, (moment - datetime.now(UTC)).total_seconds())
