"""Eurostat's dissemination API: one dataset as TSV, cached in the data folder."""

import gzip
import re
import shutil
import tempfile
import urllib.error
import urllib.request
from pathlib import Path

from django.conf import settings

from regions.statistics.parsers import StatisticsFileError

EUROSTAT_URL = "https://ec.europa.eu/eurostat/api/dissemination"
DATASET_CODE = re.compile(r"^[a-z][a-z0-9_]{1,60}$")


def download_url(*, dataset: str, base_url: str | None = None) -> str:
    base = (base_url or getattr(settings, "EUROSTAT_DOWNLOAD_URL", "") or EUROSTAT_URL).rstrip("/")
    return f"{base}/sdmx/2.1/data/{dataset}/?format=TSV&compressed=false"


def dataset_download(
    *, dataset: str, cache_dir: Path | None = None, base_url: str | None = None, refresh: bool = False,
    timeout: float = 120,
) -> Path:  # fmt: skip
    """`<data folder>/eurostat/<dataset>.tsv`, downloaded unless cached."""
    if not DATASET_CODE.match(dataset):
        raise StatisticsFileError(f"{dataset!r} is not a Eurostat dataset code (e.g. demo_r_pjanaggr3).")
    cache_dir = Path(cache_dir or Path(settings.DATA_DIR) / "eurostat")
    target = cache_dir / f"{dataset}.tsv"
    if target.exists() and not refresh:
        return target
    url = download_url(dataset=dataset, base_url=base_url)
    cache_dir.mkdir(parents=True, exist_ok=True)
    handle = tempfile.NamedTemporaryFile(dir=cache_dir, delete=False, suffix=".part")  # noqa: SIM115 (closed below)
    try:
        with handle, urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 (Eurostat or configured URL)
            head = response.read(2)
            handle.write(head)
            shutil.copyfileobj(response, handle)
    except (urllib.error.URLError, OSError, TimeoutError) as error:
        Path(handle.name).unlink(missing_ok=True)
        raise StatisticsFileError(f"Could not download {url}: {getattr(error, 'reason', error)}.") from None
    part = Path(handle.name)
    if head == b"\x1f\x8b":  # the API compresses unless told not to; accept either
        with gzip.open(part, "rb") as source, open(f"{part}.tsv", "wb") as plain:
            shutil.copyfileobj(source, plain)
        part.unlink()
        part = Path(f"{part}.tsv")
    # Renamed only when complete, so an interrupted download never looks like a cached file.
    part.replace(target)
    return target
