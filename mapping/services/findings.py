from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from mapping import analytics
from mapping.models import Campaign, Finding, FindingRule, Theme
from regions.models import Region
from saphire.page_cache import SCORES, changes
from saphire.scores import score_text


@changes(SCORES)
def finding_create(
    *,
    region: Region,
    theme: Theme,
    kind: str,
    severity: int,
    title: str,
    description: str = "",
    evidence: str = "",
    source: str,
    status: str,
    created_by: User | None,
    rule: FindingRule | None = None,
    campaign: Campaign | None = None,
) -> Finding:
    errors = {}
    if kind not in Finding.Kind.values:
        errors["kind"] = _("Choose gap, barrier, strength or best practice.")
    if not isinstance(severity, int) or not 1 <= severity <= 5:
        errors["severity"] = _("Give a severity from 1 (minor) to 5 (critical).")
    if source not in Finding.Source.values:
        errors["source"] = _("Choose survey, workshop or desk research.")
    if status not in Finding.Status.values:
        errors["status"] = _("Choose suggested, confirmed or dismissed.")
    if not title.strip():
        errors["title"] = _("Give the finding a title.")
    if errors:
        raise ValidationError(errors)
    return Finding.objects.create(
        region=region,
        theme=theme,
        kind=kind,
        severity=severity,
        title=title.strip(),
        description=description,
        evidence=evidence,
        source=source,
        status=status,
        created_by=created_by,
        rule=rule,
        campaign=campaign,
    )


@changes(SCORES)
def finding_set_status(*, finding: Finding, status: str) -> Finding:
    if status not in (Finding.Status.CONFIRMED, Finding.Status.DISMISSED, Finding.Status.SUGGESTED):
        raise ValidationError(_("Unknown status."))
    finding.status = status
    finding.save(update_fields=["status", "updated_at"])
    return finding


def rule_matches(rule: FindingRule, score: float) -> bool:
    if rule.comparison == FindingRule.Comparison.BELOW:
        return score < rule.threshold
    return score >= rule.threshold


@changes(SCORES)
@transaction.atomic
def findings_suggest(*, campaign: Campaign, by: User | None = None) -> list[Finding]:
    """Apply the active rules to the campaign's accepted scores; a rule suggests once per region and theme."""
    scores = analytics.region_theme_scores(campaign_id=campaign.pk)
    themes = {theme.code: theme for theme in Theme.objects.all()}
    rules = list(FindingRule.objects.filter(is_active=True).select_related("theme"))
    existing = set(
        Finding.objects.filter(campaign=campaign, rule__isnull=False).values_list("region_id", "theme_id", "rule_id")
    )
    regions = Region.objects.in_bulk(scores.keys())
    created = []
    for region_id, by_theme in scores.items():
        for code, score in by_theme.items():
            theme = themes.get(code)
            if theme is None:
                continue
            for rule in rules:
                if rule.theme_id not in (None, theme.pk) or not rule_matches(rule, score):
                    continue
                if (region_id, theme.pk, rule.pk) in existing:
                    continue
                created.append(
                    Finding(
                        region=regions[region_id],
                        theme=theme,
                        kind=rule.kind,
                        severity=rule.severity,
                        title=_("%(theme)s score %(score)s/100") % {"theme": theme.name, "score": score_text(score)},
                        description=rule.describe(),
                        evidence=_("Accepted answers of %(campaign)s.") % {"campaign": campaign.title},
                        source=Finding.Source.SURVEY,
                        status=Finding.Status.SUGGESTED,
                        created_by=by,
                        rule=rule,
                        campaign=campaign,
                    )
                )
                existing.add((region_id, theme.pk, rule.pk))
    return Finding.objects.bulk_create(created)
