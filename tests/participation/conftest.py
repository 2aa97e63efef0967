import pytest

from participation import services
from roadmap import services as roadmap_services
from tests.factories import published_module


@pytest.fixture
def draft_roadmap(region):
    """FI1D's working roadmap with two modules, published once and then changed (a draft of version 2)."""
    roadmap = roadmap_services.roadmap_for_region(region=region)
    data = published_module("DATA-01", themes=["DATA"], title="Health-data infrastructure")
    edu = published_module("EDU-01", themes=["EDU"], title="Genomics education")
    roadmap_services.roadmap_item_add(roadmap=roadmap, module=data, phase=1, lock_version=None, by=None)
    roadmap_services.roadmap_publish(roadmap=roadmap, by=None)
    roadmap_services.roadmap_item_add(roadmap=roadmap, module=edu, phase=1, lock_version=None, by=None)
    roadmap.refresh_from_db()
    return roadmap


@pytest.fixture
def consultation(draft_roadmap, official):
    from datetime import timedelta

    from django.utils import timezone

    today = timezone.localdate()
    return services.consultation_open(
        roadmap=draft_roadmap,
        title="Draft roadmap 2027",
        start_date=today,
        end_date=today + timedelta(days=14),
        by=official,
    )
