"""What can go wrong when calling a language model. Each error's message is fit to show the user who
asked; the log line of the call (core.llm.client) carries the technical detail. They are
ApplicationErrors, so the API answers them in its one error shape: 429 when rate limited, 503 otherwise."""

from core.exceptions import ApplicationError

CONFIGURE_HINT = (
    "An administrator sets LLM_BASE_URL and LLM_MODEL (and LLM_API_KEY if the server needs one) "
    "to any OpenAI-compatible server: a hosted API, Ollama, vLLM or llama.cpp."
)


class LLMError(ApplicationError):
    status = 503
    outcome = "error"  # how the call's log line names the failure
    retryable = False  # whether the same request may pass later (the grader's Celery task retries then)
    default_message = "The language model failed. Please try again later."

    def __init__(self, message: str | None = None, *, retry_after: float | None = None):
        super().__init__(message or self.default_message)
        self.retry_after = retry_after  # seconds, when the server said how long to wait


class LLMNotConfigured(LLMError):
    default_message = f"No language model is configured. {CONFIGURE_HINT}"


class LLMTimeout(LLMError):
    outcome = "timeout"
    retryable = True

    def __init__(self, seconds: float):
        super().__init__(f"The language model did not answer within {seconds:g} seconds. Please try again.")


class LLMRateLimited(LLMError):
    status = 429
    outcome = "rate_limited"
    retryable = True

    def __init__(self, retry_after: float | None = None):
        when = f"in {retry_after:.0f} seconds" if retry_after else "in a minute"
        message = f"The language model is busy with too many requests. Please try again {when}."
        super().__init__(message, retry_after=retry_after)


class LLMServerError(LLMError):
    outcome = "server_error"
    retryable = True
    default_message = "The language model's server failed or could not be reached. Please try again later."


class LLMRefused(LLMError):
    """A 4xx other than 429: a wrong key or model name, or a request the server will never accept."""

    outcome = "refused"

    def __init__(self, status_code: int):
        super().__init__(
            f"The language model refused the request (HTTP {status_code}). "
            "An administrator should check LLM_API_KEY and LLM_MODEL."
        )


class LLMMalformedReply(LLMError):
    outcome = "malformed"
    default_message = "The language model sent a reply Yayay cannot read. Please try again."
