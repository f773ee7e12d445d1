from io import BytesIO

from PIL import Image, ImageOps

THUMBNAIL_SIZE = (256, 256)


def make_thumbnail(image_file) -> bytes:
    """A square-cropped 256 px WebP of the persona's image, for lists."""
    image_file.seek(0)
    with Image.open(image_file) as image:
        image = ImageOps.exif_transpose(image).convert("RGBA")
        thumb = ImageOps.fit(image, THUMBNAIL_SIZE, Image.Resampling.LANCZOS)
    buffer = BytesIO()
    thumb.save(buffer, format="WEBP", quality=85)
    image_file.seek(0)
    return buffer.getvalue()
