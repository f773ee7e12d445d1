"""How uploads are named on disk: `<folder>/<uuid hex>.<extension of the detected format>`. Nothing of the
client's file name survives; the media view serves no other name. Files stored before this naming are
brought to it by `stored_files_rename` (run from a data migration)."""

import re
import uuid

from django.core.files.storage import default_storage
from django.db import transaction
from PIL import Image

from core.uploads.images import CONTENT_TYPES, DECODERS, DETECTED_FORMATS, ImageFormat

FOLDER = re.compile(r"[a-z0-9_]+(?:/[a-z0-9_]+)*")
STORED_NAME = re.compile(
    rf"(?P<folder>{FOLDER.pattern})/[0-9a-f]{{32}}\.(?P<extension>{'|'.join(CONTENT_TYPES)})"
)


def stored_name(folder: str, image_format: ImageFormat) -> str:
    return f"{folder}/{uuid.uuid4().hex}.{image_format.extension}"


def stored_files_rename(*, models, fields: dict[str, str]) -> int:
    """Rename the files that rows of `models` name in `fields` (field name -> upload folder) to the
    stored naming, updating every row; returns how many files moved. Old files are deleted on commit."""
    renamed: dict[str, str] = {}
    for model in models:
        for field, folder in fields.items():
            _rename_in_rows(model, field, folder, renamed)
    return sum(old != new for old, new in renamed.items())


def _rename_in_rows(model, field: str, folder: str, renamed: dict[str, str]) -> None:
    rows = model._base_manager.exclude(**{field: ""}).values_list("pk", field)
    changed = []
    for pk, name in rows.iterator(chunk_size=2000):
        if name not in renamed:
            renamed[name] = _renamed_file(name, folder)
        if renamed[name] != name:
            changed.append(model(pk=pk, **{field: renamed[name]}))
    # Not a user's edit: no history version (history rows themselves are renamed by the same call).
    model._base_manager.bulk_update(changed, [field], batch_size=500)


def _renamed_file(name: str, folder: str) -> str:
    """The name the file goes by from now on: a copy under the stored naming, or `name` itself when it
    already fits, or when the file is missing or unreadable (the media view never serves such a name)."""
    try:
        with default_storage.open(name) as file, Image.open(file, formats=DECODERS) as image:
            image_format = DETECTED_FORMATS[image.format]
    except Exception:  # missing, or anything Pillow cannot read
        return name
    match = STORED_NAME.fullmatch(name)
    if match and match["folder"] == folder and match["extension"] == image_format.extension:
        return name
    with default_storage.open(name) as file:
        new_name = default_storage.save(stored_name(folder, image_format), file)
    transaction.on_commit(lambda: default_storage.delete(name))
    return new_name
