from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from mapping import board, exports, permissions, selectors, services
from mapping.forms import CampaignForm
from saphire.forms import add_service_errors
from saphire.roles import is_coordinator


@login_required
@require_GET
def index(request):
    today = timezone.localdate()
    context = {"open_responses": selectors.official_open_responses(user=request.user, today=today)}
    if is_coordinator(request.user):
        context["campaigns"] = list(selectors.campaign_list(user=request.user)[:20])
        context["questionnaires"] = list(selectors.questionnaire_list(user=request.user))
        context["waiting"] = list(
            selectors.response_list(user=request.user).filter(status="submitted").order_by("submitted_at")[:50]
        )
    return render(request, "mapping/index.html", context)


@login_required
@require_GET
def campaign_list(request):
    if not permissions.can_manage_campaigns(request.user):
        raise PermissionDenied
    campaigns = selectors.campaign_list(user=request.user)
    return render(request, "mapping/campaign_list.html", {"campaigns": campaigns})


@login_required
def campaign_create(request):
    if not permissions.can_manage_campaigns(request.user):
        raise PermissionDenied
    form = CampaignForm(request.POST or None, initial={"version": request.GET.get("version")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            campaign = services.campaign_create(
                title=data["title"],
                version=data["version"],
                regions=data["regions"],
                opens_on=data["opens_on"],
                deadline=data["deadline"],
                created_by=request.user,
                carry_over=data.get("carry_over", False),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Campaign opened for %(n)s regions.") % {"n": len(data["regions"])})
            return redirect("mapping:campaign-detail", pk=campaign.pk)
    return render(request, "mapping/campaign_form.html", {"form": form}, status=400 if form.errors else 200)


@login_required
@require_GET
def campaign_detail(request, pk):
    if not permissions.can_manage_campaigns(request.user):
        raise PermissionDenied
    campaign = get_object_or_404(selectors.campaign_list(user=request.user), pk=pk)
    state = request.GET.get("state", "")
    rows, counts = board.campaign_board(campaign=campaign, today=timezone.localdate(), state=state)
    return render(
        request,
        "mapping/campaign_board.html",
        {
            "campaign": campaign,
            "rows": rows,
            "counts": counts,
            "state": state,
            "states": [(key, label, counts[key]) for key, label in board.STATE_LABELS.items()],
            "total": sum(counts[key] for key in board.STATE_LABELS),
        },
    )


@login_required
@require_GET
def campaign_export(request, pk, fmt):
    if not permissions.can_export(request.user):
        raise PermissionDenied
    campaign = get_object_or_404(selectors.campaign_list(user=request.user), pk=pk)
    shape = request.GET.get("shape", "wide")
    if fmt not in ("csv", "xlsx") or shape not in ("wide", "long", "codebook"):
        raise Http404
    evidence = request.GET.get("evidence") == "1"
    return exports.campaign_export_response(campaign=campaign, fmt=fmt, shape=shape, evidence=evidence)


@login_required
@require_POST
def campaign_suggest_findings(request, pk):
    if not permissions.can_manage_findings(request.user):
        raise PermissionDenied
    campaign = get_object_or_404(selectors.campaign_list(user=request.user), pk=pk)
    created = services.findings_suggest(campaign=campaign, by=request.user)
    if not created:
        messages.info(
            request,
            _(
                "The rules suggest no new finding for this campaign: no accepted score crosses an active rule's "
                "threshold, or each match was suggested before. Check the rules, or record a finding by hand."
            ),
        )
        return redirect("mapping:campaign-detail", pk=campaign.pk)
    messages.success(
        request,
        ngettext(
            "%(n)s finding suggested from the rules; confirm or dismiss it.",
            "%(n)s findings suggested from the rules; confirm or dismiss them.",
            len(created),
        )
        % {"n": len(created)},
    )
    return redirect(f"/mapping/findings/?status=suggested&campaign={campaign.pk}")
