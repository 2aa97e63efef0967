from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from regions.validators import validate_web_url

EU27 = frozenset(
    [
        "AT",
        "BE",
        "BG",
        "CY",
        "CZ",
        "DE",
        "DK",
        "EE",
        "EL",
        "ES",
        "FI",
        "FR",
        "HR",
        "HU",
        "IE",
        "IT",
        "LT",
        "LU",
        "LV",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SE",
        "SI",
        "SK",
    ]
)


class UrbanRural(models.TextChoices):
    URBAN = "urban", _("Predominantly urban")
    INTERMEDIATE = "intermediate", _("Intermediate")
    RURAL = "rural", _("Predominantly rural")


class RisGroup(models.TextChoices):
    LEADER = "leader", _("Innovation leader")
    STRONG = "strong", _("Strong innovator")
    MODERATE = "moderate", _("Moderate innovator")
    EMERGING = "emerging", _("Emerging innovator")


class RisSubgroup(models.TextChoices):
    PLUS = "+", "+"
    MINUS = "-", "−"


class Region(models.Model):
    """A NUTS region (levels 0-3) of one NUTS version, with its typologies and profile."""

    code = models.CharField(_("NUTS code"), max_length=10)
    nuts_version = models.PositiveSmallIntegerField(_("NUTS version"), default=2021)
    level = models.PositiveSmallIntegerField(_("level"))
    country_code = models.CharField(_("country"), max_length=2, db_index=True)
    name = models.CharField(_("name (Latin script)"), max_length=200)
    name_national = models.CharField(_("name (national)"), max_length=200, blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children", verbose_name=_("parent")
    )

    # Typologies: mountain, coastal and urban/rural come from the GISCO files; the others are curated.
    is_island = models.BooleanField(_("island"), default=False)
    is_outermost = models.BooleanField(_("outermost region"), default=False)
    is_nspa = models.BooleanField(_("northern sparsely populated"), default=False)
    mountain = models.BooleanField(_("mountain"), default=False)
    coastal = models.BooleanField(_("coastal"), default=False)
    urban_rural = models.CharField(_("urban/rural"), max_length=12, choices=UrbanRural.choices, blank=True)
    ris_group = models.CharField(_("innovation group"), max_length=10, choices=RisGroup.choices, blank=True)
    ris_subgroup = models.CharField(_("innovation subgroup"), max_length=1, choices=RisSubgroup.choices, blank=True)
    ris_year = models.PositiveSmallIntegerField(_("scoreboard year"), null=True, blank=True)

    population = models.PositiveBigIntegerField(_("population"), null=True, blank=True)
    area_km2 = models.FloatField(_("area (km²)"), null=True, blank=True)
    health_system_notes = models.TextField(_("health-system notes"), blank=True)

    geometry = models.JSONField(_("display geometry"), null=True, blank=True)
    label_point = models.JSONField(_("label point"), null=True, blank=True)

    # Bumped by every profile edit, so a stale form is refused instead of overwriting.
    profile_version = models.PositiveIntegerField(default=0)
    profile_updated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["code", "nuts_version"], name="regions_region_code_version_unique"),
        ]
        indexes = [models.Index(fields=["level", "country_code"])]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def density(self) -> float | None:
        if self.population is None or not self.area_km2:
            return None
        return self.population / self.area_km2

    @property
    def in_eu27(self) -> bool:
        return self.country_code in EU27

    @property
    def ris_label(self) -> str:
        if not self.ris_group:
            return ""
        return f"{self.get_ris_group_display()}{self.ris_subgroup and ' ' + self.get_ris_subgroup_display()}"

    def typology_labels(self) -> list[str]:
        labels = []
        for field in ("is_island", "is_outermost", "is_nspa", "mountain", "coastal"):
            if getattr(self, field):
                labels.append(capfirst(str(self._meta.get_field(field).verbose_name)))
        if self.urban_rural:
            labels.append(str(self.get_urban_rural_display()))
        return labels


class RegionMembership(models.Model):
    """A regional official's link to a region they answer for."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="region_memberships")
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="memberships")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "region"], name="regions_membership_user_region_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.region.code}"


class PopulationGroup(models.Model):
    """A population with a distinct genetic background (e.g. the Finnish disease heritage)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    regions = models.ManyToManyField(Region, related_name="population_groups", verbose_name=_("regions"))
    conditions_more_frequent = models.TextField(
        _("conditions more frequent"), blank=True, help_text=_("One condition per line.")
    )
    conditions_less_frequent = models.TextField(
        _("conditions less frequent"), blank=True, help_text=_("One condition per line.")
    )
    sources = models.TextField(_("sources"), blank=True, help_text=_("One reference or URL per line."))
    version = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @staticmethod
    def _lines(text: str) -> list[str]:
        return [line.strip() for line in text.splitlines() if line.strip()]

    @property
    def more_frequent_list(self) -> list[str]:
        return self._lines(self.conditions_more_frequent)

    @property
    def less_frequent_list(self) -> list[str]:
        return self._lines(self.conditions_less_frequent)

    @property
    def source_list(self) -> list[str]:
        return self._lines(self.sources)


class ProfileChange(models.Model):
    """Who changed which profile fields, from what to what."""

    region = models.ForeignKey(Region, null=True, blank=True, on_delete=models.CASCADE, related_name="changes")
    population_group = models.ForeignKey(
        PopulationGroup, null=True, blank=True, on_delete=models.CASCADE, related_name="changes"
    )
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    changed_at = models.DateTimeField(auto_now_add=True)
    # {field: [old, new]} with values as displayed text.
    changes = models.JSONField(default=dict)

    class Meta:
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.changed_by} {self.changed_at:%Y-%m-%d %H:%M}"


class OrganisationKind(models.TextChoices):
    HOSPITAL = "hospital", _("Hospital")
    UNIVERSITY = "university", _("University")
    RESEARCH_INSTITUTE = "research_institute", _("Research institute")
    SME_INDUSTRY = "sme_industry", _("SME / industry")
    PAYER = "payer", _("Payer / insurer")
    PATIENT_ORGANISATION = "patient_organisation", _("Patient organisation")
    GOVERNMENT = "government", _("Government")
    REGIONAL_AGENCY = "regional_agency", _("Regional agency")
    CLUSTER = "cluster", _("Cluster")
    BIOBANK = "biobank", _("Biobank")


class ValueChainStage(models.TextChoices):
    RESEARCH = "research", _("Research")
    DIAGNOSTICS = "diagnostics", _("Diagnostics and development")
    VALIDATION = "validation", _("Clinical validation")
    REGULATION_HTA = "regulation_hta", _("Regulation and HTA")
    REIMBURSEMENT = "reimbursement", _("Reimbursement")
    IMPLEMENTATION = "implementation", _("Clinical implementation")
    CITIZENS = "citizens", _("Citizens and patients")


class Organisation(models.Model):
    """A member of a region's personalised-medicine ecosystem."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting approval")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="organisations", verbose_name=_("region"))
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=24, choices=OrganisationKind.choices)
    value_chain_stages = ArrayField(
        models.CharField(max_length=20, choices=ValueChainStage.choices),
        default=list,
        blank=True,
        verbose_name=_("value-chain stages"),
    )
    website = models.URLField(_("website"), blank=True, validators=[validate_web_url])
    description = models.TextField(_("description"), blank=True)
    strengths = models.TextField(_("strengths"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="organisations"
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(_("review note"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), "region", name="regions_organisation_name_region_unique"),
        ]
        indexes = [models.Index(fields=["region", "status"])]

    def __str__(self) -> str:
        return self.name

    def stage_labels(self) -> list[str]:
        labels = dict(ValueChainStage.choices)
        return [str(labels.get(code, code)) for code in self.value_chain_stages]


# The fields an edit may change besides the region; a revision proposes new values for them.
ORGANISATION_EDITABLE_FIELDS = ("name", "kind", "value_chain_stages", "website", "description", "strengths")


class OrganisationRevision(models.Model):
    """Changes to an approved organisation proposed by someone whose edits a coordinator reviews first
    (its submitter); until approved, everyone keeps seeing the approved organisation."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting approval")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="revisions")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+", verbose_name=_("region"))
    # {field: proposed value} for ORGANISATION_EDITABLE_FIELDS, as the form or the API cleaned them.
    data = models.JSONField()
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="organisation_revisions"
    )
    submitted_at = models.DateTimeField(default=timezone.now)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(_("review note"), blank=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation"], condition=models.Q(status="pending"), name="regions_one_pending_revision"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_status_display()})"


class Contact(models.Model):
    """A person at an organisation; personal data, shown only to coordinators and the region's officials."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=200, blank=True)
    email = models.EmailField(_("email"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    consent_given = models.BooleanField(_("consent to be contacted"), default=False)
    consent_at = models.DateTimeField(_("consent recorded at"), null=True, blank=True)
    consent_note = models.CharField(_("how consent was given"), max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ContactErasure(models.Model):
    """Proof that a contact was erased, without the personal data itself."""

    organisation = models.ForeignKey(Organisation, null=True, on_delete=models.SET_NULL, related_name="+")
    contact_id = models.PositiveBigIntegerField()
    erased_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    erased_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"contact {self.contact_id} erased {self.erased_at:%Y-%m-%d}"


class OrganisationLink(models.Model):
    """A collaboration between two organisations (in one region or across regions)."""

    class Kind(models.TextChoices):
        COLLABORATION = "collaboration", _("Collaboration")
        PROJECT = "project", _("Joint project")
        DATA_SHARING = "data_sharing", _("Data sharing")
        SUPPLY = "supply", _("Service or supply")
        MEMBERSHIP = "membership", _("Membership")

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting approval")
        APPROVED = "approved", _("Approved")

    source = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="links_out")
    target = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="links_in")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.COLLABORATION)
    description = models.CharField(_("description"), max_length=300, blank=True)
    # A link recorded by someone other than a coordinator or an official of either end waits for review;
    # a rejected one is deleted.
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.APPROVED)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "target"], name="regions_link_pair_unique"),
            models.CheckConstraint(condition=~models.Q(source=models.F("target")), name="regions_link_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.source} – {self.target}"


class Indicator(models.Model):
    """A regional statistic or typology imported from a Eurostat file, with its source line."""

    class Kind(models.TextChoices):
        NUMBER = "number", _("Number")
        CATEGORY = "category", _("Category")

    code = models.CharField(_("code"), max_length=80, unique=True)
    label = models.CharField(_("label"), max_length=200)
    unit = models.CharField(_("unit"), max_length=60, blank=True)
    dataset = models.CharField(_("source dataset code"), max_length=80)
    licence = models.CharField(_("source and licence line"), max_length=300)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.NUMBER)
    # {code: label} in display order, for typologies; the codes of a yes/no typology that mean "yes".
    categories = models.JSONField(_("categories"), default=dict, blank=True)
    yes_codes = models.JSONField(_("codes meaning yes"), default=list, blank=True)
    levels = ArrayField(models.PositiveSmallIntegerField(), default=list, blank=True, verbose_name=_("levels"))
    # Where the source gives no year per value (the Regional Yearbook maps), the year its footnote states.
    year_note = models.CharField(_("year note"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(default=100)

    class Meta:
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.label

    @property
    def is_yes_no(self) -> bool:
        return bool(self.yes_codes)


class IndicatorValue(models.Model):
    """One value of an indicator for one region code, in the NUTS version the source coded it in."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    region_code = models.CharField(_("NUTS code"), max_length=10)
    nuts_version = models.PositiveSmallIntegerField(_("NUTS version"))
    level = models.PositiveSmallIntegerField(_("level"))
    country_code = models.CharField(_("country"), max_length=2)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    value = models.FloatField(_("value"), null=True, blank=True)
    category = models.CharField(_("category"), max_length=20, blank=True)
    # Eurostat's observation flags as published: p provisional, e estimated, b break in series, ...
    flags = models.CharField(_("flags"), max_length=10, blank=True)

    class Meta:
        ordering = ["indicator", "region_code", "nuts_version", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "region_code", "nuts_version", "year"],
                name="regions_indicatorvalue_unique",
                nulls_distinct=False,
            ),
        ]
        indexes = [
            models.Index(fields=["region_code"]),
            models.Index(fields=["indicator", "level", "nuts_version", "year"]),
        ]

    def __str__(self) -> str:
        shown = self.category or self.value
        return f"{self.indicator_id} {self.region_code} {self.year}: {shown}"
