"""Messaging drafts: for a persona, a tone and a message type, the configured language model writes three
variants (headline, body, call to action) grounded in the persona's needs and research profile.
Nothing is stored but the audit entry; the caller shows the variants."""

from typing import Annotated

from django.core.exceptions import ValidationError
from django.db import models
from pydantic import BaseModel, ConfigDict, Field, StringConstraints
from pydantic import ValidationError as PydanticValidationError

from core.exceptions import ConflictError
from core.json_validation import json_parse
from core.llm import LLMMalformedReply, LLMNotConfigured, chat_complete, llm_is_configured
from insights.models import AuditAction, NeedsAnalysis, ResearchProfile
from insights.services.audit import audit_record
from persona import rules
from persona.services.common import require

PURPOSE = "insights.messaging"
VARIANT_COUNT = 3


class Tone(models.TextChoices):
    PROFESSIONAL = "professional", "Professional"
    FRIENDLY = "friendly", "Friendly"
    PLAYFUL = "playful", "Playful"
    EMPATHETIC = "empathetic", "Empathetic"
    URGENT = "urgent", "Urgent"


class MessageType(models.TextChoices):
    EMAIL = "email", "E-mail"
    AD = "ad", "Advertisement"
    SOCIAL_POST = "social_post", "Social media post"
    LANDING_PAGE = "landing_page", "Landing page"
    PUSH = "push_notification", "Push notification"


class MessageVariant(BaseModel):
    model_config = ConfigDict(extra="ignore")

    headline: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
    body: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=3000)]
    call_to_action: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]


class MessagingReply(BaseModel):
    variants: list[MessageVariant] = Field(min_length=VARIANT_COUNT, max_length=VARIANT_COUNT)


def _grounding(persona) -> str:
    """What the model is told about the audience: segment, profile and the ranked needs."""
    lines = [f"Persona: {persona.name}. {persona.description}"]
    profile = ResearchProfile.objects.filter(persona=persona).first()
    if profile:
        facts = [profile.segment_name, profile.occupation, profile.location]
        lines.append("Segment: " + ", ".join(fact for fact in facts if fact))
        if profile.values:
            lines.append("Values: " + ", ".join(profile.values))
    analysis = NeedsAnalysis.objects.filter(persona=persona).first()
    if analysis and analysis.has_document:
        needs = analysis.needs.ranked()
        lines += [f"Job: {job.statement}" for job in needs.jobs_to_be_done[:5]]
        lines += [f"Pain (severity {p.severity}): {p.title}. {p.description}" for p in needs.pain_points[:5]]
        lines += [f"Desired outcome: {o.statement}" for o in needs.desired_outcomes[:5]]
    return "\n".join(lines)


def _messages(persona, tone: str, message_type: str) -> list[dict]:
    kind = MessageType(message_type).label
    instructions = (
        f"You write marketing copy. Write {VARIANT_COUNT} different variants of a {kind} "
        f"in a {tone} tone for the audience below, each addressing their real needs and pains. Reply with "
        'one JSON object and nothing else: {"variants": [{"headline": "...", "body": "...", '
        '"call_to_action": "..."}, ...]}'
    )
    return [{"role": "system", "content": instructions}, {"role": "user", "content": _grounding(persona)}]


def _parse(text: str) -> list[MessageVariant]:
    try:
        return MessagingReply.model_validate(json_parse(text.strip())).variants
    except (ValidationError, PydanticValidationError):
        raise LLMMalformedReply(
            "The language model's reply had no three message variants. Please try again."
        ) from None


def messaging_generate(*, persona, actor, tone: str, message_type: str) -> list[MessageVariant]:
    """Three variants from the LLM_* model. Anyone signed in who may open the persona may ask. Without a
    configured model, ConflictError saying how to configure one; core.llm errors (busy, failed,
    malformed reply) reach the caller with a message fit to show."""
    require(
        rules.can_view(actor, persona) and actor.is_authenticated,
        "You cannot write messages for this persona.",
    )
    if tone not in Tone.values:
        raise ValidationError({"tone": f"Choose one of: {', '.join(Tone.values)}."})
    if message_type not in MessageType.values:
        raise ValidationError({"message_type": f"Choose one of: {', '.join(MessageType.values)}."})
    if not llm_is_configured():
        # The server's set-up, not a failure: 409, with how to configure a model.
        raise ConflictError(LLMNotConfigured.default_message)
    completion = chat_complete(
        messages=_messages(persona, tone, message_type),
        purpose=PURPOSE,
        temperature=0.8,
        response_format={"type": "json_object"},
    )
    variants = _parse(completion.text)
    details = {"tone": tone, "message_type": message_type, "model": completion.model}
    audit_record(persona=persona, action=AuditAction.MESSAGING, user=actor, details=details)
    return variants
