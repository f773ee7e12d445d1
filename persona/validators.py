import warnings

from django.core.exceptions import ValidationError
from PIL import Image

MAX_IMAGE_BYTES = 5 * 1024 * 1024
MAX_IMAGE_SIDE = 4096
ALLOWED_IMAGE_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}


def validate_not_blank(value: str) -> None:
    if isinstance(value, str) and not value.strip():
        raise ValidationError("This field cannot be blank.", code="blank")


def validate_traits(value) -> None:
    if not isinstance(value, dict):
        raise ValidationError("Traits must be an object of trait name to a number between 0 and 1.")
    for trait, score in value.items():
        if not str(trait).strip() or len(str(trait)) > 50:
            raise ValidationError("Each trait needs a name of 1 to 50 characters.")
        if isinstance(score, bool) or not isinstance(score, int | float) or not 0 <= score <= 1:
            raise ValidationError(f"Trait “{trait}” must be a number between 0 and 1.")


def validate_capabilities(value) -> None:
    if not isinstance(value, dict):
        raise ValidationError("Capabilities must be a JSON object.")


def validate_persona_image(file) -> None:
    """Open the upload with Pillow: a renamed text file, a truncated file or a bomb is refused clearly."""
    if file.size > MAX_IMAGE_BYTES:
        raise ValidationError("The image is larger than 5 MB.", code="image_too_large")
    file.seek(0)
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(file) as image:
                _check_header(image)
                image.load()
        except ValidationError:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise ValidationError("The image has too many pixels.", code="image_bomb") from None
        except Exception:  # Pillow raises many types for a damaged file
            raise ValidationError(
                "The file is not a readable image (it may be damaged or truncated).", code="image_invalid"
            ) from None
        finally:
            file.seek(0)


def _check_header(image: Image.Image) -> None:
    if image.format not in ALLOWED_IMAGE_FORMATS:
        raise ValidationError("Upload a JPEG, PNG, WebP or GIF image.", code="image_format")
    width, height = image.size
    if width > MAX_IMAGE_SIDE or height > MAX_IMAGE_SIDE:
        raise ValidationError(
            f"The image is {width}×{height} px; at most {MAX_IMAGE_SIDE} px a side is allowed.",
            code="image_dimensions",
        )
