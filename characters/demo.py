"""Demo characters for `manage.py seed_demo`: a tag tree, style presets, a project with members,
public characters with styles and images, a private one in the project, and one imported card.
Idempotent: everything is found by name first."""

from io import BytesIO

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

from characters.cards import write_card
from characters.models import CharacterProfile, MemberRole, Project, Tag
from characters.services import (
    character_create,
    character_import,
    project_create,
    project_member_set,
    tag_create,
)
from prompts.models import PromptHelper

TAGS = [
    ("Fantasy", None, "🐉"),
    ("Elves", "Fantasy", "🧝"),
    ("Science fiction", None, "🚀"),
    ("Robots", "Science fiction", "🤖"),
    ("Everyday", None, "☕"),
]
HELPERS = [
    ("Watercolour", "soft watercolour, paper texture, gentle light", "harsh outlines, photo"),
    ("Ink and wash", "black ink drawing, grey wash, cross-hatching", "colour, blur"),
]
# (creator, name, colour, tag, description, greeting, public, in the project)
CHARACTERS = [
    (
        "alice",
        "Lirael of the Birches",
        "#15803d",
        "Elves",
        "An elven archivist who remembers every tree.",
        "*She closes a leaf-bound book.* You came to learn, or to be remembered?",
        True,
        True,
    ),
    (
        "bob",
        "Unit Seven",
        "#0f766e",
        "Robots",
        "A maintenance robot who writes poetry between repairs.",
        "Diagnostics complete. Would you like a haiku about your toaster?",
        True,
        False,
    ),
    (
        "carol",
        "Marguerite the Baker",
        "#c2410c",
        "Everyday",
        "Runs the corner bakery; knows everyone's news.",
        "Fresh out of the oven! Sit, sit, tell me everything.",
        True,
        False,
    ),
    (
        "alice",
        "The Unnamed Heir",
        "#7c3aed",
        "Fantasy",
        "A secret protagonist still being written.",
        "…",
        False,
        True,
    ),
]
DEMO_CARD = {
    "name": "Captain Mira Vance",
    "description": "Commander of the salvage ship *Gull*; dry humour, steady hands.",
    "personality": "pragmatic, loyal, wry",
    "scenario": "The Gull drifts near a derelict station.",
    "first_mes": "*Mira taps the console.* We've got three hours of air and one bad idea. Want to hear it?",
    "mes_example": "<START>\n{{user}}: Is it safe?\n{{char}}: Nothing out here is safe. It's *worth it*.",
    "creator_notes": "<p>Imported as a <b>V3 PNG card</b> to show what the importer keeps.</p>",
    "system_prompt": "You are Captain Mira Vance.",
    "post_history_instructions": "",
    "alternate_greetings": ["Back on the Gull already? Grab a wrench."],
    "group_only_greetings": [],
    "tags": ["Science fiction", "Captain"],
    "creator": "yayay-demo",
    "character_version": "1.0",
    "nickname": "Mira",
    "source": [],
    "creation_date": 1764547200,
    "modification_date": 1764547200,
    "character_book": {
        "name": "Gull lore",
        "entries": [
            {
                "keys": ["Gull"],
                "content": "An old salvage tug.",
                "enabled": True,
                "insertion_order": 0,
                "extensions": {},
                "use_regex": False,
            }
        ],
        "extensions": {},
    },
    "extensions": {"depth_prompt": {"prompt": "Mira is tired.", "depth": 4}},
}


def seed(*, stdout) -> None:
    users = {u.username: u for u in get_user_model().objects.filter(username__in=["alice", "bob", "carol"])}
    if len(users) < 3:
        return
    tags = _tags(users["alice"])
    helpers = _helpers()
    project = _project(users)
    for creator, name, colour, tag, description, greeting, public, in_project in CHARACTERS:
        if CharacterProfile.objects.filter(name__iexact=name).exists():
            continue
        character_create(
            actor=users[creator],
            name=name,
            description=description,
            greeting=greeting,
            is_public=public,
            tags=[tags[tag]],
            projects=[project] if in_project else [],
            style_presets=[helpers[0]],
            personality_traits=["curious", "kind"],
            styles=[
                {"name": "Portrait", "prompt_helper": helpers[0]},
                {"name": "Sketch", "prompt": f"{name}, quick pencil sketch"},
            ],
            images=[
                {"image": _picture(name, colour), "alt_text": f"Portrait of {name}"},
                {"image": _picture(name, "#334155"), "alt_text": f"{name} at night", "caption": "Night"},
            ],
        )
    if not CharacterProfile.objects.filter(name__iexact=DEMO_CARD["name"]).exists():
        card = write_card(DEMO_CARD, format="png", image=_picture(DEMO_CARD["name"], "#1d4ed8").read())
        character_import(actor=users["bob"], data=card, filename="mira.png", tag_mode="existing")
    stdout.write(f"Demo characters: {CharacterProfile.objects.count()}, in project “{project.name}”.")


def _tags(actor) -> dict[str, Tag]:
    tags = {}
    for name, parent, icon in TAGS:
        tag = Tag.objects.filter(name__iexact=name).first()
        tags[name] = tag or tag_create(actor=actor, name=name, parent=tags.get(parent), icon=icon)
    return tags


def _helpers() -> list[PromptHelper]:
    return [
        PromptHelper.objects.get_or_create(
            name=name, defaults={"prompt": prompt, "negative_prompt": negative}
        )[0]
        for name, prompt, negative in HELPERS
    ]


def _project(users) -> Project:
    project = Project.objects.filter(name="Birchwood Chronicles").first()
    if project is None:
        project = project_create(
            actor=users["alice"],
            name="Birchwood Chronicles",
            description="Alice's fantasy world; Bob helps with the characters.",
        )
        project_member_set(project=project, actor=users["alice"], user=users["bob"], role=MemberRole.EDITOR)
    return project


def _picture(name: str, colour: str) -> SimpleUploadedFile:
    image = Image.new("RGB", (384, 512), colour)
    draw = ImageDraw.Draw(image)
    draw.rectangle((48, 64, 336, 448), outline="white", width=8)
    initials = "".join(word[0] for word in name.split()[:2]).upper()
    draw.text((192, 256), initials, fill="white", anchor="mm", font_size=120)
    buffer = BytesIO()
    image.save(buffer, format="PNG")
    return SimpleUploadedFile("picture.png", buffer.getvalue(), content_type="image/png")
