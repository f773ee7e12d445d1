"""Uploads, for every app: an image field that checks and re-encodes what a client sends and names it
from the format Pillow detected (`ImageUploadField`), the registry of who may read which folder, and
the one media view that serves files after asking it (core.uploads.views)."""

from core.uploads.access import UploadAccess, register_upload_folder
from core.uploads.fields import ImageFormField, ImageUploadField
from core.uploads.images import make_thumbnail, make_web_variant, validate_image
from core.uploads.storage import stored_files_rename

__all__ = [
    "ImageFormField",
    "ImageUploadField",
    "UploadAccess",
    "make_thumbnail",
    "make_web_variant",
    "register_upload_folder",
    "stored_files_rename",
    "validate_image",
]
