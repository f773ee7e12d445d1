"""Pillow's part of uploads: which images we accept, the bytes we store (our own encoding of them) and
thumbnails. Only the decoders of the accepted formats ever parse what a client sent."""

import warnings
from dataclasses import dataclass, field
from io import BytesIO

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db.models.fields.files import FieldFile
from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

MAX_IMAGE_BYTES = 5 * 1024 * 1024
MAX_IMAGE_SIDE = 4096
MAX_FRAMES = 300
# All frames together: re-encoding the longest animation takes about a second.
MAX_ANIMATION_PIXELS = 30_000_000
THUMBNAIL_SIZE = (256, 256)
WEB_VARIANT_SIDE = 1280
LIMITS_TEXT = "JPEG, PNG, WebP or GIF; at most 5 MB and 4096 px a side."


@dataclass(frozen=True)
class ImageFormat:
    pillow_name: str
    extension: str
    content_type: str
    animated: bool
    save_options: dict = field(default_factory=dict)
    animation_options: dict = field(default_factory=dict)


JPEG = ImageFormat("JPEG", "jpg", "image/jpeg", animated=False, save_options={"quality": 90})
PNG = ImageFormat("PNG", "png", "image/png", animated=True)
WEBP = ImageFormat("WEBP", "webp", "image/webp", animated=True, save_options={"quality": 90})
# Our GIF frames are whole pictures: each one clears to the background before the next.
GIF = ImageFormat("GIF", "gif", "image/gif", animated=True, animation_options={"disposal": 2})
# What Pillow detects -> how we store it. Pillow reads many phone photos (a JPEG carrying a second picture
# such as a depth map) as MPO; the photo is the first picture.
DETECTED_FORMATS = {"JPEG": JPEG, "MPO": JPEG, "PNG": PNG, "WEBP": WEBP, "GIF": GIF}
DECODERS = ["JPEG", "PNG", "WEBP", "GIF"]  # Pillow's JPEG decoder is the one that detects MPO
CONTENT_TYPES = {image_format.extension: image_format.content_type for image_format in (JPEG, PNG, WEBP, GIF)}
ACCEPT = ",".join(CONTENT_TYPES.values())


class EncodedImage(ContentFile):
    """Bytes this module encoded itself, in a known format: they are stored as they are."""

    def __init__(self, content: bytes, image_format: ImageFormat):
        super().__init__(content, name=f"image.{image_format.extension}")
        self.image_format = image_format


def validate_image(file) -> None:
    """Refuse clearly what we would not store: not a JPEG/PNG/WebP/GIF, damaged or truncated, too big, a
    decompression bomb. Files already stored passed this when they were uploaded."""
    if isinstance(file, FieldFile) and file._committed:
        return
    _open_checked(file)
    file.seek(0)


def encode_for_storage(file) -> EncodedImage:
    """Our own encoding of an upload in the format Pillow detected: the pixels (turned upright) and any
    animation are kept; metadata (EXIF with GPS position and camera, XMP, comments) is not."""
    with _open_checked(file) as image:
        image_format = DETECTED_FORMATS[image.format]
        options = {**image_format.save_options, **_kept_info(image)}
        buffer = BytesIO()
        if image_format.animated and getattr(image, "is_animated", False):
            _save_animation(image, buffer, image_format, options)
        else:
            still = ImageOps.exif_transpose(image)
            still.info = {}
            still.save(buffer, format=image_format.pillow_name, **options)
    return EncodedImage(buffer.getvalue(), image_format)


def make_thumbnail(file) -> EncodedImage:
    """A square-cropped 256 px WebP of the image (its first frame), for lists."""
    file.seek(0)
    with Image.open(file, formats=DECODERS) as image:
        image = ImageOps.exif_transpose(image).convert("RGBA")
        thumb = ImageOps.fit(image, THUMBNAIL_SIZE, Image.Resampling.LANCZOS)
    buffer = BytesIO()
    thumb.save(buffer, format="WEBP", quality=85)
    file.seek(0)
    return EncodedImage(buffer.getvalue(), WEBP)


def make_web_variant(file, *, max_side: int = WEB_VARIANT_SIDE) -> EncodedImage:
    """A WebP of the image (its first frame) at most `max_side` px a side, for pages: what a gallery
    shows instead of the full upload."""
    file.seek(0)
    with Image.open(file, formats=DECODERS) as image:
        image = ImageOps.exif_transpose(image).convert("RGBA")
        image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    buffer = BytesIO()
    image.save(buffer, format="WEBP", quality=82)
    file.seek(0)
    return EncodedImage(buffer.getvalue(), WEBP)


def _open_checked(file) -> Image.Image:
    """The upload opened with Pillow and every frame decoded, or a ValidationError that says why not."""
    if file.size > MAX_IMAGE_BYTES:
        raise ValidationError("The image is larger than 5 MB.", code="image_too_large")
    file.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(file, formats=DECODERS)
            _check_size(image)
            _decode_every_frame(image)
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError("The image has too many pixels.", code="image_bomb") from None
    except UnidentifiedImageError:
        raise ValidationError(
            "The file is not a readable image: upload a JPEG, PNG, WebP or GIF.", code="image_format"
        ) from None
    except Exception:  # Pillow raises many types for a damaged file
        raise ValidationError(
            "The file is not a readable image (it may be damaged or truncated).", code="image_invalid"
        ) from None
    return image


def _check_size(image: Image.Image) -> None:
    width, height = image.size
    if width > MAX_IMAGE_SIDE or height > MAX_IMAGE_SIDE:
        raise ValidationError(
            f"The image is {width}×{height} px; at most {MAX_IMAGE_SIDE} px a side is allowed.",
            code="image_dimensions",
        )
    frames = getattr(image, "n_frames", 1)
    if frames > MAX_FRAMES or frames * width * height > MAX_ANIMATION_PIXELS:
        raise ValidationError(
            f"The animation is too long: {frames} frames of {width}×{height} px "
            f"(at most {MAX_FRAMES} frames and {MAX_ANIMATION_PIXELS // 1_000_000} million pixels in all).",
            code="image_frames",
        )


def _decode_every_frame(image: Image.Image) -> None:
    """A truncated or damaged frame anywhere fails here, not later while storing."""
    for frame in ImageSequence.Iterator(image):
        frame.load()
    image.seek(0)


def _kept_info(image: Image.Image) -> dict:
    """The only metadata kept: the colour profile and which colour is transparent."""
    return {
        key: image.info[key] for key in ("icc_profile", "transparency") if image.info.get(key) is not None
    }


def _save_animation(image: Image.Image, buffer, image_format: ImageFormat, options: dict) -> None:
    frames, durations = [], []
    for frame in ImageSequence.Iterator(image):
        whole = frame.convert("RGBA")  # decodes the frame, which is when WebP tells its duration
        durations.append(frame.info.get("duration") or 100)
        whole.info = {}
        frames.append(whole)
    options.pop("transparency", None)  # the frames carry it as alpha now
    if "loop" in image.info:
        options["loop"] = image.info["loop"]
    frames[0].save(
        buffer,
        format=image_format.pillow_name,
        save_all=True,
        append_images=frames[1:],
        duration=durations,
        **image_format.animation_options,
        **options,
    )
