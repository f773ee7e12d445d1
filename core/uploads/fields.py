"""The model and form fields every app uses for uploaded images."""

from django import forms
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.models.fields.files import ImageFieldFile

from core.uploads.images import ACCEPT, LIMITS_TEXT, EncodedImage, encode_for_storage, validate_image
from core.uploads.storage import FOLDER, stored_name
from core.uploads.widgets import ImagePickerInput


class ImageUploadFieldFile(ImageFieldFile):
    def save(self, name, content, save=True):
        """Store our own encoding of `content` under a name of ours; the client's `name` is ignored."""
        encoded = content if isinstance(content, EncodedImage) else encode_for_storage(content)
        super().save(stored_name(self.field.folder, encoded.image_format), encoded, save)


class ImageFormField(forms.FileField):
    """The file input of an image upload (an ImagePickerInput). The file's name does not matter: we
    never keep it."""

    widget = ImagePickerInput
    default_validators = [validate_image]

    def __init__(self, **kwargs):
        kwargs["help_text"] = kwargs.get("help_text") or LIMITS_TEXT
        kwargs.pop("max_length", None)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("accept", ACCEPT)


class ImageUploadField(models.ImageField):
    """An uploaded image, checked and re-encoded by core.uploads.images and stored as
    `<folder>/<uuid hex>.<ext>` (the extension from the format Pillow detected). The app owning the field
    registers a reader for `folder` (core.uploads.register_upload_folder); the media view serves each
    file only to whom that reader allows."""

    attr_class = ImageUploadFieldFile
    default_validators = [validate_image]

    def __init__(self, verbose_name=None, name=None, *, folder: str, **kwargs):
        if not FOLDER.fullmatch(folder):
            raise ImproperlyConfigured(f"Upload folder {folder!r}: use lower-case letters, digits, _ and /.")
        self.folder = folder
        super().__init__(verbose_name, name, **kwargs)

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        kwargs.pop("upload_to", None)
        kwargs["folder"] = self.folder
        return name, "core.uploads.ImageUploadField", args, kwargs

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": ImageFormField, **kwargs})
