import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from reports import demo
from reports.models import Recommendation, Report

pytestmark = pytest.mark.django_db


def test_build_reports_inline_draws_progress_and_builds_each_region(region_with_findings, other_region, media_root):
    out = io.StringIO()

    call_command("build_reports", "--region", "FI1D", "--region", "be21", "--inline", stdout=out)

    output = out.getvalue()
    assert "[########################################] 2/2" in output
    assert "2 done, 0 failed" in output
    for report in Report.objects.all():
        assert (report.status, (Path(media_root) / report.pdf_path).exists()) == ("done", True)


def test_build_reports_refuses_unknown_regions(region):
    with pytest.raises(CommandError, match="Unknown NUTS codes: XX11"):
        call_command("build_reports", "--region", "FI1D", "--region", "XX11", "--no-wait", stdout=io.StringIO())


def test_demo_library_loads_twice_to_the_same_data(region, media_root):
    demo.load(stdout=io.StringIO())
    first = list(Recommendation.objects.values_list("code", "version"))
    reports = Report.objects.count()

    demo.load(stdout=io.StringIO())

    assert list(Recommendation.objects.values_list("code", "version")) == first
    assert len(first) == len(demo.library())
    assert Report.objects.count() == reports == 1
    assert Report.objects.get().is_published
