"""Stakeholders sign up (verified by email, with consent recorded) and coordinators invite officials."""

import hashlib
import logging
import secrets
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts import services
from accounts.models import Consent, Invitation, User
from saphire import mail, plugins

logger = logging.getLogger(__name__)

VERIFY_SALT = "accounts.signup.verify"


class SignUpThrottled(Exception):
    pass


def signup_allowed(*, ip: str) -> bool:
    """Counts one attempt from this address; False past SIGNUP_IP_LIMIT in the window (fails open)."""
    return services._within_limit(f"signup:ip:{ip}", settings.SIGNUP_IP_LIMIT, settings.SIGNUP_WINDOW)


def consent_record(*, user: User, version: str | None = None) -> Consent:
    return Consent.objects.create(
        user=user,
        document=Consent.Document.PRIVACY_NOTICE,
        version=version or settings.PRIVACY_NOTICE_VERSION,
    )


@transaction.atomic
def signup_create(*, username: str, email: str, password: str, consent_version: str, **profile) -> User | None:
    """An inactive stakeholder account and its consent; the verification email goes after commit.

    An address that already has an account gets a note saying so instead (and None is returned): the
    page answers the same either way, so sign-up does not reveal who has an account.
    """
    if consent_version != settings.PRIVACY_NOTICE_VERSION:
        raise ValidationError({"consent": _("The privacy notice has changed: read it again and agree.")})
    existing = User.objects.filter(email__iexact=email.strip()).first()
    if existing is not None:
        _mail(existing, "accounts/email/signup_exists", {"login_url": settings.SITE_URL + reverse("accounts:login")})
        return None
    user = services.user_create(
        username=username,
        email=email.strip(),
        password=password,
        role=User.Role.STAKEHOLDER,
        is_active=False,
        **profile,
    )
    consent_record(user=user, version=consent_version)
    _mail(user, "accounts/email/signup_verify", {"verify_url": verification_url(user)})
    return user


def verification_url(user: User) -> str:
    # The email is in the token, so a link stops working if the address changes before it is used.
    token = signing.dumps({"u": user.pk, "e": user.email}, salt=VERIFY_SALT)
    return settings.SITE_URL + reverse("accounts:signup-verify", args=[token])


@transaction.atomic
def signup_verify(*, token: str) -> User | None:
    """Activates the account the link names; None when it is forged, expired or already used."""
    try:
        data = signing.loads(token, salt=VERIFY_SALT, max_age=settings.SIGNUP_VERIFY_MAX_AGE)
    except signing.BadSignature:  # also SignatureExpired
        return None
    user = (
        User.objects.select_for_update()
        .filter(pk=data.get("u"), email=data.get("e"), email_verified_at__isnull=True, deleted_at__isnull=True)
        .first()
    )
    if user is None:
        return None
    user.is_active = True
    user.email_verified_at = timezone.now()
    user.save(update_fields=["is_active", "email_verified_at"])
    return user


@transaction.atomic
def profile_update(*, user: User, **fields) -> User:
    allowed = {"first_name", "last_name", "organisation", "stakeholder_kind", "interest_regions", "interest_themes"}
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"Not profile fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(user, name, value)
    user.full_clean(exclude=["password"])
    user.save(update_fields=list(fields))
    return user


# Invitations ---------------------------------------------------------------------------------


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def invitation_create(*, invited_by: User, email: str, region_codes: list[str], role: str = User.Role.OFFICIAL):
    """An invitation and the email with its link (the only copy of the token), sent after commit."""
    if not invited_by.is_coordinator:
        raise PermissionError("Only coordinators invite.")
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        email=email.strip(),
        role=role,
        region_codes=sorted(set(region_codes)),
        invited_by=invited_by,
        token_digest=_digest(token),
        expires=timezone.now() + timedelta(days=settings.INVITATION_LIFETIME_DAYS),
    )
    url = settings.SITE_URL + reverse("accounts:invitation-accept", args=[token])
    context = {"invitation": invitation, "accept_url": url, "inviter": invited_by}
    mail.email_queue(
        subject=_("You are invited to SAPHIRe Regions"),
        body=render_to_string("accounts/email/invitation.txt", context),
        recipients=[invitation.email],
    )
    return invitation, token


def invitation_open(*, token: str) -> Invitation | None:
    """The invitation this token opens, if it is still unused and unexpired."""
    return Invitation.objects.filter(
        token_digest=_digest(token), accepted_at__isnull=True, expires__gt=timezone.now()
    ).first()


@transaction.atomic
def invitation_accept(*, token: str, username: str, password: str, first_name: str = "", last_name: str = "") -> User:
    """Creates the invited account (its email proven by the link) with its role and regions. Works once."""
    invitation = (
        Invitation.objects.select_for_update()
        .filter(token_digest=_digest(token), accepted_at__isnull=True, expires__gt=timezone.now())
        .first()
    )
    if invitation is None:
        raise ValidationError(_("This invitation has expired or was already used."))
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise ValidationError(_("An account with this email exists: sign in, and ask a coordinator for the regions."))
    user = services.user_create(
        username=username,
        email=invitation.email,
        password=password,
        role=invitation.role,
        first_name=first_name,
        last_name=last_name,
        email_verified_at=timezone.now(),
    )
    consent_record(user=user)
    for grant in plugins.invitation_grants:
        grant(user=user, region_codes=invitation.region_codes)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return user


def _mail(user: User, template: str, context: dict) -> None:
    with translation.override(user.language or settings.LANGUAGE_CODE):
        subject = render_to_string(f"{template}_subject.txt", {"user": user, **context}).strip()
        body = render_to_string(f"{template}.txt", {"user": user, **context})
    mail.email_queue(subject=subject, body=body, recipients=[user.email])
