"""System checks: every upload field's folder has a reader (else its files would never be served), and
the proxy's internal location is not the public media URL (else the proxy would serve every file)."""

from django.apps import apps
from django.conf import settings
from django.core.checks import Error

from core.uploads.access import registered_upload_folders
from core.uploads.fields import ImageUploadField


def check_upload_folders_have_readers(app_configs=None, **kwargs) -> list[Error]:
    registered = registered_upload_folders()
    return [
        Error(
            f"{model._meta.label}.{field.name} stores uploads in {field.folder!r}, which has no reader: "
            "its files would never be served.",
            hint="Call core.uploads.register_upload_folder() in the app's AppConfig.ready().",
            obj=field,
            id="core.E001",
        )
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, ImageUploadField) and field.folder not in registered
    ]


def check_accel_redirect_prefix(app_configs=None, **kwargs) -> list[Error]:
    prefix = settings.MEDIA_ACCEL_REDIRECT_PREFIX
    if not prefix:
        return []
    if not prefix.startswith("/") or prefix.rstrip("/") == settings.MEDIA_URL.rstrip("/"):
        return [
            Error(
                f"MEDIA_ACCEL_REDIRECT_PREFIX is {prefix!r}: it must be a path of its own, such as "
                f"/_protected_media/, that the proxy serves only as an internal location.",
                hint=f"Never let the proxy serve MEDIA_ROOT at {settings.MEDIA_URL} itself.",
                id="core.E002",
            )
        ]
    return []
