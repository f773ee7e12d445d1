"""The sections of a persona's details, shared by the details page, compare and export.

A section names the keys of the assembled details (insights.details) it shows; the page, the API's
`sections` and the exports all speak of the same four. `audit_log` belongs to no exportable section:
the timeline is for owners and moderators on the page and in the details API, never in a file.
"""

IDENTITY_FIELDS = ("id", "full_name", "persona_title", "headline")
DEMOGRAPHIC_FIELDS = ("age", "gender", "location", "education_level", "income_bracket", "occupation")
SECTIONS = {
    "overview": (*IDENTITY_FIELDS, "segment_id", "segment_name", "is_active", "created_at", "updated_at"),
    "profile": (*DEMOGRAPHIC_FIELDS, "big_five", "hofstede", "values", "interests", "background_story"),
    "needs": ("needs_and_pains",),
    "insights": ("rag_context_details",),
}
SECTION_NAMES = tuple(SECTIONS)
FIELD_LABELS = {
    "persona_title": "Title",
    "segment_id": "Segment id",
    "segment_name": "Segment",
    "is_active": "Active",
    "created_at": "Created",
    "updated_at": "Updated",
    "education_level": "Education",
    "income_bracket": "Income",
    "big_five": "Big Five",
    "background_story": "Story",
    "needs_and_pains": "Needs and pains",
    "rag_context_details": "Source context",
}
SECTION_LABELS = {"overview": "Overview", "profile": "Profile", "needs": "Needs", "insights": "Insights"}


def sections_normalize(sections) -> tuple[str, ...]:
    """The requested sections in page order, every one when none is asked for; unknown names are the
    caller's to refuse (serializers do, with the field named)."""
    chosen = set(sections or SECTION_NAMES)
    return tuple(name for name in SECTION_NAMES if name in chosen)


def fields_of(sections) -> tuple[str, ...]:
    """The detail keys the sections show, identity always first (a file or column says whose it is)."""
    fields = list(IDENTITY_FIELDS)
    for name in sections_normalize(sections):
        fields += [field for field in SECTIONS[name] if field not in fields]
    return tuple(fields)


def details_restricted_to(details: dict, sections) -> dict:
    return {field: details.get(field) for field in fields_of(sections)}


def field_label(field: str) -> str:
    return FIELD_LABELS.get(field) or field.replace("_", " ").capitalize()
