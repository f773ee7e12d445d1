"""Plain dicts of a persona's profile and needs for the API (and insviews' details), one shape each."""

from insights.models import BIG_FIVE_FIELDS, HOFSTEDE_FIELDS, ResearchProfile
from insights.selectors import NeedsState
from insights.services.profiles import PROFILE_FIELDS


def profile_output(persona, profile: ResearchProfile | None) -> dict:
    """The profile's fields (empty ones when there is none yet), Big Five and Hofstede as objects."""
    exists = profile is not None
    profile = profile or ResearchProfile(persona=persona)
    flat = {
        name: getattr(profile, name)
        for name in PROFILE_FIELDS
        if name not in BIG_FIVE_FIELDS + HOFSTEDE_FIELDS
    }
    return {
        "persona_id": persona.pk,
        "exists": exists,
        **flat,
        "big_five": profile.big_five,
        "hofstede": profile.hofstede,
        "created_at": profile.created_at if exists else None,
        "updated_at": profile.updated_at if exists else None,
    }


def needs_output(persona, state: NeedsState, *, viewer) -> dict:
    """The needs document (ranked, with computed scores; chat quotes for the owner only) and where its
    generation stands."""
    analysis = state.analysis
    return {
        "persona_id": persona.pk,
        "status": state.status,
        "out_of_date": state.out_of_date,
        "generator": analysis.generator if analysis else "",
        "generated_at": analysis.generated_at if analysis else None,
        "sources_seen_until": analysis.sources_seen_until if analysis else None,
        "last_error": state.last_error,
        "document": state.document_for(viewer).model_dump(mode="json"),
    }
