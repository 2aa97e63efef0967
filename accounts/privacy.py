"""A person's data: exported as JSON on request, and pseudonymised when they delete their account."""

import secrets

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from accounts.models import ApiToken, User
from saphire import plugins


def personal_data_export(*, user: User) -> dict:
    """Everything the portal keeps about `user`, section per app, ready for json.dumps."""
    data = {
        "account": {
            "username": user.username,
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "role": user.role,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "email_verified_at": user.email_verified_at.isoformat() if user.email_verified_at else None,
            "language": user.language,
            "timezone": user.timezone,
            "organisation": user.organisation,
            "stakeholder_kind": user.stakeholder_kind,
            "interest_regions": user.interest_regions,
            "interest_themes": user.interest_themes,
        },
        "consents": [
            {"document": c.document, "version": c.version, "given_at": c.given_at.isoformat()}
            for c in user.consents.all()
        ],
        "api_tokens": [
            {"name": t.name, "prefix": t.prefix, "created": t.created.isoformat(), "expires": t.expires.isoformat()}
            for t in user.api_tokens.all()
        ],
    }
    for label, entry in zip(plugins.personal_data.app_labels(), plugins.personal_data, strict=True):
        data[label] = entry.export(user)
    return data


@transaction.atomic
def account_delete(*, user: User) -> None:
    """Pseudonymise the account: it can no longer sign in and no longer names the person.

    The row stays, so audit trails, comments and answers keep their history under "Deleted user N";
    each app removes what is personal and not part of that history (plugins.personal_data).
    """
    user = get_user_model().objects.select_for_update().get(pk=user.pk)
    for entry in reversed(list(plugins.personal_data)):
        if entry.erase is not None:
            entry.erase(user)
    ApiToken.objects.filter(user=user).delete()
    user.username = f"Deleted user {user.pk}"
    user.first_name = "Deleted user"
    user.last_name = str(user.pk)
    user.email = ""
    user.set_unusable_password()
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.organisation = ""
    user.stakeholder_kind = ""
    user.interest_regions = []
    user.interest_themes = []
    user.language = ""
    user.timezone = ""
    user.feed_token = secrets.token_urlsafe()
    user.deleted_at = timezone.now()
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
