"""Fitting a conversation into the model's context window (LLM_CONTEXT_TOKENS), for every feature that
sends one. Tokens are estimated, not counted: a tokenizer per model is more than a trim needs, and
LLM_CHARS_PER_TOKEN characters per token (4 by default: about right for English with OpenAI's and
Llama's tokenizers) errs on the generous side for most text. Each message also costs
MESSAGE_OVERHEAD_TOKENS for its role and separators."""

import math

from django.conf import settings

MESSAGE_OVERHEAD_TOKENS = 4


def tokens_estimate(message: dict) -> int:
    return (
        math.ceil(len(message.get("content") or "") / settings.LLM_CHARS_PER_TOKEN) + MESSAGE_OVERHEAD_TOKENS
    )


def messages_within_budget(*, system: dict, conversation: list[dict], reply_tokens: int) -> list[dict]:
    """The system message and as many of the newest messages as fit in LLM_CONTEXT_TOKENS, keeping
    `reply_tokens` free for the reply. The oldest go first; the system message and the newest message
    always stay (without the newest there is nothing to answer; a server that finds them too long says
    so itself)."""
    budget = settings.LLM_CONTEXT_TOKENS - reply_tokens - tokens_estimate(system)
    kept: list[dict] = []
    for message in reversed(conversation):
        budget -= tokens_estimate(message)
        if budget < 0 and kept:
            break
        kept.append(message)
    return [system, *reversed(kept)]
