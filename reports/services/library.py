"""The coordinators' recommendation library."""

from django.db import transaction

from reports.models import Recommendation
from saphire.page_cache import REPORTS, changes


@changes(REPORTS)
@transaction.atomic
def recommendation_save(
    *, recommendation: Recommendation, themes: list, funding_instruments: list | None = None
) -> Recommendation:
    """Save a library entry; its version goes up so reports built on the old text become out of date."""
    if recommendation.pk:
        recommendation.version = (
            Recommendation.objects.filter(pk=recommendation.pk).values_list("version", flat=True).first() or 0
        ) + 1
    recommendation.save()
    recommendation.themes.set(themes)
    if funding_instruments is not None:
        recommendation.funding_instruments.set(funding_instruments)
    return recommendation
