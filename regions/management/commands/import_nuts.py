from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from regions import nuts


class Command(BaseCommand):
    help = (
        "Import NUTS regions from a Eurostat GISCO GeoJSON file (any or all levels, or label points) or a "
        "code-list CSV; --download fetches the official file of all levels into the data folder first."
    )

    def create_parser(self, prog_name, subcommand, **kwargs):
        # --version here is the NUTS version, not Django's.
        return super().create_parser(prog_name, subcommand, conflict_handler="resolve", **kwargs)

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="GeoJSON or CSV file")
        parser.add_argument("--version", dest="nuts_version", type=int, choices=nuts.SUPPORTED_VERSIONS)
        parser.add_argument("--download", action="store_true", help="fetch the file from the GISCO service")
        parser.add_argument("--scale", default="60M", choices=nuts.SCALES)
        parser.add_argument("--url", help="distribution service base URL (default: GISCO)")
        parser.add_argument("--refresh", action="store_true", help="download again even when cached")

    def handle(
        self, *args, file=None, nuts_version=None, download=False, scale="60M", url=None, refresh=False, **options
    ):
        if bool(file) == download:
            raise CommandError("Give either a FILE or --download.")
        try:
            if download:
                version = nuts_version or 2024
                path = nuts.nuts_download(version=version, scale=scale, base_url=url, refresh=refresh)
                self.stdout.write(f"Using {path}")
                result = nuts.nuts_import(path=path, version=version)
            else:
                result = nuts.nuts_import(path=Path(file), version=nuts_version)
        except nuts.NutsImportError as error:
            raise CommandError(f"{error} Nothing was imported.") from None
        self.stdout.write(self.style.SUCCESS(result.summary()))
