from zoneinfo import available_timezones

from saphire.timezones import canonical_timezones, timezone_choices
from workshops.timezones import timezone_names


def test_canonical_zones_leave_out_deprecated_aliases():
    zones = set(canonical_timezones())

    assert {"Europe/Brussels", "Europe/Helsinki", "Europe/Kyiv", "Atlantic/Canary", "UTC"} <= zones
    assert not {"Europe/Kiev", "US/Eastern", "Asia/Calcutta", "Etc/GMT+1", "GB", "Europe/Belfast"} & zones
    assert zones <= available_timezones()


def test_one_list_for_events_and_profiles():
    assert timezone_names() == canonical_timezones()


def test_choices_are_grouped_by_area():
    groups = dict(timezone_choices())

    assert ("Europe/Brussels", "Europe/Brussels") in groups["Europe"]
    assert ("America/New_York", "America/New York") in groups["America"]
    assert sum(len(zones) for zones in groups.values()) == len(canonical_timezones())
