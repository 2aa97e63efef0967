"""Stored files (workshop attachments, built reports) are sent only by views that checked permission.

Nothing under MEDIA_ROOT is served as static media. Django sends the file itself, or, when
MEDIA_ACCEL_REDIRECT_PREFIX is set, answers with an X-Accel-Redirect header naming it under that
prefix, for a proxy (nginx `internal` location) to send: the check stays in Django, the bytes do not.
"""

import mimetypes
import os
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.utils.http import content_disposition_header

FILE_MODE = 0o640
DIRECTORY_MODE = 0o750


def media_path(relative: str) -> Path:
    """The file `relative` names under MEDIA_ROOT; Http404 if it is missing or outside MEDIA_ROOT."""
    root = Path(settings.MEDIA_ROOT).resolve()
    path = (root / relative).resolve()
    if not relative or root not in path.parents or not path.is_file():
        raise Http404("No such file.")
    return path


def protected_file_response(
    relative: str, *, content_type: str | None = None, filename: str | None = None, as_attachment: bool = False
) -> HttpResponse:
    """The stored file `relative` (to MEDIA_ROOT), for a caller that has checked the user may have it."""
    path = media_path(relative)
    filename = filename or path.name
    content_type = content_type or mimetypes.guess_type(filename)[0] or "application/octet-stream"
    prefix = settings.MEDIA_ACCEL_REDIRECT_PREFIX
    if prefix:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = quote(f"{prefix}/{path.relative_to(Path(settings.MEDIA_ROOT).resolve())}")
        response["Content-Disposition"] = content_disposition_header(as_attachment, filename)
    else:
        response = FileResponse(path.open("rb"), as_attachment=as_attachment, filename=filename)
        response["Content-Type"] = content_type
    # Drafts and restricted files must not be kept by shared caches.
    response["Cache-Control"] = "private, no-cache"
    return response


def make_private_directories(directory: Path) -> None:
    """Create `directory` and its missing parents with DIRECTORY_MODE, whatever the process umask."""
    missing = []
    while not directory.exists():
        missing.append(directory)
        directory = directory.parent
    for path in reversed(missing):
        try:
            path.mkdir(mode=DIRECTORY_MODE)
        except FileExistsError:
            continue
        os.chmod(path, DIRECTORY_MODE)
