from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from mapping import conditions, logic, permissions, presenters, selectors, services
from mapping.forms import QuestionForm, QuestionnaireForm, SectionForm
from mapping.models import Question, QuestionnaireVersion, Section
from saphire.forms import add_service_errors


def _coordinator(request):
    if not permissions.can_manage_questionnaires(request.user):
        raise PermissionDenied


@login_required
def questionnaire_list(request):
    _coordinator(request)
    form = QuestionnaireForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if selectors.questionnaire_list(user=request.user).filter(code=form.cleaned_data["code"]).exists():
            form.add_error("code", _("Another questionnaire has this code."))
        else:
            questionnaire = services.questionnaire_create(created_by=request.user, **form.cleaned_data)
            return redirect("mapping:version-detail", pk=questionnaire.versions.get().pk)
    versions = selectors.version_list(user=request.user).order_by("questionnaire__title", "-number")
    return render(
        request,
        "mapping/questionnaire_list.html",
        {"form": form, "versions": versions},
        status=400 if form.errors else 200,
    )


def _version(request, pk) -> QuestionnaireVersion:
    return get_object_or_404(selectors.version_list(user=request.user), pk=pk)


@login_required
@require_GET
def version_detail(request, pk):
    _coordinator(request)
    version = _version(request, pk)
    sections = selectors.version_structure(version=version)
    others = version.questionnaire.versions.exclude(pk=version.pk).order_by("-number")
    questions = [q for s in sections for q in s.questions.all()]
    labels = conditions.question_labels(questions)
    for question in questions:
        question.condition_text = conditions.describe(question.condition, labels)
    preview = presenters.section_views(sections, questions, {}, {q.pk for q in questions})
    return render(
        request,
        "mapping/version_detail.html",
        {
            "version": version,
            "sections": sections,
            "others": others,
            "preview": preview,
            "editable": permissions.can_edit_version(request.user, version),
            "question_count": len(questions),
            "campaigns": version.campaigns.all(),
            "check": None if version.is_frozen else logic.version_check(version=version),
            "draft": version.questionnaire.versions.filter(status=QuestionnaireVersion.Status.DRAFT).first(),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def version_publish(request, pk):
    """GET shows the logic check and asks for confirmation; POST publishes (refused while errors remain)."""
    _coordinator(request)
    version = _version(request, pk)
    if version.is_frozen:
        messages.info(request, _("Version %(n)s is already published.") % {"n": version.number})
        return redirect("mapping:version-detail", pk=pk)
    if request.method == "POST":
        try:
            services.version_publish(version=version)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("Version %(n)s is published and frozen. It can now be sent in campaigns.") % {"n": version.number},
            )
            return redirect("mapping:version-detail", pk=pk)
    report = logic.version_check(version=version)
    return render(
        request,
        "mapping/version_publish.html",
        {"version": version, "check": report},
        status=200 if report.ok or request.method != "POST" else 400,
    )


@login_required
@require_POST
def version_copy(request, pk):
    _coordinator(request)
    version = _version(request, pk)
    before = version.questionnaire.versions.count()
    new = services.version_copy(version=version)
    if version.questionnaire.versions.count() == before:
        messages.info(request, _("Version %(n)s is already the draft of this questionnaire.") % {"n": new.number})
    else:
        messages.success(
            request,
            _("Version %(n)s started as a copy of version %(old)s.") % {"n": new.number, "old": version.number},
        )
    return redirect("mapping:version-detail", pk=new.pk)


@login_required
@require_POST
def version_delete(request, pk):
    _coordinator(request)
    version = _version(request, pk)
    try:
        services.version_delete(version=version)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("mapping:version-detail", pk=pk)
    messages.success(request, _("Draft version %(n)s deleted.") % {"n": version.number})
    return redirect("mapping:questionnaire-list")


@login_required
@require_GET
def version_diff(request, pk, other_pk):
    _coordinator(request)
    new = _version(request, pk)
    old = get_object_or_404(new.questionnaire.versions.all(), pk=other_pk)
    diff = services.version_diff(old=old, new=new)
    return render(request, "mapping/version_diff.html", {"old": old, "new": new, "diff": diff})


@login_required
def section_edit(request, version_pk, pk=None):
    _coordinator(request)
    version = _version(request, version_pk)
    section = get_object_or_404(Section, pk=pk, version=version) if pk else None
    if not permissions.can_edit_version(request.user, version):
        if request.method == "POST":
            raise PermissionDenied
        messages.error(request, _("This version is published and frozen; start a new version to change it."))
        return redirect("mapping:version-detail", pk=version.pk)
    initial = SectionForm.initial_for(section) if section else {}
    form = SectionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if section:
                services.section_update(section=section, **form.service_fields())
            else:
                services.section_create(version=version, **form.service_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("mapping:version-detail", pk=version.pk)
    return render(
        request,
        "mapping/section_form.html",
        {"form": form, "version": version, "section": section},
        status=400 if form.errors else 200,
    )


@login_required
def question_edit(request, version_pk, pk=None):
    _coordinator(request)
    version = _version(request, version_pk)
    question = get_object_or_404(Question, pk=pk, version=version) if pk else None
    if not permissions.can_edit_version(request.user, version):
        if request.method == "POST":
            raise PermissionDenied
        messages.error(request, _("This version is published and frozen; start a new version to change it."))
        return redirect("mapping:version-detail", pk=version.pk)
    initial = (
        QuestionForm.initial_for(question)
        if question
        else {"section": request.GET.get("section"), "weight": 1, "required": True}
    )
    form = QuestionForm(request.POST or None, initial=initial, version=version, question=question)
    if request.method == "POST" and form.is_valid():
        fields = form.service_fields()
        try:
            if question:
                services.question_update(question=question, section=form.cleaned_data["section"], **fields)
            else:
                services.question_create(section=form.cleaned_data["section"], **fields)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Question %(code)s saved.") % {"code": fields["code"]})
            return redirect(f"/mapping/versions/{version.pk}/#section-{form.cleaned_data['section'].pk}")
    return render(
        request,
        "mapping/question_form.html",
        {"form": form, "version": version, "question": question},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def question_delete(request, version_pk, pk):
    _coordinator(request)
    version = _version(request, version_pk)
    question = get_object_or_404(Question, pk=pk, version=version)
    try:
        services.question_delete(question=question)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("mapping:version-detail", pk=version.pk)


@login_required
@require_POST
def section_delete(request, version_pk, pk):
    _coordinator(request)
    version = _version(request, version_pk)
    section = get_object_or_404(Section, pk=pk, version=version)
    try:
        services.section_delete(section=section)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("mapping:version-detail", pk=version.pk)
