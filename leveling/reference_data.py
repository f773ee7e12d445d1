"""Leveling's reference rows: the four attributes and their skills, the tutorial quests, the
achievements, and the groups (moderators edit all of these in the admin; reviewers score answers).
Created by migration 0002 and ensured again on every `post_migrate` (see core.reference_data)."""

from django.apps import apps as global_apps

from core.reference_data import ensure_group

ATTRIBUTES = [
    (
        "Cognition",
        "cognition",
        "Thinking things through.",
        [
            ("Reasoning", "reasoning", "Draws sound conclusions step by step."),
            ("Problem solving", "problem-solving", "Turns a messy problem into a working solution."),
            ("Knowledge", "knowledge", "Knows facts and where their limits are."),
        ],
    ),
    (
        "Mastery",
        "mastery",
        "Expert quality in what it does.",
        [
            ("Domain expertise", "domain-expertise", "Speaks like a practitioner of the field."),
            ("Accuracy", "accuracy", "Gets details right and says when unsure."),
            ("Depth", "depth", "Goes beyond the obvious first answer."),
        ],
    ),
    (
        "Communication",
        "communication",
        "Being understood and understanding others.",
        [
            ("Clarity", "clarity", "Clear structure, plain words, the right length."),
            ("Empathy", "empathy", "Reads the person and answers the need behind the question."),
            ("Persuasion", "persuasion", "Makes a case that moves people."),
        ],
    ),
    (
        "Versatility",
        "versatility",
        "Range and flexibility.",
        [
            ("Creativity", "creativity", "Finds original ideas and forms."),
            ("Adaptability", "adaptability", "Changes tone, format and approach on request."),
            ("Breadth", "breadth", "Handles many kinds of topics well."),
        ],
    ),
]

# (tier_from, tier_to, title, answers needed, skill index, level needed)
QUESTS = [
    (10, 9, "{name}: from Stone to Wood", 1, 0, 2),
    (9, 8, "{name}: from Wood to Paper", 2, 1, 4),
    (8, 7, "{name}: ready for the rated tiers", 3, 2, 6),
]

ACHIEVEMENTS = [
    (
        "first-answer",
        "First words",
        "Answered a prompt for the first time.",
        10,
        "🌱",
        "The persona's first answer.",
    ),
    (
        "first-fork",
        "Worth copying",
        "Someone forked this persona.",
        10,
        "🍴",
        "The persona is forked for the first time.",
    ),
    ("first-quest", "Questing", "Completed a tutorial quest.", 15, "📜", "Any tutorial quest completed."),
    ("perfect-score", "Perfect ten", "Scored 10 out of 10 in a skill.", 25, "💯", "A reviewer gives 10/10."),
    (
        "tutorial-graduate",
        "Graduate",
        "Finished the tutorial of an attribute.",
        30,
        "🎓",
        "An attribute reaches 'eligible for rated tiers'.",
    ),
    ("skill-level-10", "Apprentice", "Reached level 10 in a skill.", 20, "🥉", "Any skill at level 10."),
    ("skill-level-25", "Journeyman", "Reached level 25 in a skill.", 40, "🥈", "Any skill at level 25."),
    ("skill-level-50", "Expert", "Reached level 50 in a skill.", 80, "🥇", "Any skill at level 50."),
    (
        "all-rounder",
        "All-rounder",
        "Finished the tutorials of every attribute.",
        100,
        "🌟",
        "Every attribute eligible for rated tiers.",
    ),
    (
        "skill-level-99",
        "Master",
        "Reached level 99, the cap, in a skill.",
        200,
        "👑",
        "Any skill at level 99.",
    ),
]

MODERATOR_MODELS = ["attribute", "skill", "quest", "queststep", "achievement"]
MODERATOR_VIEW_ONLY = [
    "personaskill",
    "xpevent",
    "tutorialprogress",
    "personaquestprogress",
    "personaachievement",
]


def _seed(apps) -> None:
    Attribute, Skill = apps.get_model("leveling", "Attribute"), apps.get_model("leveling", "Skill")
    Quest, QuestStep = apps.get_model("leveling", "Quest"), apps.get_model("leveling", "QuestStep")
    Achievement = apps.get_model("leveling", "Achievement")
    for order, (name, slug, description, skills) in enumerate(ATTRIBUTES):
        attribute, _ = Attribute.objects.get_or_create(
            slug=slug, defaults={"name": name, "order": order, "description": description}
        )
        created = []
        for skill_order, (skill_name, skill_slug, skill_description) in enumerate(skills):
            skill, _ = Skill.objects.get_or_create(
                slug=skill_slug,
                defaults={
                    "attribute": attribute,
                    "name": skill_name,
                    "order": skill_order,
                    "description": skill_description,
                },
            )
            created.append(skill)
        for tier_from, tier_to, title, answers, skill_index, level in QUESTS:
            quest, new = Quest.objects.get_or_create(
                attribute=attribute,
                tier_from=tier_from,
                defaults={
                    "tier_to": tier_to,
                    "title": title.format(name=name),
                    "description": f"Answer prompts about {name.lower()} and grow its skills.",
                },
            )
            if new:
                QuestStep.objects.create(quest=quest, order=0, kind="answer_count", target=answers)
                QuestStep.objects.create(
                    quest=quest, order=1, kind="skill_level", skill=created[skill_index], target=level
                )
    for code, name, description, points, icon, criteria in ACHIEVEMENTS:
        Achievement.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "description": description,
                "points": points,
                "icon": icon,
                "criteria": criteria,
            },
        )


def ensure(apps) -> None:
    _seed(apps)
    codenames = [
        f"{action}_{model}" for model in MODERATOR_MODELS for action in ("add", "change", "delete", "view")
    ]
    codenames += [f"view_{model}" for model in MODERATOR_VIEW_ONLY]
    ensure_group(apps, "moderators", {"leveling": codenames})
    ensure_group(apps, "reviewers", {})


def ensure_after_migrate(sender, apps=global_apps, **kwargs) -> None:
    ensure(apps)
