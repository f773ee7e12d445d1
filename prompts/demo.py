"""Demo prompts, answers and reviewer scores so progress pages show levels, quests and achievements.
Idempotent: prompts are found by title, answers by persona and prompt, scores by their unique key."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from persona.demo import DEMO_PASSWORD
from persona.models import Persona
from prompts.models import Answer, Prompt, SkillScore
from prompts.services import answer_create, prompt_create, skill_scores_record

# (title, text, difficulty, tutorial, {skill slug: weight})
DEMO_PROMPTS = [
    (
        "Explain recursion to a ten-year-old",
        "Use an example from everyday life.",
        1,
        True,
        {"reasoning": 1.0, "clarity": 1.5},
    ),
    (
        "Plan a week of dinners on a budget",
        "Five dinners, one shopping list, under 40 euros.",
        2,
        True,
        {"problem-solving": 1.5, "knowledge": 1.0},
    ),
    (
        "Comfort a friend who failed an exam",
        "Write what you would say.",
        1,
        True,
        {"empathy": 2.0, "clarity": 1.0},
    ),
    ("Invent a new board game", "Rules in under 200 words.", 2, True, {"creativity": 2.0, "breadth": 1.0}),
    (
        "Is a hot dog a sandwich?",
        "Argue one side convincingly.",
        2,
        False,
        {"persuasion": 2.0, "reasoning": 1.0},
    ),
    (
        "Explain how vaccines train the immune system",
        "Accurate, no jargon.",
        3,
        False,
        {"accuracy": 2.0, "domain-expertise": 1.5, "clarity": 1.0},
    ),
    (
        "Rewrite a paragraph as a limerick",
        "Then as a legal notice.",
        3,
        False,
        {"adaptability": 2.0, "creativity": 1.0},
    ),
    (
        "Why is the sky blue, and why are sunsets red?",
        "Go deeper than the usual answer.",
        4,
        False,
        {"depth": 2.0, "knowledge": 1.5, "accuracy": 1.0},
    ),
]
# (persona name, prompt index, answer text, score per skill)
DEMO_ANSWERS = [
    ("Ada the Analyst", 0, "A function that calls itself, like a set of nesting dolls.", 8),
    ("Ada the Analyst", 1, "Lentil curry, pasta, omelettes, bean chilli, fried rice; list below.", 7),
    ("Ada the Analyst", 4, "A sandwich is bread around a filling: by that definition, yes.", 9),
    ("Ada the Analyst", 5, "Vaccines show the body a harmless look-alike so it practises.", 8),
    (
        "Ada the Analyst",
        7,
        "Rayleigh scattering favours short wavelengths; at sunset light travels further.",
        10,
    ),
    ("Captain Quill", 3, "Sea Serpents and Ladders: roll, climb rigging, dodge the serpent.", 9),
    ("Captain Quill", 6, "There once was a clause in a lease...", 8),
    ("Captain Quill", 2, "Ahoy, matey: one stormy sea never sank a good sailor.", 7),
    ("Chef Basil", 1, "Soup Monday, risotto Tuesday, tacos Wednesday...", 9),
    ("Chef Basil", 2, "Come over, I'll cook; we'll talk when you're ready.", 8),
    ("Socratic Sam", 4, "What, then, do you mean by 'sandwich'?", 6),
]


def _reviewer():
    user, created = get_user_model().objects.get_or_create(
        username="rita", defaults={"email": "rita@example.com"}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    user.groups.add(Group.objects.get(name="reviewers"))
    return get_user_model().objects.get(pk=user.pk)


def _prompts(moderator) -> list[Prompt]:
    prompts = []
    for title, text, difficulty, tutorial, weights in DEMO_PROMPTS:
        prompt = Prompt.objects.filter(title=title).first() or prompt_create(
            actor=moderator,
            title=title,
            text=text,
            difficulty=difficulty,
            is_tutorial=tutorial,
            skills=[{"skill": _skill_id(slug), "weight": weight} for slug, weight in weights.items()],
        )
        prompts.append(prompt)
    return prompts


def _skill_id(slug: str) -> int:
    from leveling.models import Skill

    return Skill.objects.get(slug=slug).pk


def seed(*, stdout) -> None:
    moderator = get_user_model().objects.get(username="maude")
    reviewer = _reviewer()
    prompts = _prompts(moderator)
    scored = 0
    for persona_name, index, text, score in DEMO_ANSWERS:
        persona = Persona.objects.filter(name=persona_name).first()
        if persona is None:
            continue
        answer = Answer.objects.filter(persona=persona, prompt=prompts[index]).first()
        if answer is None:
            answer = answer_create(persona=persona, prompt=prompts[index], actor=persona.owner, text=text)
        if not SkillScore.objects.filter(answer=answer, scorer=reviewer).exists():
            skills = answer.prompt.prompt_skills.values_list("skill_id", flat=True)
            skill_scores_record(answer=answer, scorer=reviewer, scores=dict.fromkeys(skills, score))
            scored += 1
    stdout.write(f"Prompts: {len(prompts)} prompts, {scored} answers newly scored by rita (reviewer).")
