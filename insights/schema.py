"""The needs-and-pains document (Jobs-to-be-Done) stored on a NeedsAnalysis, as a pydantic schema.

Every writer (the analyzers, the hand editor, the API) goes through `needs_document_parse`, so a stored
document is always valid. The two opportunity scores of an outcome are computed here, on the server:
they appear in `model_dump()` output but are dropped from input and never stored
(`needs_document_to_storage`), so nobody can set them by hand.
"""

from enum import StrEnum
from typing import Annotated, Any

from django.core.exceptions import ValidationError
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, computed_field, model_validator
from pydantic import ValidationError as PydanticValidationError

Score = Annotated[int, Field(ge=1, le=10)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
MAX_ITEMS = 30
COMPUTED_OUTCOME_FIELDS = ("opportunity_score", "odi_score", "odi_band")


class Frequency(StrEnum):
    DAILY = "daily"
    WEEKLY = "weekly"
    MONTHLY = "monthly"
    OCCASIONALLY = "occasionally"
    RARELY = "rarely"


class Difficulty(StrEnum):
    EASY = "easy"
    MODERATE = "moderate"
    HARD = "hard"


class QuoteSource(StrEnum):
    ANSWER = "answer"
    CHAT = "chat"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Quote(_Strict):
    """A verbatim excerpt of one of the persona's prompt answers or chat replies, with where it is from."""

    text: Annotated[str, StringConstraints(min_length=1, max_length=1000)]
    source: QuoteSource = QuoteSource.ANSWER
    source_id: int | None = None


class Job(_Strict):
    """ "When <situation>, I want <motivation>, so I can <outcome>."""

    situation: Text
    motivation: Text
    outcome: Text
    priority: Score
    frequency: Frequency = Frequency.OCCASIONALLY
    difficulty: Difficulty = Difficulty.MODERATE
    quotes: list[Quote] = Field(default_factory=list, max_length=MAX_ITEMS)

    @computed_field
    @property
    def statement(self) -> str:
        return f"When {self.situation}, I want {self.motivation}, so I can {self.outcome}."


def odi_band(score: int) -> str:
    """Outcome-driven innovation's usual reading of importance + max(importance - satisfaction, 0)."""
    if score > 15:
        return "extreme"
    if score >= 12:
        return "high"
    if score >= 10:
        return "worth a look"
    return "unattractive"


class Outcome(_Strict):
    statement: Text
    importance: Score
    satisfaction: Score
    measurable: bool = False

    @model_validator(mode="before")
    @classmethod
    def _drop_computed(cls, data: Any) -> Any:
        """Scores sent back (a document read from the API and edited) are recomputed, not taken."""
        if isinstance(data, dict):
            return {key: value for key, value in data.items() if key not in COMPUTED_OUTCOME_FIELDS}
        return data

    @computed_field
    @property
    def opportunity_score(self) -> int:
        return self.importance * (self.importance - self.satisfaction)

    @computed_field
    @property
    def odi_score(self) -> int:
        return self.importance + max(self.importance - self.satisfaction, 0)

    @computed_field
    @property
    def odi_band(self) -> str:
        return odi_band(self.odi_score)


class PainPoint(_Strict):
    title: ShortText
    description: Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)] = ""
    severity: Score
    frequency: Frequency = Frequency.OCCASIONALLY
    share_affected: Annotated[float, Field(ge=0, le=1)] = 0.0
    quotes: list[Quote] = Field(default_factory=list, max_length=MAX_ITEMS)
    possible_solutions: list[ShortText] = Field(default_factory=list, max_length=MAX_ITEMS)

    @computed_field
    @property
    def severity_level(self) -> str:
        """high (7-10), medium (4-6), low (1-3): what the page colours red, amber, green and names."""
        return "high" if self.severity >= 7 else "medium" if self.severity >= 4 else "low"


class NeedsDocument(_Strict):
    jobs_to_be_done: list[Job] = Field(default_factory=list, max_length=MAX_ITEMS)
    desired_outcomes: list[Outcome] = Field(default_factory=list, max_length=MAX_ITEMS)
    pain_points: list[PainPoint] = Field(default_factory=list, max_length=MAX_ITEMS)

    def ranked(self) -> "NeedsDocument":
        """Jobs by priority, outcomes by opportunity, pains by severity: highest first."""
        return NeedsDocument(
            jobs_to_be_done=sorted(self.jobs_to_be_done, key=lambda job: -job.priority),
            desired_outcomes=sorted(self.desired_outcomes, key=lambda o: -o.opportunity_score),
            pain_points=sorted(self.pain_points, key=lambda pain: -pain.severity),
        )


def _location(loc: tuple) -> str:
    parts = ""
    for step in loc:
        parts += f"[{step}]" if isinstance(step, int) else (f".{step}" if parts else str(step))
    return parts or "document"


def needs_document_parse(data: Any, *, field: str = "document") -> NeedsDocument:
    """The document, or a Django ValidationError on `field` whose messages name each bad place
    (`pain_points[0].severity: Input should be less than or equal to 10`)."""
    try:
        return NeedsDocument.model_validate(data)
    except PydanticValidationError as error:
        messages = [f"{_location(item['loc'])}: {item['msg']}" for item in error.errors()[:20]]
        raise ValidationError({field: messages}) from None


def needs_document_to_storage(document: NeedsDocument) -> dict:
    """What is stored: the entered values only, never the computed scores."""
    return document.model_dump(mode="json", exclude_computed_fields=True)


def needs_document_json_schema() -> dict:
    """The JSON schema the LLM analyzer asks the model to follow."""
    return NeedsDocument.model_json_schema(mode="validation")
