"""End to end in headless Chromium: sign up, create a persona with an image, find it, fork it, and see
the lineage; give a persona greetings and hide its definitions, and see only the greetings as someone
else. Screenshots of every step go to test-artifacts/ (the README's is the home page's: home/tests).
"""

from io import BytesIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

from accounts.tests.factories import UserFactory
from conftest import log_in, log_out
from persona.services import persona_fork, persona_initialize_default, persona_update
from persona.tests.factories import PersonaFactory

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
PASSWORD = "a-long-unusual-pass-42"

# The flush after a transactional test keeps the groups: post_migrate recreates them (core.reference_data).
# True once the image has loaded with real pixels (waiting for it when it is still on its way).
IMAGE_LOADED = """img => (img.complete && img.naturalWidth > 0) || new Promise(resolve => {
  img.addEventListener("load", () => resolve(img.naturalWidth > 0));
  img.addEventListener("error", () => resolve(false));
})"""
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def portrait(colours: tuple[str, str], size: int = 240) -> Image.Image:
    """A small, friendly generated portrait: a gradient with a simple face."""
    top, bottom = (Image.new("RGB", (1, 1), colour).getpixel((0, 0)) for colour in colours)
    image = Image.new("RGB", (size, size))
    draw = ImageDraw.Draw(image)
    for y in range(size):
        mix = y / size
        draw.line(
            [(0, y), (size, y)], fill=tuple(int(a + (b - a) * mix) for a, b in zip(top, bottom, strict=True))
        )
    draw.ellipse([size * 0.22, size * 0.2, size * 0.78, size * 0.76], fill=(255, 236, 214))
    for x in (0.4, 0.6):
        draw.ellipse([size * (x - 0.04), size * 0.4, size * (x + 0.04), size * 0.48], fill=(40, 40, 60))
    draw.arc([size * 0.38, size * 0.5, size * 0.62, size * 0.66], 20, 160, fill=(40, 40, 60), width=4)
    return image


def portrait_upload(name: str, colours: tuple[str, str]) -> SimpleUploadedFile:
    buffer = BytesIO()
    portrait(colours).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


@pytest.fixture
def csp_violations(page):
    """Console errors about the Content-Security-Policy: the pages must need no inline code."""
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    return errors


def snap(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"persona-{name}.png"), full_page=True)


def sign_up(page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/accounts/signup/")
    page.get_by_label("Username").fill(username)
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    page.wait_for_load_state()
    assert f"Welcome to Yayay, {username}!" in page.content()


def create_persona(page, live_server, image_path: Path) -> None:
    page.goto(f"{live_server.url}/personas/new/")
    page.get_by_label("Name").fill("Captain Compass")
    page.get_by_label("Description").fill(
        "A patient navigator who helps you find your way through any problem."
    )
    page.get_by_label("Image").set_input_files(str(image_path))
    page.get_by_label("Visibility").select_option("public")
    page.get_by_label("System prompt").fill("You are Captain Compass. Guide, never lecture.")
    page.get_by_label("Trait 1", exact=True).fill("patience")
    page.get_by_label("Strength of trait 1, 0 to 1").fill("0.9")
    page.get_by_role("button", name="Add a trait").click()
    page.get_by_label("Trait 2", exact=True).fill("humour")
    page.get_by_label("Strength of trait 2, 0 to 1").fill("0.6")
    page.locator("#id_prompts-0-title").fill("Plot a course")
    page.locator("#id_prompts-0-text").fill("Where do you want to be in a year?")
    page.get_by_role("button", name="Add a prompt").click()
    page.locator("#id_prompts-1-title").fill("Check the stars")
    page.locator("#id_prompts-1-text").fill("What has worked before?")
    snap(page, "02-create-form")
    page.get_by_role("button", name="Create persona").click()
    page.wait_for_load_state()


def test_sign_up_create_find_fork_and_see_the_lineage(page, live_server, tmp_path, csp_violations):
    page.set_viewport_size({"width": 1280, "height": 900})
    image_path = tmp_path / "compass.png"
    portrait(("#6d28d9", "#f472b6")).save(image_path)

    sign_up(page, live_server, "navigator")
    snap(page, "01-signed-up")
    create_persona(page, live_server, image_path)
    assert page.get_by_role("heading", level=1).inner_text() == "Captain Compass"
    assert page.get_by_role("img", name="Portrait of Captain Compass").evaluate("img => img.naturalWidth") > 0
    assert page.locator(".prompt-list h3").all_inner_texts() == ["Plot a course", "Check the stars"]
    snap(page, "03-created")

    log_out(page)
    sign_up(page, live_server, "forker")
    page.goto(f"{live_server.url}/personas/")
    page.get_by_role("searchbox", name="Search").fill("compass")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_load_state()
    card = page.get_by_role("link", name="Captain Compass")
    assert card.count() == 1
    assert page.get_by_role("img", name="Portrait of Captain Compass").evaluate("img => img.naturalWidth") > 0
    snap(page, "04-found-in-list")

    card.click()
    page.get_by_role("link", name="Fork").click()
    assert page.get_by_label("Name").input_value() == "Captain Compass (fork)"
    page.get_by_label("Name").fill("First Mate Compass")
    snap(page, "05-fork-form")
    page.get_by_role("button", name="Create fork").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "First Mate Compass"
    assert page.get_by_test_id("parent-link").inner_text() == "Captain Compass"
    assert page.locator(".prompt-list h3").all_inner_texts() == ["Plot a course", "Check the stars"]
    snap(page, "06-fork-shows-parent")

    page.get_by_test_id("parent-link").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Captain Compass"
    assert "First Mate Compass" in page.get_by_test_id("fork-list").inner_text()
    snap(page, "07-parent-shows-fork")
    assert not [error for error in csp_violations if "Content Security Policy" in error]


def test_list_page_shows_every_portrait(page, live_server, csp_violations):
    owners = [UserFactory(username=name) for name in ("ada", "grace", "linus")]
    default, _ = persona_initialize_default()
    persona_update(
        persona=default, actor=default.owner, image=portrait_upload("mu.png", ("#4f46e5", "#22d3ee"))
    )
    gallery = [
        (
            "Chef Remy",
            "#f97316",
            "#facc15",
            "Turns whatever is in your fridge into dinner, with French flair.",
        ),
        (
            "Professor Quill",
            "#0f766e",
            "#a3e635",
            "Explains hard ideas slowly, with examples and a little humour.",
        ),
        (
            "Captain Compass",
            "#6d28d9",
            "#f472b6",
            "A patient navigator who helps you find your way through any problem.",
        ),
        (
            "Luna the Listener",
            "#1e3a8a",
            "#93c5fd",
            "Hears you out first; asks good questions before giving advice.",
        ),
        (
            "Pixel Pal",
            "#be123c",
            "#fda4af",
            "A playful coding buddy for quick experiments and rubber-ducking.",
        ),
    ]
    personas = []
    for index, (name, top, bottom, description) in enumerate(gallery):
        personas.append(
            PersonaFactory(
                owner=owners[index % len(owners)],
                name=name,
                description=description,
                image=portrait_upload(f"{index}.png", (top, bottom)),
            )
        )
    compass = next(persona for persona in personas if persona.name == "Captain Compass")
    persona_fork(persona=compass, actor=owners[1], name="Captain Compass (fork)", visibility="public")
    page.set_viewport_size({"width": 1280, "height": 900})

    page.goto(f"{live_server.url}/personas/")

    assert page.locator(".persona-card").count() == len(gallery) + 2
    for image in page.locator(".persona-card img").all():
        image.scroll_into_view_if_needed()  # portraits load lazily, once near the screen
        assert image.evaluate(IMAGE_LOADED)
    snap(page, "08-list")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/personas/{personas[1].slug}/")
    snap(page, "09-mobile-detail")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert not [error for error in csp_violations if "Content Security Policy" in error]


def test_owner_sets_a_greeting_and_hides_the_definitions_and_another_user_sees_only_the_greeting(
    page, live_server, csp_violations
):
    owner, other = UserFactory(username="quill"), UserFactory(username="reader")
    persona = PersonaFactory(owner=owner, name="Captain Quill", system_prompt="SECRET: never reveal the map.")
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, live_server, owner.username)

    page.goto(f"{live_server.url}/personas/{persona.slug}/edit/")
    page.get_by_label("Greeting", exact=True).fill("Ahoy! Pull up a barrel.")
    page.get_by_label("Alternate greeting 1").fill("Back again, shipmate?")
    page.get_by_role("button", name="Add an alternate greeting").click()
    page.get_by_label("Alternate greeting 2").fill("The tide is turning.")
    page.get_by_label("Scenario").fill("A lantern-lit cabin at bedtime.")
    page.get_by_label("Hide the definitions").check()
    snap(page, "10-greeting-and-hidden-definitions")
    page.get_by_role("button", name="Save changes").click()
    page.wait_for_load_state()
    assert page.get_by_test_id("system-prompt").inner_text() == "SECRET: never reveal the map."
    log_out(page)

    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server, other.username)
    page.goto(f"{live_server.url}/personas/{persona.slug}/")
    assert page.get_by_test_id("greeting").inner_text() == "Ahoy! Pull up a barrel."
    greetings = page.get_by_test_id("greetings").inner_text()
    assert "Back again, shipmate?" in greetings and "The tide is turning." in greetings
    definitions = page.get_by_test_id("definitions").inner_text()
    assert "visible to this persona’s editors only" in definitions
    assert "SECRET" not in page.content() and "lantern-lit" not in page.content()
    snap(page, "11-mobile-greeting-without-definitions")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert not [error for error in csp_violations if "Content Security Policy" in error]
