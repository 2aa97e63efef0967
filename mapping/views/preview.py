from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_http_methods

from mapping import permissions, presenters, selectors
from mapping.preview import field_name, preview_state


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def version_preview(request, pk):
    """Any version, draft or published, as an official would fill it in; POSTs re-render, nothing is stored."""
    if not permissions.can_manage_questionnaires(request.user):
        raise PermissionDenied
    version = get_object_or_404(selectors.version_list(user=request.user), pk=pk)
    sections = selectors.version_structure(version=version)
    questions = [q for s in sections for q in s.questions.all()]
    data = request.POST if request.method == "POST" else request.GET
    state = preview_state(questions=questions, data=data, check="check" in data)
    section_list = presenters.section_views(sections, questions, state.values, state.visible)
    groups = []
    for section in section_list:
        items = []
        for question in section.questions:
            typed = state.typed.get(question.pk)
            item = presenters.question_view(
                question,
                None,
                visible=question.pk in state.visible,
                editable=True,
                typed=typed if typed is not None else "",
                error=state.errors.get(question.pk, "") if question.pk in state.visible else "",
            )
            item.field_name = field_name(question)
            items.append(item)
        groups.append((section, items))
    context = {
        "version": version,
        "groups": groups,
        "checked": "check" in data,
        "missing": state.missing,
        "error_count": sum(1 for pk in state.errors if pk in state.visible),
    }
    template = "mapping/_preview_form.html" if request.htmx else "mapping/version_preview.html"
    return render(request, template, context)
