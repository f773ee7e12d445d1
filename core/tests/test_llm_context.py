"""Trimming a conversation to the context budget: oldest first, never the system message nor the newest."""

from core.llm.context import MESSAGE_OVERHEAD_TOKENS, messages_within_budget, tokens_estimate

SYSTEM = {"role": "system", "content": "s" * 400}  # 100 tokens at 4 characters a token, and the overhead


def said(number: int) -> dict:
    return {"role": "user", "content": f"{number}" * 40}  # 10 tokens and the overhead


def test_the_estimate_counts_characters_per_token_and_an_overhead(settings):
    settings.LLM_CHARS_PER_TOKEN = 4

    assert tokens_estimate({"role": "user", "content": "x" * 9}) == 3 + MESSAGE_OVERHEAD_TOKENS


def test_what_fits_is_sent_whole(settings):
    settings.LLM_CONTEXT_TOKENS, settings.LLM_CHARS_PER_TOKEN = 1000, 4
    conversation = [said(n) for n in range(5)]

    assert messages_within_budget(system=SYSTEM, conversation=conversation, reply_tokens=100) == [
        SYSTEM,
        *conversation,
    ]


def test_the_oldest_go_first(settings):
    settings.LLM_CONTEXT_TOKENS, settings.LLM_CHARS_PER_TOKEN = 104 + 50 + 3 * 14, 4
    conversation = [said(n) for n in range(6)]

    kept = messages_within_budget(system=SYSTEM, conversation=conversation, reply_tokens=50)

    assert kept == [SYSTEM, *conversation[-3:]]


def test_the_system_message_and_the_newest_stay_even_over_budget(settings):
    settings.LLM_CONTEXT_TOKENS, settings.LLM_CHARS_PER_TOKEN = 10, 4
    conversation = [said(1), said(2)]

    assert messages_within_budget(system=SYSTEM, conversation=conversation, reply_tokens=5) == [
        SYSTEM,
        said(2),
    ]
