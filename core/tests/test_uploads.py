"""core.uploads: what is stored of an upload (our own encoding, without the photo's metadata), which
uploads are refused and why, and the system checks that keep every upload folder served safely."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageSequence

from conftest import api_client_for
from core.uploads import access, checks
from persona.tests.factories import PersonaFactory

pytestmark = pytest.mark.django_db

GPS_IFD, ORIENTATION, MAKE = 0x8825, 0x0112, 0x010F


def encoded(image: Image.Image, fmt: str, **options) -> bytes:
    buffer = BytesIO()
    image.save(buffer, format=fmt, **options)
    return buffer.getvalue()


def stored_image(persona) -> Image.Image:
    return Image.open(BytesIO(persona.image.open("rb").read()))


def phone_photo() -> bytes:
    """A 30×20 JPEG taken "sideways" (EXIF orientation 6) with the camera's make and a GPS position."""
    exif = Image.Exif()
    exif[ORIENTATION], exif[MAKE] = 6, "PhoneMaker"
    exif.get_ifd(GPS_IFD)[2] = (51.0, 30.0, 0.0)
    return encoded(Image.new("RGB", (30, 20), "red"), "JPEG", exif=exif, comment=b"at home")


def animation(fmt: str, frames: int = 4, size=(40, 30)) -> bytes:
    pictures = [Image.new("RGB", size, (67 * index % 256, index // 256 * 50, 99)) for index in range(frames)]
    return encoded(
        pictures[0],
        fmt,
        save_all=True,
        append_images=pictures[1:],
        duration=[100 + 10 * index for index in range(frames)],
        loop=0,
        comment=b"made by someone",
    )


def test_a_phone_photo_loses_its_position_and_camera_but_stays_upright(alice):
    persona = PersonaFactory(owner=alice, image=SimpleUploadedFile("me.jpg", phone_photo()))

    stored = stored_image(persona)
    raw = persona.image.open("rb").read()
    assert persona.image.name.endswith(".jpg")
    assert stored.size == (20, 30)  # turned as the camera meant, so no orientation tag is needed
    assert dict(stored.getexif()) == {}
    assert b"PhoneMaker" not in raw and b"at home" not in raw


@pytest.mark.parametrize(("fmt", "extension"), [("GIF", "gif"), ("WEBP", "webp"), ("PNG", "png")])
def test_an_animation_keeps_its_frames_and_timing_but_not_its_comment(alice, fmt, extension):
    persona = PersonaFactory(owner=alice, image=SimpleUploadedFile("moving", animation(fmt)))

    stored = stored_image(persona)
    assert persona.image.name.endswith(f".{extension}")
    assert stored.n_frames == 4
    durations = []
    for frame in ImageSequence.Iterator(stored):
        frame.load()
        durations.append(frame.info["duration"])
    assert durations == [100, 110, 120, 130]
    assert b"made by someone" not in persona.image.open("rb").read()


def test_a_phone_photo_that_pillow_reads_as_mpo_is_stored_as_jpeg(alice):
    mpo = encoded(
        Image.new("RGB", (30, 20), "red"), "MPO", save_all=True, append_images=[Image.new("RGB", (30, 20))]
    )
    assert Image.open(BytesIO(mpo)).format == "MPO"

    persona = PersonaFactory(owner=alice, image=SimpleUploadedFile("photo.jpg", mpo))

    assert persona.image.name.endswith(".jpg")
    assert stored_image(persona).format == "JPEG"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (encoded(Image.new("RGB", (8, 8)), "BMP"), "upload a JPEG, PNG, WebP or GIF"),
        (animation("GIF", frames=301, size=(4, 4)), "301 frames"),
        (animation("GIF", frames=40, size=(1000, 1000)), "too long"),
    ],
    ids=["bmp", "too-many-frames", "too-many-pixels-in-all"],
)
def test_refused_uploads_are_a_400_naming_image(alice, content, message):
    body = {
        "name": "Ada the Analyst",
        "description": "Numbers.",
        "image": SimpleUploadedFile("a.png", content),
    }

    response = api_client_for(alice).post("/api/v1/personas/", body, format="multipart")

    assert response.status_code == 400
    assert message in response.json()["errors"]["image"][0]


def test_an_upload_folder_without_a_reader_fails_the_system_check(monkeypatch):
    monkeypatch.setattr(access, "_readers", {})

    errors = checks.check_upload_folders_have_readers()

    assert {(error.id, error.obj.name) for error in errors} == {
        ("core.E001", "image"),
        ("core.E001", "thumbnail"),
        ("core.E001", "web_image"),  # characters.ReferenceImage's WebP variant
        ("core.E001", "avatar"),  # accounts.Profile
    }


@pytest.mark.parametrize("prefix", ["/media/", "_protected_media/"])
def test_the_accel_redirect_prefix_must_be_an_internal_path_of_its_own(settings, prefix):
    settings.MEDIA_ACCEL_REDIRECT_PREFIX = prefix

    assert [error.id for error in checks.check_accel_redirect_prefix()] == ["core.E002"]


def test_a_proper_accel_redirect_prefix_passes_the_check(settings):
    settings.MEDIA_ACCEL_REDIRECT_PREFIX = "/_protected_media/"

    assert checks.check_accel_redirect_prefix() == []


def test_the_web_variant_is_a_webp_at_most_the_given_side():
    from io import BytesIO

    from PIL import Image

    from conftest import png_upload
    from core.uploads import make_web_variant

    variant = make_web_variant(png_upload(size=(400, 200)), max_side=100)
    with Image.open(BytesIO(variant.read())) as image:
        assert (image.format, image.size) == ("WEBP", (100, 50))
