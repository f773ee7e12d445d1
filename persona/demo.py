"""Demo users and personas for `manage.py seed_demo`: every visibility, images, forks of forks."""

from io import BytesIO

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

from persona.models import Persona, ShareRole, Visibility
from persona.services import (
    persona_create,
    persona_fork,
    persona_initialize_default,
    persona_share,
    persona_update,
)

DEMO_PASSWORD = "yayay-demo-2026"
DEMO_USERS = {"alice": [], "bob": [], "carol": [], "maude": ["moderators"]}
DEMO_PERSONAS = [
    (
        "alice",
        "Ada the Analyst",
        Visibility.PUBLIC,
        "#4f46e5",
        "Breaks problems into numbers and plain words.",
    ),
    (
        "alice",
        "Captain Quill",
        Visibility.PUBLIC,
        "#0891b2",
        "A swashbuckling storyteller for bedtime tales.",
    ),
    ("alice", "Secret Diary", Visibility.PRIVATE, "#be123c", "Alice's private journaling companion."),
    ("bob", "Chef Basil", Visibility.PUBLIC, "#15803d", "Turns whatever is in your fridge into dinner."),
    ("bob", "Linguist Lu", Visibility.UNLISTED, "#a16207", "Explains idioms from forty languages."),
    ("carol", "Socratic Sam", Visibility.PUBLIC, "#7c3aed", "Answers questions with better questions."),
    ("carol", "Professor Pixel", Visibility.PUBLIC, "#c2410c", "Explains computers with tiny pictures."),
    ("bob", "Nova the Navigator", Visibility.PUBLIC, "#0f766e", "Plans routes by land, sea and stars."),
    ("carol", "Marty the Mentor", Visibility.PUBLIC, "#1d4ed8", "Coaches you through your first job."),
]
# What two demo personas open a chat with, and the scene it is set in; Captain Quill's creator keeps its
# definitions to herself, as Chub and Character.AI creators often do.
DEMO_CHAT_FIELDS = {
    "Captain Quill": {
        "greeting": "Ahoy! Pull up a barrel. Shall I tell you of the night the sea turned to ink?",
        "alternate_greetings": ["Back again, shipmate? The tale of the glass lighthouse awaits."],
        "scenario": "A lantern-lit ship's cabin at bedtime; the listener is tucked in a hammock.",
        "definitions_hidden": True,
    },
    "Socratic Sam": {
        "greeting": "What would you like to understand better today?",
        "scenario": "A quiet study where every answer earns another question.",
        "example_dialogue": "{{user}}: Is lying always wrong?\n{{char}}: What makes something wrong at all?",
    },
}

DEMO_TAGS = {
    "Ada the Analyst": ["analysis", "mentor"],
    "Captain Quill": ["storytelling", "pirates", "bedtime"],
    "Secret Diary": ["journaling"],
    "Chef Basil": ["cooking", "everyday"],
    "Linguist Lu": ["languages"],
    "Socratic Sam": ["philosophy", "mentor"],
    "Professor Pixel": ["computers", "teaching"],
    "Nova the Navigator": ["travel", "adventure"],
    "Marty the Mentor": ["career", "mentor"],
}


def seed(*, stdout) -> None:
    users = {name: demo_user(name, groups) for name, groups in DEMO_USERS.items()}
    persona_initialize_default()
    for owner, name, visibility, colour, description in DEMO_PERSONAS:
        if not Persona.objects.filter(name=name).exists():
            persona_create(
                owner=users[owner],
                name=name,
                description=description,
                visibility=visibility,
                image=_portrait(name, colour),
                system_prompt=f"You are {name}. {description}",
                personality_traits={"curiosity": 0.8, "warmth": 0.7, "humour": 0.5},
                prompts=[{"title": "Say hello", "text": f"Introduce yourself as {name} in two sentences."}],
                tags=DEMO_TAGS.get(name, []),
                **DEMO_CHAT_FIELDS.get(name, {}),
            )
    _tag_untagged(users)
    secret = Persona.objects.get(name="Secret Diary")
    persona_share(persona=secret, actor=users["alice"], username="bob", role=ShareRole.USE)
    _fork_chain(users)
    stdout.write(f"Demo users (password “{DEMO_PASSWORD}”): {', '.join(users)} (maude moderates).")


def _tag_untagged(users) -> None:
    """Demo personas made before tags existed get theirs."""
    for persona in Persona.objects.filter(name__in=DEMO_TAGS, tagged_items__isnull=True):
        persona_update(persona=persona, actor=persona.owner, tags=DEMO_TAGS[persona.name])


def _fork_chain(users) -> None:
    """Chef Basil -> forked by carol -> forked again by alice: lineage three deep."""
    if Persona.objects.filter(name="Chef Basil (Vegan)").exists():
        return
    basil = Persona.objects.get(name="Chef Basil")
    vegan = persona_fork(
        persona=basil, actor=users["carol"], name="Chef Basil (Vegan)", visibility=Visibility.PUBLIC
    )
    persona_fork(
        persona=vegan, actor=users["alice"], name="Chef Basil (Vegan, Quick)", visibility=Visibility.PUBLIC
    )


def demo_user(username: str, groups: list[str]):
    user, created = get_user_model().objects.get_or_create(
        username=username, defaults={"email": f"{username}@example.com"}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.is_staff = "moderators" in groups
        user.save()
    user.groups.add(*Group.objects.filter(name__in=groups))
    return user


def _portrait(name: str, colour: str) -> SimpleUploadedFile:
    image = Image.new("RGB", (512, 512), colour)
    draw = ImageDraw.Draw(image)
    draw.ellipse((96, 96, 416, 416), fill="white")
    initials = "".join(word[0] for word in name.split()[:2]).upper()
    draw.text((256, 256), initials, fill=colour, anchor="mm", font_size=140)
    buffer = BytesIO()
    image.save(buffer, format="PNG")
    return SimpleUploadedFile(
        f"{name.lower().replace(' ', '-')}.png", buffer.getvalue(), content_type="image/png"
    )
