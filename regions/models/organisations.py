"""The ecosystem: organisations, their proposed revisions, contacts and the links between them."""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regions.models.regions import Region
from regions.validators import validate_web_url


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
