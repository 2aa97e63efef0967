from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from reports import permissions, selectors, services
from reports.forms import BatchForm, RecommendationForm, ReportRequestForm
from reports.models import Recommendation, Report, ReportBatch
from saphire.files import protected_file_response
from saphire.page_cache import REGIONS, REPORTS, SCORES, public_page

BODY_START, BODY_END = '<article class="report-doc"', "</article>"
# The standalone report carries its own stylesheet and no script at all.
QUEUE_DOWN_MESSAGE = gettext_lazy(
    "The build could not be queued: the task queue is unreachable. The report is marked failed; try again in a moment."
)
STANDALONE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'"


def _visible_report(request, pk: int) -> Report:
    report = get_object_or_404(selectors.report_list(user=request.user), pk=pk)
    if not permissions.can_view_report(request.user, report):
        raise Http404
    return report


def _file(report: Report, relative: str) -> str:
    if report.status != Report.Status.DONE or not relative:
        raise Http404(_("This report has not been built yet."))
    return relative


def report_body(report: Report) -> str:
    """The report's article from its stored HTML document, to show inside a portal page ("" if it is gone)."""
    path = Path(settings.MEDIA_ROOT) / report.html_path
    if report.status != Report.Status.DONE or not report.html_path or not path.exists():
        return ""
    document = path.read_text(encoding="utf-8")
    start, end = document.find(BODY_START), document.rfind(BODY_END)
    return document[start : end + len(BODY_END)] if start >= 0 and end > start else ""


@require_GET
@public_page(depends_on=(REPORTS, SCORES, REGIONS), vary_on=("region", "status", "published", "page"))
def report_list(request):
    reports = selectors.report_list(user=request.user, filters=request.GET)
    page = Paginator(reports, 50).get_page(request.GET.get("page"))
    selectors.mark_currency(list(page.object_list))
    context = {
        "page": page,
        "statuses": Report.Status.choices,
        "request_form": ReportRequestForm(auto_id="request_%s", user=request.user),
        "can_request": permissions.can_request_any_report(request.user),
        "batch_form": BatchForm(auto_id="batch_%s", initial={"language": getattr(request.user, "language", "")}),
        "batches": selectors.batch_list()[:5] if permissions.can_create_batch(request.user) else [],
        "can_batch": permissions.can_create_batch(request.user),
    }
    return render(request, "reports/report_list.html", context)


@login_required
@require_POST
def report_request(request):
    if not permissions.can_request_any_report(request.user):
        raise PermissionDenied
    form = ReportRequestForm(request.POST, user=request.user)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("reports:report-list")
    region = form.cleaned_data["region"]
    if not permissions.can_request_report(request.user, region):
        raise PermissionDenied
    try:
        report, queued = services.report_request(
            region=region,
            campaign=form.cleaned_data["campaign"],
            language=form.cleaned_data["language"] or request.user.language,
            requested_by=request.user,
        )
    except services.QueueUnavailable as exc:
        return _not_queued(request, exc)
    except services.EmptyInputs as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("reports:report-list")
    if not queued:
        messages.info(request, _("An up-to-date report already exists for %(region)s.") % {"region": region.name})
    return redirect("reports:report-detail", pk=report.pk)


@require_GET
@public_page(depends_on=(REPORTS, SCORES, REGIONS))
def report_detail(request, pk: int):
    report = _visible_report(request, pk)
    selectors.mark_currency([report])
    body = report_body(report)
    context = {
        "report": report,
        "body": body,
        "can_publish": permissions.can_publish_report(request.user, report),
        "can_retry": permissions.can_retry_report(request.user, report),
        "can_rebuild": permissions.can_request_report(request.user, report.region) and not report.is_up_to_date,
    }
    return render(request, "reports/report_detail.html", context)


@require_GET
def report_status(request, pk: int):
    report = _visible_report(request, pk)
    response = render(request, "reports/_report_status.html", {"report": report})
    if report.status == Report.Status.DONE and request.htmx:
        response["HX-Refresh"] = "true"
    return response


def report_file_response(report: Report, kind: str) -> HttpResponse:
    """The report's file, for a caller that checked the user may see the report."""
    if kind == "html":
        response = protected_file_response(
            _file(report, report.html_path), content_type="text/html; charset=utf-8", filename="report.html"
        )
        response["Content-Security-Policy"] = STANDALONE_CSP
        return response
    filename = f"saphire-report-{report.region.code}-{report.pk}.pdf"
    return protected_file_response(_file(report, report.pdf_path), content_type="application/pdf", filename=filename)


@require_GET
def report_html(request, pk: int):
    return report_file_response(_visible_report(request, pk), "html")


@require_GET
def report_pdf(request, pk: int):
    return report_file_response(_visible_report(request, pk), "pdf")


@login_required
@require_POST
def report_publish(request, pk: int):
    report = _visible_report(request, pk)
    if not permissions.can_publish_report(request.user, report):
        raise PermissionDenied
    services.report_publish(report=report, published_by=request.user)
    messages.success(request, _("The report is published on the region's page."))
    return redirect("reports:report-detail", pk=pk)


@login_required
@require_POST
def report_unpublish(request, pk: int):
    report = _visible_report(request, pk)
    if not permissions.can_publish_report(request.user, report):
        raise PermissionDenied
    services.report_unpublish(report=report)
    messages.success(request, _("The report is no longer public."))
    return redirect("reports:report-detail", pk=pk)


@login_required
@require_POST
def report_retry(request, pk: int):
    report = _visible_report(request, pk)
    if not permissions.can_retry_report(request.user, report):
        raise PermissionDenied
    try:
        report = services.report_retry(report=report, requested_by=request.user)
    except services.QueueUnavailable as exc:
        return _not_queued(request, exc)
    return redirect("reports:report-detail", pk=report.pk)


def _not_queued(request, exc: "services.QueueUnavailable"):
    messages.error(request, QUEUE_DOWN_MESSAGE)
    if len(exc.report_ids) == 1:
        return redirect("reports:report-detail", pk=exc.report_ids[0])
    return redirect("reports:report-list")


@login_required
@require_POST
def batch_create(request):
    if not permissions.can_create_batch(request.user):
        raise PermissionDenied
    form = BatchForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("reports:report-list")
    codes, campaign = form.cleaned_data["regions"], form.cleaned_data["campaign"]
    if campaign is not None:
        regions = services.campaign_regions(campaign=campaign, codes=codes or None)
        title = _("%(campaign)s: reports for %(n)s regions") % {"campaign": campaign.title, "n": len(regions)}
    else:
        regions = services.batch_regions(codes=codes or None)
        title = _("Reports for %(n)s regions") % {"n": len(regions)}
    if not regions:
        messages.error(request, _("No region to build: the campaign has none of these regions."))
        return redirect("reports:report-list")
    try:
        batch = services.batch_create(
            regions=regions,
            campaign=campaign,
            title=title,
            language=form.cleaned_data["language"] or request.user.language,
            created_by=request.user,
        )
    except services.QueueUnavailable:
        messages.error(request, QUEUE_DOWN_MESSAGE)
        return redirect("reports:report-list")
    except services.EmptyInputs as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("reports:report-list")
    return redirect("reports:batch-detail", pk=batch.pk)


def _visible_batch(request, pk: int) -> ReportBatch:
    batch = get_object_or_404(ReportBatch, pk=pk)
    if not permissions.can_view_batch(request.user, batch):
        raise PermissionDenied
    return batch


def _batch_context(request, batch: ReportBatch) -> dict:
    status = request.GET.get("status", "")
    status = status if status in Report.Status.values else ""
    return {
        "batch": batch,
        "progress": selectors.batch_progress(batch=batch),
        "failed": selectors.batch_failed_reports(batch=batch),
        "reports": selectors.batch_reports(batch=batch, status=status),
        "status": status,
        "statuses": Report.Status.choices,
    }


@login_required
@require_GET
def batch_detail(request, pk: int):
    batch = _visible_batch(request, pk)
    return render(request, "reports/batch_detail.html", _batch_context(request, batch))


@login_required
@require_GET
def batch_progress(request, pk: int):
    batch = _visible_batch(request, pk)
    return render(request, "reports/_batch_progress.html", _batch_context(request, batch))


@login_required
@require_GET
def batch_zip(request, pk: int):
    """Every finished PDF of the batch in one zip file."""
    batch = _visible_batch(request, pk)
    files = selectors.batch_done_files(batch=batch)
    if not files:
        raise Http404(_("No report of this batch is finished yet."))
    response = FileResponse(
        services.batch_zip(files=files), as_attachment=True, filename=f"saphire-reports-batch-{batch.pk}.zip"
    )
    response["Cache-Control"] = "private, no-cache"
    return response


@login_required
@require_POST
def batch_retry(request, pk: int):
    batch = _visible_batch(request, pk)
    try:
        count = services.batch_retry_failed(batch=batch, requested_by=request.user)
    except services.QueueUnavailable:
        messages.error(request, QUEUE_DOWN_MESSAGE)
        return redirect("reports:batch-detail", pk=pk)
    messages.success(request, _("%(n)s failed reports queued again.") % {"n": count})
    return redirect("reports:batch-detail", pk=pk)


@login_required
@require_GET
def recommendation_list(request):
    if not permissions.can_edit_recommendation(request.user):
        raise PermissionDenied
    recommendations = selectors.recommendation_list(filters=request.GET)
    return render(
        request,
        "reports/recommendation_list.html",
        {"recommendations": recommendations, "kinds": Recommendation.Kind.choices},
    )


def _recommendation_form(request, recommendation: Recommendation | None):
    if not permissions.can_edit_recommendation(request.user):
        raise PermissionDenied
    form = RecommendationForm(request.POST or None, instance=recommendation)
    if request.method == "POST" and form.is_valid():
        saved = services.recommendation_save(
            recommendation=form.save(commit=False),
            themes=list(form.cleaned_data["themes"]),
            funding_instruments=list(form.cleaned_data["funding_instruments"]),
        )
        messages.success(request, _("Recommendation %(code)s saved.") % {"code": saved.code})
        return redirect("reports:recommendation-list")
    return render(request, "reports/recommendation_form.html", {"form": form, "recommendation": recommendation})


@login_required
def recommendation_create(request):
    return _recommendation_form(request, None)


@login_required
def recommendation_edit(request, pk: int):
    return _recommendation_form(request, get_object_or_404(Recommendation, pk=pk))
