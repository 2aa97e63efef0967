from django import template
from django.utils.html import format_html, format_html_join

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


@register.simple_tag
def region_names(region):
    """The region's name and, where it differs, its name in the national language, each part with its `lang`.

    The one way a page shows both names (profile, region list, report cover).
    """
    name = region_name(region)
    if not region.name_national or region.name_national == region.name:
        return name
    return format_html('{} <span class="region-native">({})</span>', name, region_name(region, national=True))
