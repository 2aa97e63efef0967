"""The module library, curated by coordinators."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from roadmap import forms, permissions, selectors, services
from roadmap.models import Module, ModuleAction
from roadmap.views._common import _attach
from saphire.translated_forms import language_initial

# Module library (coordinators) ----------------------------------------------------------


def _curator(request: HttpRequest) -> None:
    if not permissions.can_curate_modules(request.user):
        raise PermissionDenied


@login_required
@require_GET
def library(request: HttpRequest) -> HttpResponse:
    _curator(request)
    return render(request, "roadmap/library.html", {"modules": selectors.module_list_for_curation(user=request.user)})


@login_required
def module_new(request: HttpRequest) -> HttpResponse:
    _curator(request)
    form = forms.ModuleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "lock_version"}
        try:
            module = services.module_create(**data)
        except ValidationError as error:
            _attach(form, error)
        else:
            messages.success(
                request, _("Draft %(code)s created: add its actions, then publish.") % {"code": module.code}
            )
            return redirect("roadmap:module-edit", code=module.code)
    return render(request, "roadmap/module_form.html", {"form": form})


@login_required
def module_edit(request: HttpRequest, code: str) -> HttpResponse:
    _curator(request)
    module = get_object_or_404(Module, code=code)
    initial = {
        "code": module.code,
        **language_initial(module, forms.ModuleForm.TRANSLATED),
        "themes": module.themes.all(),
        "prerequisites": module.prerequisites.all(),
        "funding_instruments": module.funding_instruments.all(),
        "typologies": module.typologies,
        "lock_version": module.lock_version,
    }
    form = forms.ModuleForm(request.POST or None, initial=initial, module=module)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "code"}
        try:
            services.module_update(module=module, **data)
        except ValidationError as error:
            _attach(form, error)
        except services.StaleEdit as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("%(code)s saved. Publish to make the changes public.") % {"code": module.code})
            return redirect("roadmap:module-edit", code=module.code)
    return render(
        request,
        "roadmap/module_form.html",
        {
            "form": form,
            "module": module,
            "actions": module.actions.all(),
            "evidence": module.evidence.all(),
            "action_form": forms.ActionForm(),
            "evidence_form": forms.EvidenceForm(),
            "current": module.versions.filter(is_current=True).first(),
        },
    )


@login_required
@require_POST
def module_action_add(request: HttpRequest, code: str) -> HttpResponse:
    _curator(request)
    module = get_object_or_404(Module, code=code)
    form = forms.ActionForm(request.POST)
    if form.is_valid():
        services.module_action_add(module=module, **form.cleaned_data)
        messages.success(request, _("Action added."))
    else:
        messages.error(request, _("An action needs a title, an actor, a horizon and a cost level."))
    return redirect("roadmap:module-edit", code=code)


@login_required
@require_POST
def module_action_delete(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    _curator(request)
    action = get_object_or_404(ModuleAction, pk=pk, module__code=code)
    services.module_action_delete(action=action)
    return redirect("roadmap:module-edit", code=code)


@login_required
@require_POST
def module_evidence_add(request: HttpRequest, code: str) -> HttpResponse:
    _curator(request)
    module = get_object_or_404(Module, code=code)
    form = forms.EvidenceForm(request.POST)
    if form.is_valid():
        services.module_evidence_add(module=module, **form.cleaned_data)
    else:
        messages.error(request, _("Evidence needs a title and, if given, a valid link."))
    return redirect("roadmap:module-edit", code=code)


@login_required
@require_POST
def module_publish(request: HttpRequest, code: str) -> HttpResponse:
    _curator(request)
    module = get_object_or_404(Module, code=code)
    if not module.actions.exists():
        messages.error(request, _("Add at least one action before publishing."))
        return redirect("roadmap:module-edit", code=code)
    version = services.module_publish(module=module, by=request.user)
    messages.success(request, _("Version %(n)s of %(code)s is public.") % {"n": version.number, "code": code})
    return redirect("roadmap:module", code=code)
