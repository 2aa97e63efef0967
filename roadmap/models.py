"""Roadmap modules, region roadmaps, pilots and funding instruments.

Curation happens on `Module` and `RegionRoadmap`; the public reads only their frozen
published versions (`ModuleVersion`, `RoadmapVersion`), so an edit in progress never leaks.
"""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Horizon(models.TextChoices):
    SHORT = "short", _("Short term (under 2 years)")
    MEDIUM = "medium", _("Medium term (2-4 years)")
    LONG = "long", _("Long term (over 4 years)")


class CostLevel(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


class ActorType(models.TextChoices):
    GOVERNMENT = "government", _("Regional or national government")
    HEALTH_AUTHORITY = "health_authority", _("Health authority")
    HOSPITAL = "hospital", _("Hospitals and care providers")
    UNIVERSITY = "university", _("Universities and research institutes")
    INDUSTRY = "industry", _("Industry and SMEs")
    PAYER = "payer", _("Payers and HTA bodies")
    PATIENTS = "patients", _("Patient and citizen organisations")
    AGENCY = "agency", _("Regional development agency or cluster")
    BIOBANK = "biobank", _("Biobanks")


class FundingInstrument(models.Model):
    class Level(models.TextChoices):
        EU = "eu", _("EU programme")
        NATIONAL = "national", _("National")
        REGIONAL = "regional", _("Regional")
        PRIVATE = "private", _("Private")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    description = models.TextField(_("description"), blank=True)
    url = models.URLField(_("web page"), blank=True)

    class Meta:
        ordering = ["level", "name"]

    def __str__(self) -> str:
        return self.name


class Module(models.Model):
    """A building block of a regional roadmap (the working copy coordinators edit)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    code = models.CharField(_("code"), max_length=20, unique=True, help_text=_("For example GEN-01"))
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"))
    themes = models.ManyToManyField("mapping.Theme", related_name="modules", verbose_name=_("themes"), blank=True)
    prerequisites = models.ManyToManyField(
        "self", symmetrical=False, related_name="dependents", blank=True, verbose_name=_("prerequisite modules")
    )
    funding_instruments = models.ManyToManyField(
        FundingInstrument, related_name="modules", blank=True, verbose_name=_("funding instruments")
    )
    # Typologies the module was written for (empty: any region); they raise its rank in suggestions.
    typologies = ArrayField(models.CharField(max_length=30), default=list, blank=True, verbose_name=_("typologies"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    # Bumped on every save so that a stale form is refused instead of overwriting.
    lock_version = models.PositiveIntegerField(default=1)
    has_unpublished_changes = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("roadmap:module", args=[self.code])


class ModuleAction(models.Model):
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="actions")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    actor_type = models.CharField(_("actor"), max_length=30, choices=ActorType.choices)
    horizon = models.CharField(_("horizon"), max_length=10, choices=Horizon.choices)
    cost_level = models.CharField(_("cost"), max_length=10, choices=CostLevel.choices)
    kpi = models.CharField(_("KPI"), max_length=200, blank=True)
    kpi_target = models.CharField(_("KPI target"), max_length=100, blank=True)

    class Meta:
        ordering = ["module", "order", "id"]

    def __str__(self) -> str:
        return self.title


class ModuleEvidence(models.Model):
    """A best practice, publication or finding that supports a module."""

    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="evidence")
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("link"), blank=True)
    finding = models.ForeignKey(
        "mapping.Finding", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("finding")
    )

    class Meta:
        ordering = ["module", "id"]

    def __str__(self) -> str:
        return self.title


class PublishedVersion(models.Model):
    """A frozen published state of an edited object: what the public sees and searches.

    Publishing writes version `number` with a snapshot (`data`), the changes since the previous
    version and the text searched (`body`, indexed in `search_document`); exactly one version
    per object `is_current`.
    """

    number = models.PositiveIntegerField()
    is_current = models.BooleanField(default=True)
    body = models.TextField(blank=True)
    search_document = SearchVectorField(null=True)
    data = models.JSONField(default=dict)
    changes = models.JSONField(default=list)
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        abstract = True


class ModuleVersion(PublishedVersion):
    """A published module; `body` holds its actions' titles, descriptions and KPIs."""

    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="versions")
    code = models.CharField(max_length=20)
    title = models.CharField(max_length=200)
    summary = models.TextField()
    theme_codes = ArrayField(models.CharField(max_length=20), default=list)
    horizons = ArrayField(models.CharField(max_length=10), default=list)
    cost_levels = ArrayField(models.CharField(max_length=10), default=list)
    prerequisite_codes = ArrayField(models.CharField(max_length=20), default=list)

    class Meta:
        ordering = ["module", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["module", "number"], name="roadmap_moduleversion_number_unique"),
            models.UniqueConstraint(
                fields=["module"], condition=models.Q(is_current=True), name="roadmap_moduleversion_one_current"
            ),
        ]
        indexes = [
            GinIndex(fields=["theme_codes"], name="roadmap_mv_themes_gin"),
            GinIndex(fields=["search_document"], name="roadmap_mv_search_gin"),
            models.Index(fields=["is_current", "code"], name="roadmap_mv_current_code"),
        ]

    def __str__(self) -> str:
        return f"{self.code} v{self.number}"


class RegionRoadmap(models.Model):
    """A region's working roadmap: modules picked and sequenced into phases."""

    region = models.OneToOneField("regions.Region", on_delete=models.CASCADE, related_name="roadmap")
    title = models.CharField(_("title"), max_length=200)
    vision = models.TextField(_("vision"), blank=True)
    start_year = models.PositiveSmallIntegerField(_("first year"), default=2026)
    phase_years = models.PositiveSmallIntegerField(
        _("years per phase"), default=2, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    lock_version = models.PositiveIntegerField(default=1)
    has_unpublished_changes = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["region__code"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("roadmap:region", args=[self.region.code])


PHASES = [
    (1, _("Foundations")),
    (2, _("Build")),
    (3, _("Scale up")),
    (4, _("Sustain")),
]


class RoadmapItem(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")

    roadmap = models.ForeignKey(RegionRoadmap, on_delete=models.CASCADE, related_name="items")
    module = models.ForeignKey(Module, on_delete=models.PROTECT, related_name="roadmap_items")
    phase = models.PositiveSmallIntegerField(_("phase"), choices=PHASES)
    order = models.PositiveSmallIntegerField(_("order in phase"), default=1)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    progress = models.PositiveSmallIntegerField(
        _("progress %"), default=0, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    notes = models.TextField(_("notes"), blank=True)
    reasons = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["roadmap", "phase", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["roadmap", "module"], name="roadmap_item_module_once"),
            models.CheckConstraint(
                condition=models.Q(progress__gte=0, progress__lte=100), name="roadmap_item_progress_0_100"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.roadmap.region_id}: {self.module_id}"


class Milestone(models.Model):
    item = models.ForeignKey(RoadmapItem, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("milestone"), max_length=200)
    due = models.DateField(_("due"), null=True, blank=True)
    done = models.BooleanField(_("done"), default=False)

    class Meta:
        ordering = ["item", "due", "id"]

    def __str__(self) -> str:
        return self.title


class RoadmapEvent(models.Model):
    """A line of a roadmap's public timeline (a module added, its status changed, a version published)."""

    class Kind(models.TextChoices):
        ADDED = "added", _("Module added")
        STATUS = "status", _("Status changed")
        REMOVED = "removed", _("Module removed")
        PUBLISHED = "published", _("Version published")

    roadmap = models.ForeignKey(RegionRoadmap, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    module_code = models.CharField(max_length=20, blank=True)
    module_title = models.CharField(max_length=200, blank=True)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    note = models.CharField(max_length=300, blank=True)
    at = models.DateTimeField(db_index=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["roadmap", "-at", "-id"]

    def __str__(self) -> str:
        return f"{self.kind} {self.module_code}"


class RoadmapVersion(PublishedVersion):
    """A published region roadmap."""

    roadmap = models.ForeignKey(RegionRoadmap, on_delete=models.CASCADE, related_name="versions")
    region = models.ForeignKey("regions.Region", on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=200)
    vision = models.TextField(blank=True)
    module_codes = ArrayField(models.CharField(max_length=20), default=list)

    class Meta:
        ordering = ["roadmap", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["roadmap", "number"], name="roadmap_roadmapversion_number_unique"),
            models.UniqueConstraint(
                fields=["roadmap"], condition=models.Q(is_current=True), name="roadmap_roadmapversion_one_current"
            ),
        ]
        indexes = [
            GinIndex(fields=["module_codes"], name="roadmap_rv_modules_gin"),
            GinIndex(fields=["search_document"], name="roadmap_rv_search_gin"),
        ]

    def __str__(self) -> str:
        return f"{self.title} v{self.number}"

    def get_absolute_url(self) -> str:
        return reverse("roadmap:region", args=[self.region.code])


class Pilot(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PLANNED = "planned", _("Planned")
        RUNNING = "running", _("Running")
        COMPLETED = "completed", _("Completed")

    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"))
    regions = models.ManyToManyField("regions.Region", related_name="pilots", verbose_name=_("regions"))
    modules = models.ManyToManyField(Module, related_name="pilots", blank=True, verbose_name=_("modules addressed"))
    lead_name = models.CharField(_("lead organisation"), max_length=200, blank=True)
    partner_names = models.TextField(_("partner organisations"), blank=True, help_text=_("One per line"))
    # The names above matched to the ecosystem register where the organisation is registered.
    lead_organisation = models.ForeignKey(
        "regions.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="led_pilots"
    )
    partner_organisations = models.ManyToManyField(
        "regions.Organisation", blank=True, related_name="partner_pilots", verbose_name=_("registered partners")
    )
    budget = models.DecimalField(_("budget (EUR)"), max_digits=14, decimal_places=2, null=True, blank=True)
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-start_date", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="roadmap_pilot_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("roadmap:pilot", args=[self.slug])


class PilotFunding(models.Model):
    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="funding")
    instrument = models.ForeignKey(FundingInstrument, on_delete=models.PROTECT, related_name="pilot_funding")
    amount = models.DecimalField(_("amount (EUR)"), max_digits=14, decimal_places=2)

    class Meta:
        ordering = ["pilot", "-amount"]

    def __str__(self) -> str:
        return f"{self.instrument}: {self.amount}"
