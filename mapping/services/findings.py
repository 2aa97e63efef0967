from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from mapping import analytics
from mapping.models import Campaign, Finding, FindingChange, FindingRule, Theme
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


EDITABLE = (Finding.Status.SUGGESTED, Finding.Status.CONFIRMED)
EDIT_FIELDS = ("title", "description", "evidence", "severity", "kind")


@changes(SCORES)
@transaction.atomic
def finding_set_status(*, finding: Finding, status: str, by: User | None = None) -> Finding:
    """Move a finding (back to suggested undoes a confirm or a dismiss) and record the move in its history;
    the same status again changes nothing."""
    if status not in Finding.Status.values:
        raise ValidationError(_("Unknown status."))
    finding = Finding.objects.select_for_update().get(pk=finding.pk)
    if status == finding.status:
        return finding
    FindingChange.objects.create(finding=finding, by=by, fields={"status": [finding.status, status]})
    finding.status = status
    finding.save(update_fields=["status", "updated_at"])
    return finding


def rule_create(*, data: dict) -> FindingRule:
    """A rule for suggesting findings from scores; it applies from the next suggestion run."""
    rule = FindingRule(**data)
    rule.full_clean()
    rule.save()
    return rule


def rule_toggle(*, rule: FindingRule) -> FindingRule:
    """Switch a rule on or off; suggestions already made stay."""
    rule.is_active = not rule.is_active
    rule.save(update_fields=["is_active"])
    return rule


@changes(SCORES)
@transaction.atomic
def finding_update(*, finding: Finding, by: User | None = None, **fields) -> Finding:
    """Edit the wording (and severity or kind) of a suggested or confirmed finding; the rule that suggested
    it stays linked, and each edit is kept in the history with what it was before."""
    unknown = set(fields) - set(EDIT_FIELDS)
    if unknown:
        raise TypeError(", ".join(sorted(unknown)))
    finding = Finding.objects.select_for_update().get(pk=finding.pk)
    if finding.status not in EDITABLE:
        raise ValidationError(_("A dismissed finding cannot be edited; move it back to suggested first."))
    errors = {}
    if "title" in fields:
        fields["title"] = (fields["title"] or "").strip()
        if not fields["title"]:
            errors["title"] = _("Give the finding a title.")
    if "severity" in fields and (not isinstance(fields["severity"], int) or not 1 <= fields["severity"] <= 5):
        errors["severity"] = _("Give a severity from 1 (minor) to 5 (critical).")
    if "kind" in fields and fields["kind"] not in Finding.Kind.values:
        errors["kind"] = _("Choose gap, barrier, strength or best practice.")
    if errors:
        raise ValidationError(errors)
    changed = {
        name: [getattr(finding, name), value] for name, value in fields.items() if getattr(finding, name) != value
    }
    if not changed:
        return finding
    for name, (_old, value) in changed.items():
        setattr(finding, name, value)
    finding.save(update_fields=[*changed, "updated_at"])
    FindingChange.objects.create(finding=finding, by=by, fields=changed)
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
