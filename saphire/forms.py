"""What every form of the portal shares: service errors shown on the form, and one way to draw fields."""

from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting


def add_service_errors(form, error: ValidationError) -> None:
    """Show a service's ValidationError on `form`: per field where the form has it, else above the form.

    Services validate again what forms already checked (they are also called from the API), so
    their messages name model fields, which may not all be on the form.
    """
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


class FormRenderer(TemplatesSetting):
    """Every `{{ form }}` is drawn by one template, so labels, help and errors look alike everywhere.

    `templates/django/forms/div.html` sends `form.as_div` to the same template.
    """

    form_template_name = "includes/form.html"
