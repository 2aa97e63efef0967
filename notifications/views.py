from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from notifications import digests, registry, selectors, services
from notifications.forms import DigestForm


def _next(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return default


@login_required
@require_GET
def notification_list(request):
    page = Paginator(selectors.notification_list(user=request.user), 30).get_page(request.GET.get("page"))
    items = selectors.attach_about(list(page.object_list))
    language = request.LANGUAGE_CODE
    rows = [{"notification": n, "message": n.message(language), "link": n.link} for n in items]
    return render(request, "notifications/notification_list.html", {"page": page, "rows": rows})


@login_required
@require_POST
def notification_read(request, pk):
    notification = get_object_or_404(selectors.notification_list(user=request.user), pk=pk)
    services.notification_mark_read(notification=notification)
    if request.POST.get("open"):
        link = selectors.attach_about([notification])[0].link
        if link:
            return redirect(link)
    return redirect(_next(request, "notifications:list"))


@login_required
@require_POST
def notification_read_all(request):
    count = services.notifications_mark_all_read(user=request.user)
    messages.success(request, _("Marked %(count)d notifications read.") % {"count": count})
    return redirect("notifications:list")


def _target(request):
    target = registry.resolve(request.user, request.POST.get("key", ""), request.POST.get("id", ""))
    if target is None:
        raise Http404
    return target


@login_required
@require_POST
def follow(request):
    target = _target(request)
    services.follow(request.user, target)
    messages.success(request, _("You follow %(target)s.") % {"target": target})
    return redirect(_next(request, target.get_absolute_url()))


@login_required
@require_POST
def unfollow(request):
    target = _target(request)
    services.unfollow(request.user, target)
    messages.success(request, _("You no longer follow %(target)s.") % {"target": target})
    return redirect(_next(request, target.get_absolute_url()))


@login_required
def notification_settings(request):
    preference = digests.preference_for(request.user)
    form = DigestForm(request.POST or None, initial={"frequency": preference.frequency})
    if request.method == "POST" and form.is_valid():
        digests.frequency_set(user=request.user, frequency=form.cleaned_data["frequency"])
        messages.success(request, _("Your email digest setting is saved."))
        return redirect("notifications:settings")
    follows = selectors.with_targets(selectors.follow_list(user=request.user))
    return render(request, "notifications/settings.html", {"form": form, "follows": [f for f in follows if f.key]})


# Signed out and without a CSRF token: mail clients POST here for RFC 8058 one-click unsubscribe,
# and the signed token in the URL is the proof.
@csrf_exempt
def unsubscribe(request, token):
    preference = digests.preference_from_token(token)
    if preference is None:
        return render(request, "notifications/unsubscribe_invalid.html", status=404)
    if request.method == "POST":
        digests.unsubscribe(preference)
        return render(request, "notifications/unsubscribed.html")
    return render(request, "notifications/unsubscribe.html", {"token": token})
