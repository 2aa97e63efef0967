"""All the finished PDFs of a batch as one zip file."""

import tempfile
import zipfile

from django.http import Http404

from saphire.files import media_path


def batch_zip(*, files: list[tuple[str, str]]) -> tempfile.SpooledTemporaryFile:
    """A zip of `files` ((region code, PDF path relative to MEDIA_ROOT)), rewound for reading.

    PDFs are compressed already, so they are stored as they are; a file gone from the disk is left out.
    Up to 16 MB stays in memory, beyond that the archive spills to a temporary file.
    """
    archive = tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024)  # noqa: SIM115 (the caller streams it)
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_STORED) as bundle:
        names: set[str] = set()
        for code, relative in files:
            try:
                path = media_path(relative)
            except Http404:
                continue
            name = f"saphire-report-{code}.pdf"
            if name in names:
                name = f"saphire-report-{code}-{path.parent.name}.pdf"
            names.add(name)
            bundle.write(path, name)
    archive.seek(0)
    return archive
