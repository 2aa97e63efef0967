from django.core.management.base import BaseCommand
from django.db import transaction

from saphire import plugins


class Command(BaseCommand):
    help = "Load the demo data of every part of the portal. Running it again changes nothing."

    def handle(self, *args, **options):
        # Bottom-up along the app graph: each part hangs on the accounts and regions loaded before it.
        for load in plugins.demo_loaders:
            with transaction.atomic():
                load(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
