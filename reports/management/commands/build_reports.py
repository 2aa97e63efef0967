import sys
import time

from django.core.management.base import BaseCommand, CommandError

from mapping.models import Campaign
from reports import selectors, services


class Command(BaseCommand):
    help = "Build the recommendation reports of many regions (every EU NUTS 2 region by default) and show the progress."

    def add_arguments(self, parser):
        parser.add_argument("--region", action="append", default=[], help="a NUTS code; repeat for more regions")
        parser.add_argument("--campaign", type=int, help="only the regions of this mapping campaign")
        parser.add_argument(
            "--inline", action="store_true", help="build in this process instead of queueing for the workers"
        )
        parser.add_argument("--no-wait", action="store_true", help="queue the batch and return")
        parser.add_argument("--timeout", type=int, default=3600, help="seconds to wait for the workers")

    def handle(self, *args, region, campaign, inline, no_wait, timeout, **options):
        codes = [c.upper() for c in region]
        campaign_obj = None
        if campaign is not None:
            campaign_obj = Campaign.objects.filter(pk=campaign).first()
            if campaign_obj is None:
                raise CommandError(f"No campaign has the id {campaign}.")
            regions = services.campaign_regions(campaign=campaign_obj, codes=codes or None)
        else:
            regions = services.batch_regions(codes=codes or None)
        if not regions:
            raise CommandError("No region matches: import the NUTS regions first, or check the codes and the campaign.")
        missing = sorted(set(codes) - {r.code for r in regions})
        if missing:
            raise CommandError(f"Unknown NUTS codes: {', '.join(missing)}")
        try:
            batch = services.batch_create(
                regions=regions, campaign=campaign_obj, title=f"Reports for {len(regions)} regions", created_by=None
            )
        except services.QueueUnavailable as exc:
            raise CommandError(f"{exc.reason} ({len(exc.report_ids)} reports marked failed)") from None
        self.stdout.write(f"Batch {batch.pk}: {len(regions)} regions")
        if inline:
            for report in batch.reports.filter(status="queued").order_by("region__code"):
                services.report_build(report_id=report.pk, worker="build_reports")
                self._draw(selectors.batch_progress(batch=batch))
        if no_wait and not inline:
            return
        deadline = time.monotonic() + timeout
        while True:
            progress = selectors.batch_progress(batch=batch)
            self._draw(progress)
            if progress["is_finished"]:
                break
            if time.monotonic() > deadline:
                self.stdout.write("")
                raise CommandError(f"Gave up after {timeout} s: are the Celery workers running?")
            time.sleep(1)
        self.stdout.write("")
        for report in selectors.batch_failed_reports(batch=batch):
            self.stderr.write(f"{report.region.code}: {report.error}")
        self.stdout.write(self.style.SUCCESS(f"{progress['done']} done, {progress['failed']} failed"))
        if progress["failed"]:
            sys.exit(1)

    def _draw(self, progress: dict) -> None:
        width = 40
        filled = round(width * progress["percent"] / 100)
        bar = "#" * filled + "-" * (width - filled)
        line = (
            f"\r[{bar}] {progress['finished']}/{progress['total']}  "
            f"queued {progress['queued']}  running {progress['running']}  "
            f"done {progress['done']}  failed {progress['failed']}"
        )
        self.stdout.write(line, ending="")
        self.stdout.flush()
