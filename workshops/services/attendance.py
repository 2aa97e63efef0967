"""Check-in at the door: who came, kept on the registration and shown in the outcomes."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from saphire.page_cache import EVENTS, changes
from workshops.models import Registration


@changes(EVENTS)
@transaction.atomic
def registration_check_in(
    *, registration: Registration, by: User, arrived: bool = True, now: datetime | None = None
) -> Registration:
    """Tick (or, with `arrived=False`, untick) a confirmed participant's arrival; ticking twice keeps the first time."""
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status != Registration.Status.CONFIRMED:
        raise ValidationError(_("Only confirmed participants can be checked in."))
    if arrived and registration.checked_in_at is None:
        registration.checked_in_at = now or timezone.now()
    elif not arrived:
        registration.checked_in_at = None
    registration.save(update_fields=["checked_in_at"])
    return registration
