"""Sample objects that fill the URL kwargs of the permission matrix: one of each kind, owned by region A."""

from dataclasses import dataclass, field

from django.contrib.auth.tokens import default_token_generator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.models import User
from accounts.services import api_token_create
from tests.factories import RegionFactory, RegionMembershipFactory, UserFactory

ROLES = ("anonymous", "stakeholder", "official_a", "official_b", "coordinator", "administrator")


@dataclass
class Samples:
    region_a: object
    region_b: object
    users: dict[str, User | None]
    objects: dict[str, object] = field(default_factory=dict)

    def __getattr__(self, name):
        try:
            return self.__dict__["objects"][name]
        except KeyError:
            raise AttributeError(name) from None


def build() -> Samples:
    """Users are signed in with force_login, so they skip the (deliberately slow) password hashing."""
    region_a = RegionFactory(code="FI1D", name="Pohjois- ja Itä-Suomi", country_code="FI", level=2)
    region_b = RegionFactory(code="BE21", name="Prov. Antwerpen", country_code="BE", level=2)
    users = {
        "anonymous": None,
        "stakeholder": UserFactory(username="stella", role=User.Role.STAKEHOLDER, password=None),
        "official_a": RegionMembershipFactory(user__username="olli", user__password=None, region=region_a).user,
        "official_b": RegionMembershipFactory(user__username="bram", user__password=None, region=region_b).user,
        "coordinator": UserFactory(username="cora", role=User.Role.COORDINATOR, password=None),
        "administrator": UserFactory(username="alice", role=User.Role.ADMINISTRATOR, password=None),
    }
    samples = Samples(region_a=region_a, region_b=region_b, users=users)
    # Not one of the roles: signing them in would change last_login and void the token.
    reset_user = UserFactory(username="rita", password=None)
    samples.objects["reset_uid"] = urlsafe_base64_encode(force_bytes(reset_user.pk))
    samples.objects["reset_token"] = default_token_generator.make_token(reset_user)
    samples.objects["api_token"] = api_token_create(user=users["stakeholder"])[0]
    _regions_samples(samples)
    _roadmap_samples(samples)
    _mapping(samples)
    _workshops(samples)
    _reports(samples)
    _participation(samples)
    _people(samples)
    return samples


def _people(s: Samples) -> None:
    from accounts import signup
    from notifications import digests, kinds
    from notifications import services as notifications

    stakeholder = s.users["stakeholder"]
    s.objects["follow"] = notifications.follow(stakeholder, s.region_a)
    notifications.notify_users([stakeholder], kinds.EVENT_ANNOUNCED, about=s.region_a)
    s.objects["notification"] = stakeholder.notifications.get()
    s.objects["unsubscribe_token"] = digests.unsubscribe_token(digests.preference_for(stakeholder))
    newcomer = UserFactory(username="nina", is_active=False, password=None)
    s.objects["signup_token"] = signup.verification_url(newcomer).rstrip("/").rsplit("/", 1)[-1]
    s.objects["invitation_token"] = signup.invitation_create(
        invited_by=s.users["coordinator"], email="invited@example.eu", region_codes=[s.region_a.code]
    )[1]


def _regions_samples(samples: Samples) -> None:
    from regions.models import OrganisationRevision
    from tests.factories import ContactFactory, OrganisationFactory, OrganisationLinkFactory, PopulationGroupFactory

    organisation = OrganisationFactory(region=samples.region_a, name="Oulu University Hospital")
    partner = OrganisationFactory(region=samples.region_b, name="Antwerp University")
    samples.objects["organisation"] = organisation
    samples.objects["organisation_link"] = OrganisationLinkFactory(source=organisation, target=partner)
    samples.objects["contact"] = ContactFactory(organisation=organisation)
    # A stakeholder's link and a stakeholder's changes, both awaiting a coordinator.
    biobank = OrganisationFactory(region=samples.region_a, name="Oulu Biobank")
    samples.objects["pending_link"] = OrganisationLinkFactory(source=partner, target=biobank, status="pending")
    samples.objects["organisation_revision"] = OrganisationRevision.objects.create(
        organisation=organisation,
        region=samples.region_a,
        data={
            "name": "Oulu University Hospital (renamed)",
            "kind": organisation.kind,
            "value_chain_stages": organisation.value_chain_stages,
            "website": "",
            "description": "",
            "strengths": "",
        },
    )
    samples.objects["population_group"] = PopulationGroupFactory(regions=[samples.region_a])


def _roadmap_samples(samples: Samples) -> None:
    from roadmap import services as roadmap_services
    from tests.factories.roadmap import PilotFactory, published_module

    module = published_module("SAMPLE-01")
    roadmap = roadmap_services.roadmap_for_region(region=samples.region_a)
    item = roadmap_services.roadmap_item_add(roadmap=roadmap, module=module, phase=1, lock_version=None, by=None)
    roadmap_services.roadmap_publish(roadmap=roadmap, by=None)
    samples.objects["roadmap_module"] = module
    samples.objects["roadmap_item"] = item
    samples.objects["roadmap_action"] = module.actions.get()
    samples.objects["roadmap_milestone"] = roadmap_services.milestone_add(item=item, title="Kick-off")
    samples.objects["pilot"] = PilotFactory(slug="sample-pilot", regions=[samples.region_a])


def _mapping(s: Samples) -> None:
    from mapping import services as mapping_services
    from mapping.models import FindingRule
    from tests.factories import FindingFactory
    from tests.factories.mapping import CampaignFactory, QuestionFactory, ResponseFactory

    s.objects["campaign"] = CampaignFactory(regions=[s.region_a, s.region_b])
    question = QuestionFactory(code="SAMPLE-1")
    s.objects["mapping_question"] = question
    s.objects["mapping_version"] = question.version
    answering = CampaignFactory(version=question.version, regions=[s.region_a])
    s.objects["answering_campaign"] = answering
    s.objects["mapping_response"] = ResponseFactory(campaign=answering, region=s.region_a)
    s.objects["review_comment"] = s.objects["mapping_response"].review_comments.create(text="Sources, please.")
    draft = mapping_services.version_copy(version=question.version)
    s.objects["draft_version"] = draft
    s.objects["draft_section"] = draft.sections.get()
    s.objects["draft_question"] = draft.questions.get()
    s.objects["finding"] = FindingFactory(region=s.region_a)
    s.objects["finding_rule"] = FindingRule.objects.create(comparison="below", threshold=30, kind="gap", severity=4)


def _workshops(s: Samples) -> None:
    from django.core.files.base import ContentFile

    from tests.factories.workshops import EventFactory, RegistrationFactory, VoteOptionFactory, VotingRoundFactory
    from workshops.models import AgendaItem, Attachment, Event, FeedbackQuestion

    event = EventFactory(title="Matrix workshop", host_regions=[s.region_a])
    s.objects["event"] = event
    s.objects["planned_event"] = EventFactory(status=Event.Status.PLANNED, host_regions=[s.region_a])
    # Not public yet: its attachment is for coordinators (and the event's registrants) only.
    s.objects["restricted_attachment"] = Attachment.objects.create(
        event=s.planned_event, title="Draft minutes", file=ContentFile(b"Draft minutes", name="minutes.txt"), size=13
    )
    s.objects["registration"] = RegistrationFactory(event=event, user=s.users["stakeholder"])
    # Someone else waiting for a seat: only coordinators may give it to them by hand.
    s.objects["waiting_registration"] = RegistrationFactory(event=event, status="waitlisted")
    s.objects["agenda_item"] = AgendaItem.objects.create(event=event, starts_at=event.starts_at, title="Welcome")
    voting_round = VotingRoundFactory(event=event, region=s.region_a)
    VoteOptionFactory(voting_round=voting_round, label="Data")
    VoteOptionFactory(voting_round=voting_round, label="Funding")
    s.objects["voting_round"] = voting_round
    s.objects["feed_token"] = s.users["stakeholder"].feed_token
    s.objects["feedback_question"] = FeedbackQuestion.objects.create(
        kind="workshop", text="Was the venue easy to reach?"
    )


def _reports(s: Samples) -> None:
    from reports.models import Report, ReportBatch
    from tests.factories.reports import RecommendationFactory, ReportFactory

    report = ReportFactory(region=s.region_a, status=Report.Status.DONE)
    s.objects["report"] = report
    batch = ReportBatch.objects.create(title="Sample batch")
    batch.reports.add(report)
    s.objects["report_batch"] = batch
    s.objects["recommendation"] = RecommendationFactory(code="sample-recommendation")


def _participation(s: Samples) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from participation import services
    from roadmap.models import RegionRoadmap
    from tests.factories import FindingFactory, seed_theme

    today = timezone.localdate()
    official, stakeholder = s.users["official_a"], s.users["stakeholder"]
    consultation = services.consultation_open(
        roadmap=RegionRoadmap.objects.get(region=s.region_a),
        title="Sample consultation",
        start_date=today,
        end_date=today + timedelta(days=10),
        by=official,
    )
    comment = services.comment_create(consultation=consultation, author=stakeholder, body="A sample comment")
    s.objects["consultation"] = consultation
    s.objects["comment"] = comment
    s.objects["abuse_report"] = services.abuse_report_create(comment=comment, reporter=official, reason="Spam")
    # A draft of region A: its officials and coordinators see it, nobody else.
    s.objects["best_practice"] = services.best_practice_save(
        by=official, region=s.region_a, title="Sample practice", what_was_done="Something"
    )
    s.objects["strength"] = FindingFactory(region=s.region_a, theme=seed_theme("DATA"), kind="strength")
    s.objects["interest"] = services.interest_create(
        user=stakeholder, message="Interested", share_contact=False, pilot=s.pilot
    )
