import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import User
from mapping.models import Campaign, QuestionnaireVersion, ReminderSent, Response
from regions.models import Region, RegionMembership
from saphire.mail import email_queue
from saphire.page_cache import SCORES, changes

REMINDER_DAYS = (14, 3, 0)


@changes(SCORES)
@transaction.atomic
def campaign_create(
    *,
    title: str,
    version: QuestionnaireVersion,
    regions: list[Region],
    opens_on: datetime.date,
    deadline: datetime.date,
    created_by: User | None,
    carry_over: bool = False,
) -> Campaign:
    errors = {}
    if version.status != QuestionnaireVersion.Status.PUBLISHED:
        errors["version"] = _("Publish the questionnaire version before sending it in a campaign.")
    if deadline < opens_on:
        errors["deadline"] = _("The deadline must be on or after the opening date.")
    if not regions:
        errors["regions"] = _("Choose at least one region.")
    if errors:
        raise ValidationError(errors)
    campaign = Campaign.objects.create(
        title=title,
        version=version,
        opens_on=opens_on,
        deadline=deadline,
        created_by=created_by,
        carry_over=carry_over,
    )
    campaign.regions.set(regions)
    return campaign


def reminders_send(*, today: datetime.date) -> int:
    """Email the officials of every region that has not submitted, 14 and 3 days before and on the deadline.

    Each (campaign, region, day) reminder is recorded first, so a repeated run sends nothing twice.
    """
    sent = 0
    for days in REMINDER_DAYS:
        due = today + datetime.timedelta(days=days)
        campaigns = Campaign.objects.filter(deadline=due, opens_on__lte=today)
        for campaign in campaigns:
            done = Response.objects.filter(
                campaign=campaign, status__in=[Response.Status.SUBMITTED, Response.Status.ACCEPTED]
            ).values("region_id")
            already = ReminderSent.objects.filter(campaign=campaign, days_before=days).values("response_region_id")
            regions = campaign.regions.exclude(pk__in=done).exclude(pk__in=already)
            for region in regions:
                sent += _remind(campaign, region, days)
    return sent


@transaction.atomic
def _remind(campaign: Campaign, region: Region, days: int) -> int:
    _reminder, created = ReminderSent.objects.get_or_create(campaign=campaign, response_region=region, days_before=days)
    if not created:
        return 0
    emails = list(
        RegionMembership.objects.filter(region=region).exclude(user__email="").values_list("user__email", flat=True)
    )
    when = _("today") if days == 0 else _("in %(n)s days") % {"n": days}
    email_queue(
        subject=_("Reminder: %(campaign)s is due %(when)s") % {"campaign": campaign.title, "when": when},
        body=_(
            "The mapping questionnaire of %(region)s for %(campaign)s is due on %(deadline)s. "
            "Answers are saved as you go; submit when every required question is answered: %(url)s"
        )
        % {
            "region": region.name,
            "campaign": campaign.title,
            "deadline": campaign.deadline.isoformat(),
            "url": reverse("mapping:response-open", kwargs={"campaign_pk": campaign.pk, "code": region.code}),
        },
        recipients=emails,
    )
    return 1
