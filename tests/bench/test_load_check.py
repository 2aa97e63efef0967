"""The `make load` harness: its simulated official and the lost-answer check, against real and fake servers."""

import argparse
import json
import os
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.urls import reverse

from bench.load.__main__ import QUESTION_PLACEHOLDER, WEIGHTS, locust_command
from bench.load.check import read_log, verify
from mapping import services
from mapping.models import Answer, Question, Response
from tests.factories import (
    PASSWORD,
    CampaignFactory,
    QuestionFactory,
    QuestionnaireVersionFactory,
    RegionMembershipFactory,
    SectionFactory,
)
from tests.helpers import ROOT

# The simulated official signs in and saves through a live server, in another process.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def survey(region):
    """A draft response of `region` to a one-question survey: (response, question)."""
    version = QuestionnaireVersionFactory()
    question = QuestionFactory(
        section=SectionFactory(version=version, order=1), code="DATA-1", order=1, kind=Question.Kind.LIKERT
    )
    campaign = CampaignFactory(version=version, regions=[region])
    return Response.objects.create(campaign=campaign, region=region), question


def write_plan(tmp_path, official, response, question) -> dict:
    """The part of the runner's plan that the officials and the check read."""
    plan = {
        "password": PASSWORD,
        "weights": WEIGHTS,
        "pages": [],
        "api_lists": [],
        "officials": [
            {
                "username": official.username,
                "response": response.pk,
                "questions": [question.pk],
                "fill_url": reverse("mapping:response-fill", kwargs={"pk": response.pk}),
                "answer_url": reverse(
                    "mapping:response-answer", kwargs={"pk": response.pk, "question_pk": QUESTION_PLACEHOLDER}
                ),
            }
        ],
        "stakeholders": [],
        "coordinators": [],
        "events": [],
        "stakeholder_kind": "",
        "report_url": "",
        "report_regions": [],
        "logs": {kind: str(tmp_path / f"{kind}.jsonl") for kind in ("answers", "registrations", "reports")},
    }
    for path in plan["logs"].values():
        open(path, "w").close()
    (tmp_path / "plan.json").write_text(json.dumps(plan))
    return plan


def run_official(url: str, tmp_path, *values: int) -> None:
    """The load test's official saves `values` in turn as the plan's question, through `url`."""
    env = {
        **os.environ,
        "SAPHIRE_LOAD_PLAN": str(tmp_path / "plan.json"),
        "SAPHIRE_LOAD_QUESTION": str(QUESTION_PLACEHOLDER),
    }
    done = subprocess.run(
        [sys.executable, "-m", "tests.bench.official_client", url, *map(str, values)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr


def answer_check(plan) -> tuple[str, bool]:
    checks = {what: (figure, ok) for what, figure, ok in verify(plan)}
    return checks["answers saved / distinct answers / in the database"]


def test_official_follows_the_servers_revision_and_the_check_passes(live_server, tmp_path, survey, official, region):
    response, question = survey
    colleague = RegionMembershipFactory(region=region, user__username="kaisa").user
    services.answer_save(response=response, question=question, value="2", base_revision=0, by=colleague)
    plan = write_plan(tmp_path, official, response, question)

    # 5 is refused (kaisa's 2 came first) and teaches the client the revision; saving 3 twice makes one
    # revision, not two, so the last save is refused unless the client reads the revision from the server.
    run_official(live_server.url, tmp_path, 5, 3, 3, 1)

    assert [entry["value"] for entry in read_log(plan["logs"]["answers"])] == ["3", "3", "1"]
    assert Answer.objects.get(response=response, question=question).value == 1
    assert answer_check(plan) == ("3 / 1 / 1 (missing or different: 0)", True)


def test_check_fails_when_an_answer_row_is_lost(live_server, tmp_path, survey, official):
    response, question = survey
    plan = write_plan(tmp_path, official, response, question)
    run_official(live_server.url, tmp_path, 4)
    assert answer_check(plan) == ("1 / 1 / 1 (missing or different: 0)", True)

    Answer.objects.filter(response=response).delete()

    assert answer_check(plan) == ("1 / 1 / 0 (missing or different: 1)", False)


class DroppingServer(BaseHTTPRequestHandler):
    """Lets anyone sign in and answers every save as stored (200, revision 1) without storing it."""

    def do_GET(self):
        self.reply(200)

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.path.startswith("/accounts/login/"):
            self.reply(302, {"Location": "/accounts/dashboard/"})
        else:
            self.reply(200, {"X-Answer-Revision": "1"})

    def reply(self, status: int, headers: dict | None = None):
        self.send_response(status)
        for name, value in {"Content-Length": "0", **(headers or {})}.items():
            self.send_header(name, value)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_check_fails_when_the_server_drops_a_save(tmp_path, survey, official):
    response, question = survey
    plan = write_plan(tmp_path, official, response, question)
    server = ThreadingHTTPServer(("127.0.0.1", 0), DroppingServer)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        run_official(f"http://127.0.0.1:{server.server_port}", tmp_path, 4)
    finally:
        server.shutdown()
        server.server_close()

    assert [entry["value"] for entry in read_log(plan["logs"]["answers"])] == ["4"]
    assert answer_check(plan) == ("1 / 1 / 0 (missing or different: 1)", False)


def test_report_warns_when_the_machine_was_busy():
    from bench.load.__main__ import busy_note

    assert "Not a quiet machine: load average 3.2 on 2 cores" in busy_note(3.2, 2)
    assert busy_note(0.3, 2) == ""
    assert busy_note(None, 2) == ""


def test_the_run_lets_a_save_in_flight_finish_before_it_ends(tmp_path):
    """Regression: Locust stopped people mid-request at the end of the run, so a save the server had
    stored never got its reply logged and the check reported it lost."""
    command = locust_command("http://127.0.0.1:1", users=50, seconds=60, workdir=tmp_path)

    timeout = int(command[command.index("--stop-timeout") + 1])
    assert timeout >= 10


def test_report_marks_each_request_kind_against_its_p95_target(tmp_path):
    from bench.load.__main__ import render

    stats = tmp_path / "stats.csv"
    stats.write_text(
        "Name,Request Count,Failure Count,Median Response Time,95%,Requests/s\n"
        "public page,100,0,30,520,10.0\n"
        "sign in,30,0,300,1400,0.5\n"
        "Aggregated,130,0,40,500,10.5\n"
    )
    args = argparse.Namespace(users=50, seconds=60)

    text, ok = render(stats, [], args, "a test machine")

    assert "| public page | 100 | 0 | 30 | 520 | 10.0 | 500 ms | NO |" in text
    assert "| sign in | 30 | 0 | 300 | 1400 | 0.5 | 1500 ms | yes |" in text
    assert ok  # latency is reported against its target; only errors and lost data fail the run


def test_the_run_waits_for_the_machine_to_become_quiet(monkeypatch):
    from bench.load import __main__ as load

    readings = iter([3.1, 1.6, 0.4])
    monkeypatch.setattr(load.os, "getloadavg", lambda: (next(readings), 0.0, 0.0))
    monkeypatch.setattr(load.os, "cpu_count", lambda: 2)

    load.wait_until_quiet(limit_seconds=60, poll_seconds=0)

    assert next(readings, None) is None  # it read until the load average fell below half the cores


def test_the_wait_for_a_quiet_machine_has_a_limit(monkeypatch):
    from bench.load import __main__ as load

    monkeypatch.setattr(load.os, "getloadavg", lambda: (5.0, 5.0, 5.0))

    assert load.wait_until_quiet(limit_seconds=0.05, poll_seconds=0.01) < 1
