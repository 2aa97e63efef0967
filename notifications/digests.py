"""Email digests: each person's unmailed notifications in one message, in their language.

Built in chunks of people with a fixed number of queries per chunk, so a daily digest for tens of
thousands of followers is one worker's minute, not an hour (bench/notifications.py measures it).
"""

import logging
from collections import defaultdict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail, signing
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from kombu.exceptions import OperationalError

from notifications import selectors
from notifications.models import DigestPreference, Notification

logger = logging.getLogger(__name__)
User = get_user_model()
Frequency = DigestPreference.Frequency

UNSUBSCRIBE_SALT = "notifications.unsubscribe"
CHUNK = 500


# Unsubscribe links -------------------------------------------------------------------------


def preference_for(user) -> DigestPreference:
    preference, _created = DigestPreference.objects.get_or_create(user=user)
    return preference


def unsubscribe_token(preference: DigestPreference) -> str:
    # Signed, not stored: the link works signed out, and a new preference token voids old links.
    return signing.dumps({"u": preference.user_id, "t": preference.unsubscribe_token}, salt=UNSUBSCRIBE_SALT)


def unsubscribe_url(preference: DigestPreference) -> str:
    return settings.SITE_URL + reverse("notifications:unsubscribe", args=[unsubscribe_token(preference)])


def preference_from_token(token: str) -> DigestPreference | None:
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict):
        return None
    return DigestPreference.objects.filter(user_id=data.get("u"), unsubscribe_token=data.get("t")).first()


def unsubscribe(preference: DigestPreference) -> None:
    preference.frequency = Frequency.NEVER
    preference.save(update_fields=["frequency"])


def frequency_set(*, user, frequency: str) -> DigestPreference:
    if frequency not in Frequency.values:
        raise ValueError(frequency)
    preference = preference_for(user)
    preference.frequency = frequency
    preference.save(update_fields=["frequency"])
    return preference


# Who is due ---------------------------------------------------------------------------------


def due_users(frequency: str):
    """Active people with an email whose digest is `frequency` and who have something unmailed.

    People with no preference row get the default, daily. The daily run also sends what the
    immediate mails missed (a queue that was down), so nothing waits longer than a day.
    """
    if frequency == Frequency.DAILY:
        wanted = Q(digest_preference__isnull=True) | Q(
            digest_preference__frequency__in=[Frequency.DAILY, Frequency.IMMEDIATELY]
        )
    else:
        wanted = Q(digest_preference__frequency=frequency)
    pending = Notification.objects.filter(recipient=OuterRef("pk"), emailed_at__isnull=True)
    return (
        User.objects.filter(wanted, Exists(pending), is_active=True)
        .exclude(email="")
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def queue_immediate(*, recipient_ids: list[int]) -> None:
    """After commit, mail at once the recipients who asked for it."""
    ids = list(
        DigestPreference.objects.filter(user_id__in=recipient_ids, frequency=Frequency.IMMEDIATELY).values_list(
            "user_id", flat=True
        )
    )
    if ids:
        transaction.on_commit(lambda: _queue(ids))


def _queue(user_ids: list[int]) -> None:
    from notifications import tasks

    try:
        for user_id in user_ids:
            tasks.digest_send_user.delay(user_id=user_id)
    except OperationalError:
        # The daily run sends them instead.
        logger.warning(
            "task queue unreachable: %d immediate notification mails wait for the daily digest", len(user_ids)
        )


# Building and sending -------------------------------------------------------------------------


def digest_run(*, frequency: str) -> int:
    """Send the digest of everyone due for `frequency`; returns the number of emails sent."""
    ids = list(due_users(frequency))
    sent = 0
    for start in range(0, len(ids), CHUNK):
        sent += digest_send(user_ids=ids[start : start + CHUNK], frequency=frequency)
    return sent


def digest_send(*, user_ids: list[int], frequency: str) -> int:
    """Mail these people their unmailed notifications and mark them mailed, in one transaction.

    Rows are locked (skip locked) so two workers never mail the same notification; a mail server
    error rolls back, and the next run tries again.
    """
    now = timezone.now()
    with transaction.atomic():
        notifications = list(
            Notification.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(recipient_id__in=user_ids, emailed_at__isnull=True)
            .select_related("actor", "about_type")
            .order_by("recipient_id", "-created", "-pk")
        )
        if not notifications:
            return 0
        selectors.attach_about(notifications)
        by_user = defaultdict(list)
        for notification in notifications:
            by_user[notification.recipient_id].append(notification)
        users = User.objects.filter(pk__in=by_user).exclude(email="").in_bulk()
        preferences = _preferences(list(users.values()))
        composer = _Composer()
        messages = [composer.message(users[pk], preferences[pk], items) for pk, items in by_user.items() if pk in users]
        with mail.get_connection() as connection:
            connection.send_messages(messages)
        Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(emailed_at=now)
        DigestPreference.objects.filter(user_id__in=users).update(last_digest_at=now)
    return len(messages)


def digest_send_user(*, user) -> int:
    return digest_send(user_ids=[user.pk], frequency=Frequency.IMMEDIATELY)


def _preferences(users: list) -> dict[int, DigestPreference]:
    existing = {p.user_id: p for p in DigestPreference.objects.filter(user__in=users)}
    missing = [DigestPreference(user=user) for user in users if user.pk not in existing]
    DigestPreference.objects.bulk_create(missing, ignore_conflicts=True)
    if missing:
        existing = {p.user_id: p for p in DigestPreference.objects.filter(user__in=users)}
    return existing


class _Composer:
    """Writes the digests of one run. What is the same for everyone who reads a language (the frame of
    the mail, each notification's sentence) is translated once per language, not once per person."""

    def __init__(self):
        self._frames: dict[str, dict] = {}
        self._sentences: dict[tuple, str] = {}
        self._about_links: dict[tuple, str] = {}
        self._links = {
            "notifications": settings.SITE_URL + reverse("notifications:list"),
            "settings": settings.SITE_URL + reverse("notifications:settings"),
        }

    def _frame(self, language: str) -> dict:
        frame = self._frames.get(language)
        if frame is None:
            with translation.override(language):
                frame = {
                    "hello": _("Hello %(name)s,"),
                    "intro": _("Here is what happened on SAPHIRe Regions:"),
                    "all": _("All your notifications:"),
                    "setting": _("Your email digest setting: %(frequency)s. Change it here:"),
                    "unsubscribe": _("Unsubscribe with one click:"),
                    "frequencies": {value: str(label) for value, label in Frequency.choices},
                    "subjects": {},
                }
            self._frames[language] = frame
        return frame

    def _subject(self, language: str, count: int) -> str:
        subjects = self._frame(language)["subjects"]
        if count not in subjects:
            with translation.override(language):
                subjects[count] = ngettext(
                    "SAPHIRe Regions: %(count)d new notification", "SAPHIRe Regions: %(count)d new notifications", count
                ) % {"count": count}
        return subjects[count]

    def _sentence(self, item: Notification, language: str) -> str:
        key = (item.kind, item.actor_id, item.about_type_id, item.about_id, language)
        if key not in self._sentences:
            self._sentences[key] = item.message(language)
        return self._sentences[key]

    def _link(self, item: Notification) -> str:
        key = (item.about_type_id, item.about_id)
        if key not in self._about_links:
            self._about_links[key] = item.link
        return self._about_links[key]

    def message(self, user, preference: DigestPreference, items: list[Notification]) -> mail.EmailMessage:
        language = user.language or settings.LANGUAGE_CODE
        frame = self._frame(language)
        unsubscribe = unsubscribe_url(preference)
        lines = [frame["hello"] % {"name": user.get_full_name() or user.get_username()}, "", frame["intro"], ""]
        for item in items:
            lines.append(f"- {self._sentence(item, language)}")
            link = self._link(item)
            if link:
                lines.append(f"  {settings.SITE_URL}{link}")
        lines += [
            "",
            f"{frame['all']} {self._links['notifications']}",
            "",
            frame["setting"] % {"frequency": frame["frequencies"][preference.frequency]}
            + f" {self._links['settings']}",
            f"{frame['unsubscribe']} {unsubscribe}",
            "",
        ]
        message = mail.EmailMessage(self._subject(language, len(items)), "\n".join(lines), None, [user.email])
        # RFC 8058: mail clients offer one-click unsubscribe by POSTing to the first URL.
        message.extra_headers = {
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
        return message
