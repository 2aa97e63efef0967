from django import template

from notifications import registry, services

register = template.Library()


@register.inclusion_tag("notifications/_follow_button.html", takes_context=True)
def follow_button(context, target):
    """A follow/unfollow button for `target` (a registered followable); a sign-in link when anonymous."""
    request = context["request"]
    user = request.user
    return {
        "request": request,
        "user": user,
        "target": target,
        "key": registry.key_for(target),
        "following": services.is_following(user, target) if user.is_authenticated else False,
        "csrf_token": context.get("csrf_token"),
    }
