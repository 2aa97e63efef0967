from django.core.management.base import BaseCommand
from django.db import transaction

from accounts import demo as accounts_demo
from mapping import demo as mapping_demo
from regions import demo as regions_demo
from reports import demo as reports_demo
from roadmap import demo as roadmap_demo
from workshops import demo as workshops_demo

# Order matters: later parts hang on regions and accounts.
DEMOS = [regions_demo, accounts_demo, mapping_demo, workshops_demo, roadmap_demo, reports_demo]


class Command(BaseCommand):
    help = "Load the demo data of every part of the portal. Running it again changes nothing."

    def handle(self, *args, **options):
        for demo in DEMOS:
            with transaction.atomic():
                demo.load(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
