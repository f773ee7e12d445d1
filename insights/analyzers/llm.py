"""The needs analyzer that asks the configured language model (core.llm) for a document following
insights.schema.NeedsDocument's JSON schema. A reply that is no JSON or breaks the schema is rejected
and logged (never stored); quotes the model made up (not found in any source) are dropped."""

import json
import logging

from django.core.exceptions import ValidationError

from core.json_validation import json_parse
from core.llm import LLMError, chat_complete
from core.llm.context import messages_within_budget
from insights.schema import NeedsDocument, needs_document_json_schema, needs_document_parse
from insights.sources import Source

logger = logging.getLogger("yayay.insights")
LLM_PREFIX = "llm:"
PURPOSE = "insights.needs"
MAX_SOURCE_CHARS = 2000  # each source: one long answer does not crowd out the others
REPLY_TOKENS = 2048  # kept free in the context window for the document

INSTRUCTIONS = (
    "You are a market researcher. From the persona's answers and chat replies in the next messages, "
    "find its jobs to be done (When <situation>, I want <motivation>, so I can <outcome>), desired "
    "outcomes (importance and current satisfaction 1-10) and pain points (severity 1-10, share of "
    "sources affected 0-1). Quote only exact excerpts of the sources, with their source kind and id. "
    "Reply with one JSON object following this JSON schema, and nothing else:\n"
)


def _messages(persona, sources: list[Source]) -> list[dict]:
    """The instructions, the schema and the persona's name, then one message per source: the newest
    that fit the model's context window (core.llm.context), leaving REPLY_TOKENS for the document."""
    schema = json.dumps(needs_document_json_schema())
    system = {"role": "system", "content": f"{INSTRUCTIONS}{schema}\n\nThe persona: {persona.name}"}
    quoted = [
        {"role": "user", "content": f"[{s.kind} {s.id}] on {s.topic}:\n{s.text[:MAX_SOURCE_CHARS]}"}
        for s in sources
    ] or [{"role": "user", "content": "(The persona has no answers yet.)"}]
    return messages_within_budget(system=system, conversation=quoted, reply_tokens=REPLY_TOKENS)


def _without_invented_quotes(document: NeedsDocument, sources: list[Source]) -> NeedsDocument:
    texts = {(source.kind, source.id): source.text for source in sources}

    def real(quotes):
        return [q for q in quotes if q.text in texts.get((q.source.value, q.source_id), "")]

    for item in [*document.jobs_to_be_done, *document.pain_points]:
        kept = real(item.quotes)
        if len(kept) < len(item.quotes):
            logger.warning("the model invented %s quotes; dropped", len(item.quotes) - len(kept))
        item.quotes = kept
    return document


def analyze_with_llm(
    *, persona, sources: list[Source], failure: type[Exception]
) -> tuple[NeedsDocument, str]:
    """The document and the model's name; `failure` (with a message for editors) when the model fails
    or its reply is malformed."""
    try:
        completion = chat_complete(
            messages=_messages(persona, sources),
            purpose=PURPOSE,
            temperature=0,
            max_tokens=REPLY_TOKENS,
            response_format={"type": "json_object"},
        )
    except LLMError as error:
        raise failure(f"The language model could not analyze the answers: {error}") from None
    try:
        document = needs_document_parse(json_parse(completion.text.strip()))
    except ValidationError as error:
        logger.warning(
            "malformed needs document from the language model rejected: %s",
            "; ".join(error.messages)[:500],
            extra={"event": "insights.llm_malformed", "persona_id": persona.pk},
        )
        raise failure(
            "The language model's reply was not a valid needs document; nothing was changed."
        ) from None
    return _without_invented_quotes(document, sources), completion.model
