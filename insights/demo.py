"""Demo research data for `manage.py seed_demo`: research profiles, focus-group prompts with answers that
the offline analyzer turns into needs, the needs themselves and an audit trail. Idempotent: prompts are
found by title, answers by persona and prompt, profiles and analyses by persona."""

from django.contrib.auth import get_user_model

from insights.models import (
    BIG_FIVE_FIELDS,
    HOFSTEDE_FIELDS,
    AuditAction,
    AuditEntry,
    EducationLevel,
    IncomeBracket,
    NeedsAnalysis,
)
from insights.services.audit import audit_record
from insights.services.generation import needs_generation_run
from insights.services.needs import needs_analysis_lock
from insights.services.profiles import research_profile_save
from leveling.models import Skill
from persona.models import Persona
from prompts.models import Answer, Prompt
from prompts.services import answer_create, prompt_create

# (title, text, skill slug): focus-group questions, each assessing one skill like any prompt.
RESEARCH_PROMPTS = [
    (
        "Describe a typical week of cooking at home",
        "What do you cook, when, and what gets in the way?",
        "clarity",
    ),
    ("Tell us about the last time something went wrong", "What happened, and how did it feel?", "empathy"),
    ("What would make your week easier?", "Dream a little: what would you change?", "creativity"),
]
# Focus-group answers, written to hold goals, pains and wishes the offline analyzer finds.
RESEARCH_ANSWERS = {
    "Chef Basil": [
        "When I get home after a long shift, I want to cook something healthy in twenty minutes so I can "
        "still eat with my kids. Planning meals takes too long every week. I hate throwing food away "
        "because I bought too much.",
        "Last Saturday the delivery app crashed twice and my order failed. I was so frustrated that I "
        "drove to the shop instead. Organic vegetables are expensive and I'm worried about the budget.",
        "I wish I could see a week of recipes that use what is already in my fridge. Ideally, the "
        "shopping list would be ready in under 5 minutes. I need to keep the grocery bill under 80 euros.",
    ],
    "Nova the Navigator": [
        "Whenever I plan a weekend away, I'm trying to find a route with fewer crowds so that the trip "
        "feels calm. Comparing train times is confusing and takes too long.",
        "The booking site failed when I paid, and I was stressed for an hour about whether the tickets "
        "existed. Last-minute tickets are expensive.",
        "It would be great if one app showed trains, buses and ferries together. I want to plan a "
        "weekend trip in a single evening.",
    ],
}
RESEARCH_PROFILES = {
    "Chef Basil": {
        "age": 38,
        "gender": "male",
        "location": "Bologna, Italy",
        "occupation": "Nurse working shifts",
        "education_level": EducationLevel.BACHELOR,
        "income_bracket": IncomeBracket.MIDDLE,
        **dict(zip(BIG_FIVE_FIELDS, (0.7, 0.8, 0.5, 0.8, 0.4), strict=True)),
        **dict(zip(HOFSTEDE_FIELDS, (0.5, 0.6, 0.4, 0.7, 0.6, 0.5), strict=True)),
        "values": ["family", "health", "thrift"],
        "interests": ["cooking", "gardening"],
        "background_story": "Cooks for two children between hospital shifts; plans meals on Sunday nights.",
        "segment_id": "home-cooks-01",
        "segment_name": "Busy budget home cooks",
        "context": {"source": "Demo focus group, spring 2026", "participants": 12},
    },
    "Nova the Navigator": {
        "age": 29,
        "gender": "female",
        "location": "Rotterdam, Netherlands",
        "occupation": "Logistics planner",
        "education_level": EducationLevel.MASTER,
        "income_bracket": IncomeBracket.UPPER_MIDDLE,
        **dict(zip(BIG_FIVE_FIELDS, (0.9, 0.7, 0.6, 0.6, 0.3), strict=True)),
        **dict(zip(HOFSTEDE_FIELDS, (0.3, 0.8, 0.4, 0.5, 0.7, 0.7), strict=True)),
        "values": ["freedom", "sustainability"],
        "interests": ["rail travel", "hiking", "photography"],
        "background_story": "Takes a weekend trip a month, by train wherever possible.",
        "segment_id": "weekend-travel-02",
        "segment_name": "Car-free weekend travellers",
        "context": {"source": "Demo travel survey", "respondents": 240},
    },
}


def _research_prompts(moderator) -> list[Prompt]:
    return [
        Prompt.objects.filter(title=title).first()
        or prompt_create(
            actor=moderator, title=title, text=text, skills=[{"skill": Skill.objects.get(slug=skill).pk}]
        )
        for title, text, skill in RESEARCH_PROMPTS
    ]


def _seed_persona(persona, prompts) -> None:
    for prompt, text in zip(prompts, RESEARCH_ANSWERS[persona.name], strict=True):
        if not Answer.objects.filter(persona=persona, prompt=prompt).exists():
            answer_create(persona=persona, prompt=prompt, actor=persona.owner, text=text)
    if not hasattr(persona, "research_profile"):
        research_profile_save(persona=persona, actor=persona.owner, **RESEARCH_PROFILES[persona.name])
    analysis = NeedsAnalysis.objects.filter(persona=persona).first()
    if analysis is None or not analysis.has_document:
        task_id = f"demo-{persona.pk}"
        analysis = needs_analysis_lock(persona=persona)
        analysis.task_id = task_id
        analysis.save(update_fields=["task_id"])
        needs_generation_run(persona=persona, task_id=task_id)
    if not AuditEntry.objects.filter(persona=persona, action=AuditAction.VIEW).exists():
        audit_record(persona=persona, action=AuditAction.VIEW, user=persona.owner, details={"demo": True})
        audit_record(
            persona=persona, action=AuditAction.EXPORT, user=persona.owner, details={"format": "pdf"}
        )


def seed(*, stdout) -> None:
    moderator = get_user_model().objects.get(username="maude")
    prompts = _research_prompts(moderator)
    seeded = []
    for name in RESEARCH_ANSWERS:
        persona = Persona.objects.filter(name=name).first()
        if persona is not None:
            _seed_persona(persona, prompts)
            seeded.append(name)
    stdout.write(f"Insights: research profiles, answers, needs and audit entries for {', '.join(seeded)}.")
