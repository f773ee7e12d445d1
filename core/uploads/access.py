"""Who may read an uploaded file. Each app that stores uploads registers, from its AppConfig.ready(), a
reader for each of its upload folders; the media view asks it before serving a byte."""

import enum
from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured


class UploadAccess(enum.Enum):
    NONE = "none"  # answered exactly like a file that does not exist
    RESTRICTED = "restricted"  # this user may read it; no cache may keep it
    PUBLIC = "public"  # anyone may read it; caches may keep it a short while


# reader(*, user, name) -> UploadAccess, for the stored file `name`
Reader = Callable[..., UploadAccess]
_readers: dict[str, Reader] = {}


def register_upload_folder(folder: str, reader: Reader) -> None:
    if _readers.setdefault(folder, reader) is not reader:
        raise ImproperlyConfigured(f"The upload folder {folder!r} already has a reader.")


def registered_upload_folders() -> set[str]:
    return set(_readers)


def upload_access(*, user, folder: str, name: str) -> UploadAccess:
    reader = _readers.get(folder)
    return reader(user=user, name=name) if reader else UploadAccess.NONE
