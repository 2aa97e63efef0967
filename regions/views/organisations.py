"""Organisations: list, detail, registration, edits and their review, contacts and links."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from regions import forms, permissions, selectors, services
from regions.filters import OrganisationFilter
from regions.models import ORGANISATION_EDITABLE_FIELDS, Contact, Organisation
from saphire.forms import add_service_errors
from saphire.page_cache import ORGANISATIONS, REGIONS, public_page

# Organisations ----------------------------------------------------------------


@require_safe
@public_page(
    depends_on=(REGIONS, ORGANISATIONS),
    vary_on=("region", "country", "kind", "stage", "status", "page"),
    uncached_on=("search",),
)
def organisation_list(request):
    organisations = selectors.organisation_list(user=request.user, filters=request.GET)
    page = Paginator(organisations, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "regions/organisation_list.html",
        {"page": page, "filter": OrganisationFilter(request.GET or None), "query": query.urlencode()},
    )


def _revision_changes(organisation, revision) -> list[tuple[str, str, str]]:
    """(label, approved value, proposed value) for each field the revision changes."""
    proposed = Organisation(region=revision.region, **revision.data)
    rows = []
    if revision.region_id != organisation.region_id:
        rows.append((_("Region"), str(organisation.region), str(revision.region)))
    for name in ORGANISATION_EDITABLE_FIELDS:
        before, after = getattr(organisation, name), getattr(proposed, name)
        if before != after:
            if name == "kind":
                before, after = organisation.get_kind_display(), proposed.get_kind_display()
            elif name == "value_chain_stages":
                before, after = ", ".join(organisation.stage_labels()), ", ".join(proposed.stage_labels())
            rows.append((capfirst(Organisation._meta.get_field(name).verbose_name), before, after))
    return rows


@require_safe
def organisation_detail(request, pk):
    organisation = selectors.organisation_get(user=request.user, pk=pk)
    can_contacts = permissions.can_view_contacts(request.user, organisation)
    links = list(selectors.link_list(user=request.user).filter(Q(source=organisation) | Q(target=organisation)))
    revision = selectors.pending_revisions_visible_to(user=request.user).filter(organisation=organisation).first()
    can_review = permissions.can_review_organisation(request.user, organisation)
    return render(
        request,
        "regions/organisation_detail.html",
        {
            "organisation": organisation,
            "contacts": list(organisation.contacts.all()) if can_contacts else None,
            "links": links,
            "can_edit": permissions.can_edit_organisation(request.user, organisation),
            "can_review": can_review,
            "review_form": forms.OrganisationReviewForm(),
            "revision": revision,
            "revision_changes": _revision_changes(organisation, revision) if revision else [],
        },
    )


@login_required
def organisation_register(request):
    if not permissions.can_register_organisation(request.user):
        raise PermissionDenied
    initial = {"region_code": request.GET.get("region", "")}
    form = forms.OrganisationForm(request.POST or None, initial=initial, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            organisation = services.organisation_register(
                data=data,
                region=form.cleaned_data["region_code"],
                user=request.user,
                approved=permissions.registration_applies_at_once(request.user),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if organisation.status == organisation.Status.PENDING:
                messages.success(request, _("Thank you: a coordinator will review the registration."))
            else:
                messages.success(request, _("Organisation added."))
            return redirect("regions:organisation-detail", pk=organisation.pk)
    return render(request, "regions/organisation_form.html", {"form": form, "organisation": None})


def _proposed_initial(revision) -> dict | None:
    return {**revision.data, "region_code": revision.region.code} if revision else None


@login_required
def organisation_edit(request, pk):
    organisation = selectors.organisation_get(user=request.user, pk=pk)
    if not permissions.can_edit_organisation(request.user, organisation):
        raise PermissionDenied
    reviewed = not permissions.edits_apply_at_once(request.user, organisation)
    pending = services.organisation_pending_revision(organisation=organisation) if reviewed else None
    form = forms.OrganisationForm(
        request.POST or None, instance=organisation, user=request.user, proposed=_proposed_initial(pending)
    )
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            revision = services.organisation_update(
                organisation=organisation,
                data=data,
                region=form.cleaned_data["region_code"],
                user=request.user,
                reviewed=reviewed,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if revision is not None:
                messages.success(
                    request,
                    _("Thank you: a coordinator will review your changes. Until then the approved version is shown."),
                )
            elif reviewed:
                messages.success(request, _("Saved: a coordinator will review the registration."))
            else:
                messages.success(request, _("Organisation saved."))
            return redirect("regions:organisation-detail", pk=pk)
    return render(
        request,
        "regions/organisation_form.html",
        {"form": form, "organisation": organisation, "pending": pending, "reviewed": reviewed},
    )


@login_required
@require_POST
def organisation_review(request, pk):
    organisation = selectors.organisation_get(user=request.user, pk=pk)
    if not permissions.can_review_organisation(request.user, organisation):
        raise PermissionDenied
    form = forms.OrganisationReviewForm(request.POST)
    if form.is_valid():
        approve = form.cleaned_data["decision"] == "approve"
        services.organisation_review(
            organisation=organisation, approve=approve, note=form.cleaned_data["note"], user=request.user
        )
        messages.success(request, _("Organisation approved.") if approve else _("Organisation rejected."))
    return redirect("regions:organisation-detail", pk=pk)


@login_required
@require_POST
def organisation_revision_review(request, pk):
    revision = get_object_or_404(selectors.pending_revisions_visible_to(user=request.user), pk=pk)
    organisation = revision.organisation
    if not permissions.can_review_organisation(request.user, organisation):
        raise PermissionDenied
    form = forms.OrganisationReviewForm(request.POST)
    if form.is_valid():
        approve = form.cleaned_data["decision"] == "approve"
        try:
            services.organisation_revision_review(
                revision=revision, approve=approve, note=form.cleaned_data["note"], user=request.user
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Changes approved.") if approve else _("Changes rejected."))
    return redirect("regions:organisation-detail", pk=organisation.pk)


@login_required
@require_POST
def link_review(request, pk):
    link = get_object_or_404(selectors.link_list(user=request.user), pk=pk)
    if not permissions.can_review_link(request.user, link):
        raise PermissionDenied
    form = forms.OrganisationReviewForm(request.POST)
    if form.is_valid():
        approve = form.cleaned_data["decision"] == "approve"
        try:
            services.link_review(link=link, approve=approve)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Link approved.") if approve else _("Link rejected and removed."))
    return redirect("regions:organisation-detail", pk=link.source_id)


@login_required
def contact_create(request, pk):
    organisation = selectors.organisation_get(user=request.user, pk=pk)
    if not permissions.can_view_contacts(request.user, organisation):
        raise PermissionDenied
    form = forms.ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.contact_create(organisation=organisation, data=form.cleaned_data, user=request.user)
        messages.success(request, _("Contact added."))
        return redirect("regions:organisation-detail", pk=pk)
    return render(request, "regions/contact_form.html", {"form": form, "organisation": organisation})


def _contact_for(request, pk) -> Contact:
    contact = selectors.contact_list(user=request.user).filter(pk=pk).first()
    if contact is None:
        raise Http404("No such contact.")
    return contact


@require_safe
@login_required
def contact_export(request, pk):
    contact = _contact_for(request, pk)
    if not permissions.can_manage_contact(request.user, contact):
        raise PermissionDenied
    response = HttpResponse(
        json.dumps(services.contact_export(contact=contact), indent=2, ensure_ascii=False),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="contact-{contact.pk}.json"'
    return response


@login_required
def contact_erase(request, pk):
    contact = _contact_for(request, pk)
    if not permissions.can_manage_contact(request.user, contact):
        raise PermissionDenied
    if request.method == "POST":
        organisation_pk = contact.organisation_id
        services.contact_erase(contact=contact, user=request.user)
        messages.success(request, _("The contact's personal data was erased."))
        return redirect("regions:organisation-detail", pk=organisation_pk)
    return render(request, "regions/contact_erase.html", {"contact": contact})


@login_required
def link_create(request, pk):
    source = selectors.organisation_get(user=request.user, pk=pk)
    if not permissions.can_edit_organisation(request.user, source):
        raise PermissionDenied
    form = forms.LinkForm(request.POST or None, source=source)
    if request.method == "POST" and form.is_valid():
        target = form.cleaned_data["target"]
        reviewed = not permissions.link_applies_at_once(request.user, source, target)
        try:
            services.link_create(
                source=source,
                target=target,
                kind=form.cleaned_data["kind"],
                description=form.cleaned_data["description"],
                user=request.user,
                reviewed=reviewed,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Link recorded: a coordinator will review it.") if reviewed else _("Link added.")
            )
            return redirect("regions:organisation-detail", pk=pk)
    return render(request, "regions/link_form.html", {"form": form, "organisation": source})
