"""The report as a reader gets it: the PDF read back as text and metadata."""

import re
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext
from pypdf import PdfReader

from mapping.models import Finding, Response
from regions.models import Indicator, IndicatorValue
from reports import services
from reports.models import Report
from tests.factories import (
    AnswerFactory,
    CampaignFactory,
    FindingFactory,
    PopulationGroupFactory,
    QuestionFactory,
    RecommendationFactory,
    RegionFactory,
    ResponseFactory,
    seed_theme,
)

pytestmark = pytest.mark.django_db


def _answer(region, campaign, question, value):
    response = ResponseFactory(region=region, campaign=campaign, status=Response.Status.ACCEPTED)
    return AnswerFactory(response=response, question=question, value=value)


@pytest.fixture
def fi1d(region_with_findings, media_root):
    """FI1D with its population from Eurostat, scores beside a Finnish peer, and two recommendations on two themes."""
    region = region_with_findings
    population = Indicator.objects.create(
        code="population",
        label="Population on 1 January",
        unit="persons",
        dataset="demo_r_pjangrp3",
        licence="Eurostat, demo_r_pjangrp3, CC BY 4.0",
        levels=[2],
        order=1,
    )
    IndicatorValue.objects.create(
        indicator=population,
        region_code="FI1D",
        nuts_version=2021,
        level=2,
        country_code="FI",
        year=2023,
        value=1281504,
    )
    access = seed_theme("ACCESS")
    FindingFactory(
        region=region,
        theme=access,
        kind=Finding.Kind.BARRIER,
        severity=4,
        title="Long travel to the only clinical genetics centre",
        evidence="Oulu University Hospital serves the whole region",
    )
    RecommendationFactory(
        code="access-outreach",
        kind="policy",
        title="Run genetics outreach clinics",
        themes=[access],
    )
    group = PopulationGroupFactory(name="Finnish disease heritage", conditions_more_frequent="AGU\nCHH\nNKH")
    group.regions.add(region)
    data = seed_theme("DATA")
    question = QuestionFactory(theme=data)
    campaign = CampaignFactory(version=question.version)
    _answer(region, campaign, question, 1)
    peer = RegionFactory(code="FI1C", country_code="FI", level=2, name="Etelä-Suomi")
    _answer(peer, campaign, question, 5)
    return region, campaign


def _build(region, campaign, language="en") -> tuple[Report, Path]:
    report, _ = services.report_request(region=region, campaign=campaign, language=language, requested_by=None)
    report = services.report_build(report_id=report.pk, worker="test")
    assert report.status == Report.Status.DONE, report.error
    return report, Path(settings.MEDIA_ROOT) / report.pdf_path


def _pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")


def _flatten(outline: list) -> list:
    return [leaf for item in outline for leaf in (_flatten(item) if isinstance(item, list) else [item])]


def test_pdf_reads_as_a_document_an_official_can_forward(fi1d):
    region, campaign = fi1d
    report, pdf = _build(region, campaign)
    pages = _pages(pdf)
    text = "\n".join(pages)
    flat = " ".join(text.split())
    count = len([p for p in pages if p.strip()])

    assert "RECOMMENDATION REPORT" in pages[0].upper()
    assert "Pohjois- ja Itä-Suomi" in pages[0] and "FI1D" in pages[0] and "Edition 1" in pages[0]
    assert "Page" not in pages[0]
    assert "Executive summary" in pages[1]
    assert f"Page 2 of {count}" in pages[1]
    assert "Pohjois- ja Itä-Suomi (FI1D)" in pages[1]
    assert re.search(r"Recommendations\s*\.*\s*\d+", pages[2]), pages[2]
    # The region's real population, with the year and source it was published with.
    assert re.search(r"Population on 1 January\s+1,281,504 persons\s+2023\s+Eurostat demo_r_pjangrp3", text)
    assert "CC BY 4.0" in text
    # Each recommendation names the finding that set it off, and only that one.
    outreach = flat[flat.rindex("Run genetics outreach clinics") :].split("Funding and investment")[0]
    assert (
        "Barrier: Long travel to the only clinical genetics centre (Remote and rural access, severity 4/5)" in outreach
    )
    assert "No shared genomic data platform" not in outreach
    federated = flat[flat.rindex("Invest in a federated health data platform") :]
    assert "Gap: No shared genomic data platform (Data infrastructure and interoperability, severity 5/5)" in federated
    # Peer values in the table, separators in lists, an unbroken link, no fingerprint in the body.
    assert re.search(r"Data infrastructure and interoperability\s+0\s+100", text)
    assert "AGU, CHH, NKH" in flat
    assert "https://digital-strategy.ec.europa.eu/" in text
    assert report.fingerprint[:12] not in text and "fingerprint" not in text.lower()
    assert report.pdf_bytes < 500 * 1024

    reader = PdfReader(pdf)
    assert reader.metadata.title == "Recommendation report: Pohjois- ja Itä-Suomi (FI1D)"
    assert reader.metadata.author == "SAPHIRe Regions"
    assert reader.metadata["/saphirefingerprint"] == report.fingerprint
    assert reader.trailer["/Root"]["/Lang"] == "en"
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    bookmarks = [item.title for item in _flatten(reader.outline)]
    assert bookmarks[0] == "Pohjois- ja Itä-Suomi"
    assert {"Executive summary", "Recommendations", "Methodology and caveats"} <= set(bookmarks)


def test_french_report_is_a_second_report_with_french_headings(fi1d):
    region, campaign = fi1d
    english, _ = _build(region, campaign)
    french, pdf = _build(region, campaign, language="fr")

    assert french.pk != english.pk
    assert (french.language, french.fingerprint) == ("fr", english.fingerprint)
    pages = _pages(pdf)
    assert "Synthèse" in pages[1]
    assert re.search(r"Page 2 sur \d+", pages[1])
    assert "Recommandations" in "\n".join(pages)
    assert PdfReader(pdf).trailer["/Root"]["/Lang"] == "fr"
    again, queued = services.report_request(region=region, campaign=campaign, language="fr", requested_by=None)
    assert (again.pk, queued) == (french.pk, False)


def test_second_report_lists_the_changes_since_the_first(fi1d):
    region, campaign = fi1d
    first, _ = _build(region, campaign)
    FindingFactory(region=region, theme=seed_theme("DATA"), kind=Finding.Kind.GAP, severity=3, title="No data steward")

    second, pdf = _build(region, campaign)

    text = "\n".join(_pages(pdf))
    assert "Changes since the last report" in text
    assert f"Compared with report no. {first.pk}" in text
    assert "No data steward" in text[text.index("New gaps and barriers") :]


def test_campaign_without_accepted_answers_for_the_region_gives_no_report(fi1d):
    region, _ = fi1d
    empty = CampaignFactory()
    empty.regions.add(region)

    with pytest.raises(services.EmptyInputs) as refused:
        services.report_request(region=region, campaign=empty, requested_by=None)

    assert "has no accepted answers for Pohjois- ja Itä-Suomi" in refused.value.messages[0]
    assert not Report.objects.filter(region=region, campaign=empty).exists()


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_report_builds_in_every_language_of_the_portal(fi1d, language):
    region, campaign = fi1d
    # Another language first: the stylesheet each worker process keeps must not carry its footer over.
    _build(region, campaign, language="fr" if language == "en" else "en")
    report, pdf = _build(region, campaign, language=language)

    pages = _pages(pdf)
    count = len([p for p in pages if p.strip()])
    with translation.override(language):
        summary = gettext("Executive summary")
        footer = gettext("Page %(page)s of %(pages)s") % {"page": 2, "pages": count}
    assert summary in pages[1]
    assert footer in pages[1]
    assert report.language == language
    assert PdfReader(pdf).trailer["/Root"]["/Lang"] == language
