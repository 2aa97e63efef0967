"""Pilots and the organisations and funding they link."""

from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from regions.models import Region
from roadmap import caching
from roadmap.models import (
    FundingInstrument,
    Module,
    Pilot,
    PilotFunding,
)

# Pilots --------------------------------------------------------------------------------


def _link_organisations(pilot: Pilot, regions: list[Region]) -> None:
    """Match the lead and partner names to approved organisations of the pilot's regions (case-insensitive)."""
    from regions.models import Organisation

    partner_names = [line.strip() for line in pilot.partner_names.splitlines() if line.strip()]
    wanted = {name.lower() for name in [pilot.lead_name, *partner_names] if name}
    registered = {
        org.name.lower(): org
        for org in Organisation.objects.annotate(lower_name=Lower("name")).filter(
            region__in=regions, status=Organisation.Status.APPROVED, lower_name__in=wanted
        )
    }
    lead = registered.get(pilot.lead_name.lower()) if pilot.lead_name else None
    Pilot.objects.filter(pk=pilot.pk).update(lead_organisation=lead)
    pilot.lead_organisation = lead
    pilot.partner_organisations.set([registered[n.lower()] for n in partner_names if n.lower() in registered])


@transaction.atomic
def pilot_save(
    *,
    pilot: Pilot | None = None,
    slug: str,
    title: str,
    summary: str,
    regions: Iterable[Region],
    modules: Iterable[Module] = (),
    lead_name: str = "",
    partner_names: str = "",
    budget: Decimal | None = None,
    start_date=None,
    end_date=None,
    status: str = Pilot.Status.DRAFT,
    funding: Iterable[tuple[FundingInstrument, Decimal]] = (),
) -> Pilot:
    """Create or replace a pilot; funding lines are replaced as a whole."""
    regions = list(regions)
    if not regions:
        raise ValidationError({"regions": _("A pilot involves at least one region.")})
    if start_date and end_date and end_date < start_date:
        raise ValidationError({"end_date": _("The end date is before the start date.")})
    funding = list(funding)
    if budget is not None and funding and sum(amount for _i, amount in funding) > budget:
        raise ValidationError({"budget": _("The funding lines add up to more than the budget.")})
    fields = {
        "slug": slug,
        "title": title,
        "summary": summary,
        "lead_name": lead_name,
        "partner_names": partner_names,
        "budget": budget,
        "start_date": start_date,
        "end_date": end_date,
        "status": status,
    }
    if pilot is None:
        pilot, _created = Pilot.objects.update_or_create(slug=slug, defaults=fields)
    else:
        for name, value in fields.items():
            setattr(pilot, name, value)
        pilot.save()
    pilot.regions.set(regions)
    pilot.modules.set(modules)
    _link_organisations(pilot, regions)
    pilot.funding.all().delete()
    PilotFunding.objects.bulk_create(
        [PilotFunding(pilot=pilot, instrument=instrument, amount=amount) for instrument, amount in funding]
    )
    caching.public_changed()
    return pilot
