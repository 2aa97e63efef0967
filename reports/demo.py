# ruff: noqa: E501  (prose data: long sentences read better unwrapped)
"""Demo data: a starter recommendation library written from the domain facts, and a few built reports.

Sources: the PerMed SRIA challenges (2015), ICPerMed's Vision for 2030 (2019), the barriers named in
SAPHIRe's 2021 webinar on remote, rural and sparsely populated regions, the genomics-integration
barriers (PMC6943808), SAPHIRe's pillars (Observe, Network, Support) and the S3P4PM / Vanguard
Initiative Smart Health partnership.
"""

from django.db import transaction

from mapping import themes as taxonomy
from mapping.models import Theme
from regions.models import Region
from reports import services
from reports.models import Recommendation, Report
from roadmap import demo as roadmap_demo
from roadmap.models import FundingInstrument

REMOTE = ["rural", "nspa", "island", "outermost", "mountain"]

# (code, kind, title, text, themes, min severity, score threshold, RIS groups, typologies, funding, source)
LIBRARY = [
    (
        "gov-regional-pm-strategy",
        "policy",
        "Adopt a regional personalised-medicine strategy tied to the S3",
        "Write a regional strategy for personalised medicine with health, research and economic departments, and anchor it in the region's smart specialisation strategy (S3) so that structural funds can follow its priorities.",
        ["GOV"],
        3,
        40,
        [],
        [],
        ["erdf", "regional-budget"],
        "SAPHIRe pillar Support/Activate; S3P4PM",
    ),
    (
        "aware-citizen-literacy",
        "policy",
        "Run a citizen literacy and empowerment programme",
        "Fund a multi-year programme that explains genomics, data sharing and personalised prevention to citizens, with patient organisations as co-designers, and measure literacy before and after.",
        ["AWARE", "ENG"],
        3,
        40,
        [],
        [],
        ["eu4health"],
        "PerMed SRIA challenge 1 (Developing Awareness and Empowerment); ICPerMed Vision 2030: empowered citizens",
    ),
    (
        "edu-workforce-genomics",
        "funding",
        "Train the health workforce in genomics and data",
        "Add genomic medicine and data literacy modules to the continuing education of physicians, nurses and pharmacists, and fund clinical geneticist and bioinformatician posts in regional hospitals.",
        ["EDU"],
        3,
        45,
        [],
        [],
        ["eu4health", "national-health"],
        "Genomics-integration barriers: workforce capacity; ICPerMed pillar education & literacy",
    ),
    (
        "edu-gp-digital-preparedness",
        "policy",
        "Prepare general practitioners for digital and genomic care",
        "Give general practitioners in remote areas the tools, training and time to order, read and explain genomic tests and to use teleconsultation with specialists.",
        ["EDU", "ACCESS"],
        3,
        None,
        [],
        REMOTE,
        ["eu4health", "erdf"],
        "SAPHIRe webinar 20 Apr 2021: GP digital preparedness",
    ),
    (
        "data-federated-platform",
        "investment",
        "Invest in a federated, interoperable health data infrastructure",
        "Connect hospital, laboratory and biobank data through a federated platform built on common standards so that data can be used for care and research across borders without moving it.",
        ["DATA"],
        3,
        45,
        [],
        [],
        ["digital-europe", "erdf", "horizon-europe"],
        "PerMed SRIA challenge 2 (Big Data and ICT); EU PM policy review: cross-border interoperability",
    ),
    (
        "elsi-privacy-governance",
        "policy",
        "Set up clear rules for consent, privacy and secondary use of data",
        "Publish a regional data governance framework (consent models, an access committee, security standards) that lets citizens control their data and researchers use it lawfully.",
        ["ELSI", "DATA"],
        3,
        40,
        [],
        [],
        ["horizon-europe"],
        "SAPHIRe webinar 2021: privacy and security, data sharing; ICPerMed Vision 2030: citizens who control their data",
    ),
    (
        "reg-regulatory-advice",
        "policy",
        "Offer early regulatory advice to innovators",
        "Create a single regional contact point with the national agency that gives early advice on the regulation of diagnostics, software and data-driven tools.",
        ["REG"],
        3,
        40,
        [],
        [],
        ["national-health"],
        "Genomics-integration barriers: ethics/legislation",
    ),
    (
        "hta-evidence-reimbursement",
        "policy",
        "Build a pathway from evidence to reimbursement",
        "Agree with payers and the HTA body on the evidence they need (clinical utility, cost-effectiveness) and fund pilot evaluations so that proven tests and treatments enter reimbursement.",
        ["HTA"],
        3,
        40,
        [],
        [],
        ["eu4health", "national-health"],
        "Genomics-integration barriers: evidence of clinical utility, cost-effectiveness (HTA/payers)",
    ),
    (
        "fund-structural-funds",
        "funding",
        "Combine EU, national and private funds around the roadmap",
        "Map the region's roadmap modules to Horizon Europe, EU4Health, Digital Europe, Interreg and the cohesion funds, and set up a regional co-financing line that lets projects match EU grants and EIB loans.",
        ["FUND"],
        3,
        40,
        [],
        [],
        ["horizon-europe", "eu4health", "erdf", "eib"],
        "SAPHIRe pillar Support/Activate: Framework Programme, Structural Funds, EIB",
    ),
    (
        "fund-cohesion-catch-up",
        "funding",
        "Use cohesion funds to catch up on basic infrastructure",
        "Emerging and moderate innovators can use the ERDF and the EIB for laboratory, sequencing and IT capacity that other regions already have; tie each investment to a roadmap module and a KPI.",
        ["FUND", "DATA", "RES"],
        4,
        30,
        ["moderate", "emerging"],
        [],
        ["erdf", "eib"],
        "RIS 2023 groups; SAPHIRe aim: link less advanced regions to advanced ones",
    ),
    (
        "res-translational-capacity",
        "investment",
        "Strengthen translational research from lab to clinic",
        "Fund joint posts and shared facilities between universities and hospitals so that discoveries are validated clinically in the region.",
        ["RES"],
        3,
        40,
        [],
        [],
        ["horizon-europe", "national-research"],
        "PerMed SRIA challenge 3 (Translating Basic to Clinical Research and Beyond)",
    ),
    (
        "ind-market-access",
        "investment",
        "Help companies bring personalised-medicine innovations to market",
        "Offer vouchers and test beds in hospitals for SMEs developing diagnostics and digital tools, with procurement of innovation as a route to the regional market.",
        ["IND"],
        3,
        40,
        [],
        [],
        ["erdf", "eib", "private"],
        "PerMed SRIA challenge 4 (Bringing Innovation to the Market)",
    ),
    (
        "eng-patient-involvement",
        "policy",
        "Involve patients in decisions on personalised medicine",
        "Give patient organisations a seat in the steering of the regional strategy, data access committees and pilot projects, and fund their participation.",
        ["ENG"],
        3,
        40,
        [],
        [],
        ["eu4health"],
        "SAPHIRe webinar 2021: patient education; Regions4PerMed need area: public/citizens",
    ),
    (
        "access-telemedicine",
        "investment",
        "Bring specialist care to remote areas through telemedicine",
        "Fund teleconsultation, tele-genetic counselling and sample logistics between remote health centres and the reference hospital so that distance no longer decides access.",
        ["ACCESS"],
        3,
        45,
        [],
        REMOTE,
        ["erdf", "interreg", "eu4health"],
        "SAPHIRe webinar 20 Apr 2021: distant hospitals; telemedicine",
    ),
    (
        "access-isolated-population-genomics",
        "investment",
        "Study the genetic heritage of the region's population",
        "Isolated and founder populations carry conditions that are more or less frequent than elsewhere; a population genome project with consent and return of results can target screening and care.",
        ["ACCESS", "RES"],
        3,
        None,
        [],
        ["island", "nspa", "outermost"],
        ["horizon-europe", "interreg"],
        "SAPHIRe webinar 2021: genome projects for isolated regions; isolated populations with specific genetic backgrounds",
    ),
    (
        "coop-s3-partnership",
        "cooperation",
        "Join the interregional personalised-medicine partnership",
        "Take part in the Vanguard Initiative Smart Health / personalised medicine pilot (the continuation of the S3P4PM partnership) to share demo cases and scout funding with other regions.",
        ["COOP"],
        2,
        50,
        [],
        [],
        ["interreg", "horizon-europe"],
        "S3P4PM; Vanguard Initiative Smart Health pilot (2021)",
    ),
    (
        "coop-twin-advanced-region",
        "cooperation",
        "Twin with a more advanced region on the largest gaps",
        "Set up a twinning with a partner region whose strengths cover this region's gaps (exchange of staff, shared pilots) as SAPHIRe proposed for remote and less advanced regions.",
        ["COOP", "DATA", "EDU", "RES"],
        4,
        35,
        ["moderate", "emerging"],
        [],
        ["interreg", "horizon-europe"],
        "SAPHIRe aims: link remote or sparsely populated regions to more advanced ones; run pilots between regions",
    ),
]

DEMO_REPORTS = ["FI1D", "BE21", "EL43"]
PUBLISHED = ["FI1D"]


def _funding_instruments(codes: set[str]) -> dict:
    """The library's funding instruments by code, loading the roadmap's starter list if one is missing."""
    found = {i.code: i for i in FundingInstrument.objects.filter(code__in=codes)}
    if len(found) < len(codes):
        roadmap_demo.load_library()
        found = {i.code: i for i in FundingInstrument.objects.filter(code__in=codes)}
    return found


@transaction.atomic
def load_library() -> int:
    taxonomy.seed_themes()
    themes = {t.code: t for t in Theme.objects.filter(code__in=taxonomy.theme_codes())}
    instruments = _funding_instruments({code for row in LIBRARY for code in row[9]})
    for code, kind, title, text, theme_codes, severity, score, groups, typologies, funding, source in LIBRARY:
        fields = {
            "kind": kind,
            "title_en": title,
            "text_en": text,
            "min_severity": severity,
            "max_score": score,
            "ris_groups": groups,
            "typologies": typologies,
            "source": source,
        }
        recommendation = Recommendation.objects.filter(code=code).first()
        if recommendation is None:
            recommendation = Recommendation.objects.create(code=code, **fields)
            recommendation.themes.set([themes[c] for c in theme_codes])
            recommendation.funding_instruments.set([instruments[c] for c in funding])
    return len(LIBRARY)


def load(*, stdout) -> None:
    count = load_library()
    stdout.write(f"reports: {count} recommendations in the library")
    for code in DEMO_REPORTS:
        region = Region.objects.filter(code=code).order_by("-nuts_version").first()
        if region is None:
            continue
        report, _ = services.report_request(region=region, requested_by=None)
        if report.status != Report.Status.DONE:
            report = services.report_build(report_id=report.pk, worker="load_demo")
        if code in PUBLISHED and report.status == Report.Status.DONE and not report.is_published:
            services.report_publish(report=report, published_by=None)
        stdout.write(f"reports: {code} report {report.status}")
