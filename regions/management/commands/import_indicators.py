from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from regions.statistics import download as eurostat_api
from regions.statistics import importer
from regions.statistics.parsers import StatisticsFileError


class Command(BaseCommand):
    help = (
        "Import regional statistics and typologies from Eurostat files (TSV, SDMX-CSV, the reduced density "
        "CSV, the typology CSV or workbook, Regional Yearbook JSON); --download fetches a dataset first."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="*", help="Eurostat files; the dataset code is read from the name")
        parser.add_argument("--dataset", help="the Eurostat dataset code, when the file name does not start with it")
        parser.add_argument("--download", metavar="DATASET", help="fetch DATASET from Eurostat's dissemination API")
        parser.add_argument("--url", help="dissemination API base URL (default: Eurostat)")
        parser.add_argument("--refresh", action="store_true", help="download again even when cached")

    def handle(self, *args, files=(), dataset=None, download=None, url=None, refresh=False, **options):
        if bool(files) == bool(download):
            raise CommandError("Give either FILE... or --download DATASET.")
        try:
            if download:
                path = eurostat_api.dataset_download(dataset=download, base_url=url, refresh=refresh)
                self.stdout.write(f"Using {path}")
                paths, dataset = [path], download
            else:
                paths = [Path(name) for name in files]
            results = importer.indicators_import(paths=paths, dataset=dataset)
        except StatisticsFileError as error:
            raise CommandError(f"{error} Nothing was imported.") from None
        for result in results:
            self.stdout.write(self.style.SUCCESS(result.summary()))
