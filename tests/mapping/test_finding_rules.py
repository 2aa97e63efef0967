import pytest
from django.core.exceptions import ValidationError

from mapping import services
from mapping.models import FindingRule, Theme

pytestmark = pytest.mark.django_db


def test_a_rule_is_created_valid_and_toggled_off_and_on():
    theme = Theme.objects.get(code="DATA")

    rule = services.rule_create(
        data={"theme": theme, "comparison": "below", "threshold": 40, "kind": "gap", "severity": 4, "is_active": True}
    )

    assert FindingRule.objects.get(pk=rule.pk).is_active
    services.rule_toggle(rule=rule)
    assert not FindingRule.objects.get(pk=rule.pk).is_active
    services.rule_toggle(rule=rule)
    assert FindingRule.objects.get(pk=rule.pk).is_active


def test_a_rule_out_of_bounds_is_refused_with_the_field_named():
    with pytest.raises(ValidationError) as caught:
        services.rule_create(data={"comparison": "below", "threshold": 140, "kind": "gap", "severity": 4})

    assert "threshold" in caught.value.message_dict
    assert not FindingRule.objects.exists()
