"""Needs analyzers: each turns a persona's sources (insights.sources) into an insights.schema.NeedsDocument.
INSIGHTS_ANALYZER chooses one: "offline" (built in) or "llm" (the LLM_* model through core.llm)."""

from dataclasses import dataclass

from django.conf import settings

from insights.analyzers.llm import LLM_PREFIX, analyze_with_llm
from insights.analyzers.offline import NAME as OFFLINE
from insights.analyzers.offline import analyze_offline
from insights.schema import NeedsDocument
from insights.sources import Source


class AnalyzerFailed(Exception):
    """The analyzer gave no usable document; the message is fit to show the persona's editors."""


@dataclass(frozen=True)
class Analysis:
    document: NeedsDocument
    generator: str  # "offline" or "llm:<model as the server named it>"


def analyzer_name() -> str:
    return settings.INSIGHTS_ANALYZER


def needs_analyze(*, persona, sources: list[Source]) -> Analysis:
    """Run the configured analyzer; AnalyzerFailed when it cannot give a valid document."""
    if analyzer_name() == OFFLINE:
        return Analysis(analyze_offline(sources), OFFLINE)
    document, model = analyze_with_llm(persona=persona, sources=sources, failure=AnalyzerFailed)
    return Analysis(document, f"{LLM_PREFIX}{model}")
