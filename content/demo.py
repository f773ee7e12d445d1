"""Demo content for `manage.py seed_demo`: posts, an image and a chat transcript of the demo personas
(their prompt answers are content already), liked and commented on by several demo users. Idempotent:
items are found by persona and title, likes and comments by who made them."""

from io import BytesIO

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

from content.models import ContentComment, ContentItem, ContentKind, ContentLike
from content.services import comment_create, content_create, content_import_transcript, content_like_toggle
from content.transcripts import transcript_from_text
from persona.models import Persona

DEMO_TRANSCRIPT = """\
[2026-05-01 18:02] User: I have eggs, spinach and half a lemon. Dinner?
[2026-05-01 18:02] Assistant: A lemony spinach frittata: twenty minutes, one pan.
Wilt the spinach, pour in the beaten eggs, finish under the grill with lemon zest.
[2026-05-01 18:04] User: No grill.
[2026-05-01 18:04] Assistant: Then cover the pan for the last five minutes: the top sets in the steam.
"""
# (persona, kind, title, body)
DEMO_ITEMS = [
    (
        "Ada the Analyst",
        ContentKind.POST,
        "Three ways to read a chart",
        "Axis first, scale second, story last.",
    ),
    ("Captain Quill", ContentKind.IMAGE, "The map of Serpent Bay", "Where the next bedtime tale begins."),
    ("Socratic Sam", ContentKind.POST, "What is a good question?", "One whose answer you would act on."),
]
CHAT = ("Chef Basil", "Dinner from an almost empty fridge")
# (username, persona, title) liked; (username, persona, title, text) commented
DEMO_LIKES = [
    ("bob", "Ada the Analyst", "Three ways to read a chart"),
    ("carol", "Ada the Analyst", "Three ways to read a chart"),
    ("maude", "Ada the Analyst", "Three ways to read a chart"),
    ("bob", "Captain Quill", "The map of Serpent Bay"),
    ("alice", "Chef Basil", CHAT[1]),
    ("carol", "Chef Basil", CHAT[1]),
]
DEMO_COMMENTS = [
    ("bob", "Ada the Analyst", "Three ways to read a chart", "The scale trick saved my report today."),
    ("carol", "Ada the Analyst", "Three ways to read a chart", "What about logarithmic axes?"),
    ("alice", "Chef Basil", CHAT[1], "Made it with kale: still great."),
]


def seed(*, stdout) -> None:
    users = {
        user.username: user
        for user in get_user_model().objects.filter(username__in=["alice", "bob", "carol", "maude"])
    }
    made = _items() + _chat()
    for username, persona_name, title in DEMO_LIKES:
        item = _item(persona_name, title)
        if not ContentLike.objects.filter(item=item, user=users[username]).exists():
            content_like_toggle(item=item, actor=users[username])
    for username, persona_name, title, text in DEMO_COMMENTS:
        item = _item(persona_name, title)
        if not ContentComment.objects.filter(item=item, author=users[username], text=text).exists():
            comment_create(item=item, actor=users[username], text=text)
    stdout.write(
        f"Content: {made} items newly published, liked and commented on by alice, bob, carol and maude."
    )


def _item(persona_name: str, title: str) -> ContentItem:
    return ContentItem.objects.select_related("persona__owner").get(persona__name=persona_name, title=title)


def _items() -> int:
    made = 0
    for persona_name, kind, title, body in DEMO_ITEMS:
        persona = Persona.objects.get(name=persona_name)
        if not ContentItem.objects.filter(persona=persona, title=title).exists():
            image = _picture(title) if kind == ContentKind.IMAGE else None
            content_create(
                persona=persona, actor=persona.owner, kind=kind, title=title, body=body, image=image
            )
            made += 1
    return made


def _chat() -> int:
    persona = Persona.objects.get(name=CHAT[0])
    if ContentItem.objects.filter(persona=persona, title=CHAT[1]).exists():
        return 0
    content_import_transcript(
        persona=persona, actor=persona.owner, title=CHAT[1], messages=transcript_from_text(DEMO_TRANSCRIPT)
    )
    return 1


def _picture(title: str) -> SimpleUploadedFile:
    image = Image.new("RGB", (640, 400), "#0e7490")
    draw = ImageDraw.Draw(image)
    draw.ellipse((180, 80, 460, 320), fill="#fde68a")
    draw.text((320, 200), "X", fill="#7c2d12", anchor="mm", font_size=96)
    buffer = BytesIO()
    image.save(buffer, format="PNG")
    return SimpleUploadedFile(f"{title}.png", buffer.getvalue(), content_type="image/png")
