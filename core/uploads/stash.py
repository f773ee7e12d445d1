"""Keeping a chosen image across a form that came back with errors, so nobody picks it again: the
upload is stored (our encoding, as any upload) under `stash/`, which no reader serves, and the form
carries a signed token naming the file and the user; a token of someone else, or older than
STASH_MAX_AGE, is worth nothing. Stashed files are deleted by upload_stash_clean."""

import base64
from datetime import timedelta

from django.core import signing
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from core.uploads.images import CONTENT_TYPES, encode_for_storage, make_thumbnail
from core.uploads.storage import STORED_NAME, stored_name

STASH_FOLDER = "stash"
STASH_MAX_AGE = timedelta(hours=6)
_SALT = "core.uploads.stash"


def upload_stash(*, file, user) -> str:
    """Store an upload the form already checked; the token that brings it back for `user`."""
    encoded = encode_for_storage(file)
    name = default_storage.save(stored_name(STASH_FOLDER, encoded.image_format), encoded)
    return signing.dumps({"name": name, "user": user.pk}, salt=_SALT)


def upload_unstash(*, token: str, user) -> SimpleUploadedFile | None:
    """The stashed upload as a fresh upload, or None when the token is not this user's valid one or the
    file is gone."""
    name = _stashed_name(token, user)
    if name is None:
        return None
    try:
        with default_storage.open(name) as stored:
            content = stored.read()
    except OSError:
        return None
    extension = name.rpartition(".")[2]
    return SimpleUploadedFile(f"stashed.{extension}", content, content_type=CONTENT_TYPES[extension])


def upload_stash_preview(*, token: str, user) -> str:
    """A small `data:` URL of the stashed image to show in the form (pages allow `data:` images)."""
    upload = upload_unstash(token=token, user=user)
    if upload is None:
        return ""
    thumbnail = make_thumbnail(upload)
    return "data:image/webp;base64," + base64.b64encode(thumbnail.read()).decode()


def upload_stash_clean(*, now=None) -> int:
    """Delete stashed files older than their tokens; how many."""
    cutoff = (now or timezone.now()) - STASH_MAX_AGE
    try:
        _folders, files = default_storage.listdir(STASH_FOLDER)
    except FileNotFoundError:
        return 0
    names = [f"{STASH_FOLDER}/{file}" for file in files]
    old = [name for name in names if default_storage.get_modified_time(name) < cutoff]
    for name in old:
        default_storage.delete(name)
    return len(old)


def _stashed_name(token: str, user) -> str | None:
    try:
        data = signing.loads(token or "", salt=_SALT, max_age=STASH_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not user.is_authenticated or data.get("user") != user.pk:
        return None
    match = STORED_NAME.fullmatch(str(data.get("name", "")))
    return match.string if match and match["folder"] == STASH_FOLDER else None
