from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect

from mapping import permissions, selectors, services


@login_required
def response_open(request, campaign_pk, code):
    campaign = get_object_or_404(selectors.campaign_list(user=request.user), pk=campaign_pk)
    region = get_object_or_404(campaign.regions.all(), code=code)
    response = selectors.response_for(campaign=campaign, region=region)
    if response is None:
        if not permissions.can_edit_region_response(request.user, region):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        response = services.response_start(campaign=campaign, region=region)
    return redirect("mapping:response-fill", pk=response.pk)
