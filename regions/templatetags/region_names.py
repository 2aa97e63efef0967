from django import template
from django.utils.html import format_html_join

from regions.languages import name_parts

register = template.Library()


@register.simple_tag
def region_name(region, national=False):
    """The region's name with the language of each part: `<span lang="fr">…</span>/<span lang="nl">…</span>`."""
    return format_html_join(
        "",
        '<span lang="{}">{}</span>{}',
        ((part.lang, part.text, part.separator) for part in name_parts(region, national=national)),
    )
