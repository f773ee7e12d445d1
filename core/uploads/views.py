"""The one view that serves uploaded files: only to whoever may see them, only as the image they are."""

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from core.api.handlers import page_not_found
from core.uploads.access import UploadAccess, upload_access
from core.uploads.images import CONTENT_TYPES
from core.uploads.storage import STORED_NAME

# How long browsers and shared caches may keep a public image: also how long it may stay visible there
# after its persona turns private.
PUBLIC_MAX_AGE = 300
# An image opened on its own is inert: no script, no plugin, no sniffing it into something else.
SAFE_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; sandbox",
    "Cross-Origin-Resource-Policy": "same-origin",
}


@require_safe
def serve_upload(request, name: str):
    """An uploaded file for whoever may read it; anyone else, and any other name, gets the same 404."""
    match = STORED_NAME.fullmatch(name)
    access = (
        upload_access(user=request.user, folder=match["folder"], name=name) if match else UploadAccess.NONE
    )
    response = None if access is UploadAccess.NONE else _file_response(name, match["extension"])
    if response is None:
        response = page_not_found(request, Http404())
        # Never cached: whoever asks next (the owner, say) may see the file.
        patch_cache_control(response, private=True, no_store=True)
        return response
    for header, value in SAFE_HEADERS.items():
        response[header] = value
    if access is UploadAccess.PUBLIC:
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    else:
        patch_cache_control(response, private=True, no_store=True)
    return response


def _file_response(name: str, extension: str) -> HttpResponse | None:
    """The file itself, or behind a proxy an empty answer telling it which file to send (nginx's
    X-Accel-Redirect to an `internal` location); None when the file is missing."""
    content_type = CONTENT_TYPES[extension]
    prefix = settings.MEDIA_ACCEL_REDIRECT_PREFIX
    if prefix:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = f"{prefix.rstrip('/')}/{name}"
        return response
    try:
        return FileResponse(default_storage.open(name), content_type=content_type)
    except OSError:
        return None
