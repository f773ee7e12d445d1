"""Language models for every feature (the grader, answer drafting, ...): see core.llm.client."""

from core.llm.client import Completion, LLMConfig, chat_complete, chat_stream, llm_config, llm_is_configured
from core.llm.errors import (
    LLMError,
    LLMMalformedReply,
    LLMNotConfigured,
    LLMRateLimited,
    LLMRefused,
    LLMServerError,
    LLMTimeout,
)

__all__ = [
    "Completion",
    "LLMConfig",
    "LLMError",
    "LLMMalformedReply",
    "LLMNotConfigured",
    "LLMRateLimited",
    "LLMRefused",
    "LLMServerError",
    "LLMTimeout",
    "chat_complete",
    "chat_stream",
    "llm_config",
    "llm_is_configured",
]
