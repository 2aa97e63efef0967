"""Pilots: list, detail, edit."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from regions.models import Region
from roadmap import caching, extensions, forms, permissions, selectors, services
from roadmap.models import Pilot
from roadmap.views._common import _attach

# Pilots -----------------------------------------------------------------------------------


@require_GET
@caching.public_page(vary_on=("region", "module", "status", "funding"), uncached_on=("q",))
def pilot_list(request: HttpRequest) -> HttpResponse:
    from roadmap.filters import PilotFilter

    filterset = PilotFilter(request.GET or None, queryset=Pilot.objects.none())
    pilots = selectors.pilot_list(user=request.user, filters=request.GET)
    return render(
        request,
        "roadmap/pilot_list.html",
        {"pilots": pilots, "filter": filterset, "can_edit": permissions.can_edit_pilot(request.user)},
    )


@require_GET
@caching.public_page
def pilot_detail(request: HttpRequest, slug: str) -> HttpResponse:
    pilot = get_object_or_404(selectors.pilot_list(user=request.user), slug=slug)
    return render(
        request,
        "roadmap/pilot_detail.html",
        {
            "pilot": pilot,
            "can_edit": permissions.can_edit_pilot(request.user, pilot),
            "links": extensions.interest_links(target=pilot, user=request.user),
        },
    )


@login_required
def pilot_edit(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    pilot = get_object_or_404(Pilot, slug=slug) if slug else None
    if not permissions.can_edit_pilot(request.user, pilot):
        raise PermissionDenied
    initial = {}
    if pilot:
        initial = {
            "slug": pilot.slug,
            "title": pilot.title,
            "summary": pilot.summary,
            "region_codes": ", ".join(r.code for r in pilot.regions.all()),
            "modules": pilot.modules.all(),
            "lead_name": pilot.lead_name,
            "partner_names": pilot.partner_names,
            "budget": pilot.budget,
            "start_date": pilot.start_date,
            "end_date": pilot.end_date,
            "status": pilot.status,
            "funding": "\n".join(
                f"{f.instrument.code}, {f.amount}" for f in pilot.funding.select_related("instrument")
            ),
        }
    form = forms.PilotForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        codes = [c.strip().upper() for c in data.pop("region_codes").split(",") if c.strip()]
        regions = list(Region.objects.filter(code__in=codes))
        missing = sorted(set(codes) - {r.code for r in regions})
        if missing:
            form.add_error("region_codes", _("Unknown NUTS codes: %(codes)s.") % {"codes": ", ".join(missing)})
        else:
            try:
                pilot = services.pilot_save(pilot=pilot, regions=regions, **data)
            except ValidationError as error:
                _attach(form, error)
            else:
                messages.success(request, _("Pilot saved."))
                return redirect("roadmap:pilot", slug=pilot.slug)
    return render(request, "roadmap/pilot_form.html", {"form": form, "pilot": pilot})
