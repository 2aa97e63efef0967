import factory
from factory.django import DjangoModelFactory

from accounts.models import User
from mapping.models import Finding, Theme
from mapping.themes import seed_themes, theme_codes
from regions.models import Region, RegionMembership

PASSWORD = "correct-horse-battery"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.eu")
    role = User.Role.STAKEHOLDER
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class RegionFactory(DjangoModelFactory):
    class Meta:
        model = Region

    code = factory.Sequence(lambda n: f"ZZ{n:02d}")
    nuts_version = 2021
    level = factory.LazyAttribute(lambda r: len(r.code) - 2)
    country_code = factory.LazyAttribute(lambda r: r.code[:2])
    name = factory.Sequence(lambda n: f"Region {n}")


class RegionMembershipFactory(DjangoModelFactory):
    class Meta:
        model = RegionMembership

    user = factory.SubFactory(UserFactory, role=User.Role.OFFICIAL)
    region = factory.SubFactory(RegionFactory)


def seed_theme(code: str) -> Theme:
    """One of the fixed themes of the taxonomy (DATA, EDU, GOV, ...); a code that is not one fails.

    The migrations seed them, but a test with a live server or a worker empties the database after
    itself, so they are put back from the taxonomy file when missing.
    """
    if code not in theme_codes():
        raise ValueError(f"{code} is not a theme of mapping/data/themes.yaml")
    if not Theme.objects.filter(code=code).exists():
        seed_themes()
    return Theme.objects.get(code=code)


class ThemeFactory(DjangoModelFactory):
    """A new theme beside the seeded ones; `seed_theme` gives a seeded one."""

    class Meta:
        model = Theme

    code = factory.Sequence(lambda n: f"theme{n}")
    name = factory.Sequence(lambda n: f"Theme {n}")


class FindingFactory(DjangoModelFactory):
    class Meta:
        model = Finding

    region = factory.SubFactory(RegionFactory)
    theme = factory.SubFactory(ThemeFactory)
    kind = Finding.Kind.GAP
    severity = 3
    title = factory.Sequence(lambda n: f"Finding {n}")
    status = Finding.Status.CONFIRMED
