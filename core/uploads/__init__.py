"""Uploads, for every app: an image field that checks and re-encodes what a client sends and names it
from the format Pillow detected (`ImageUploadField`)."""

from core.uploads.fields import ImageFormField, ImageUploadField
from core.uploads.images import make_thumbnail, validate_image
from core.uploads.storage import stored_files_rename

__all__ = [
    "ImageFormField",
    "ImageUploadField",
    "make_thumbnail",
    "stored_files_rename",
    "validate_image",
]
