"""API fuzzing: schemathesis generates requests for every operation of /api/v1/schema/ and sends them to a
live server, as each role and anonymously. No answer may be a 5xx, every answer's status code must be one
the operation lists, and every answer must match the schema.

Slow (minutes), so it runs in `make check-all` (`make fuzz`), not in `make test`:
    SAPHIRE_FUZZ=1 python -m pytest tests/security/test_api_fuzz.py
SAPHIRE_FUZZ_EXAMPLES sets the generated cases per operation (default 25).
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from accounts.services import api_token_create
from tests.faults.servers import PortalServer, base_env
from tests.helpers import database_url_for_tests
from tests.security import samples as sample_data

pytestmark = [pytest.mark.fuzz, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parent.parent.parent
EXAMPLES = os.environ.get("SAPHIRE_FUZZ_EXAMPLES", "25")
# status_code_conformance: an answer whose code the operation does not list fails (without it, the other
# checks skip undocumented codes).
CHECKS = "not_a_server_error,status_code_conformance,response_schema_conformance,content_type_conformance"
REPORTS = ROOT / "test-artifacts" / "fuzz"


# Every role the API tells apart: administrators pass the same checks as coordinators (`is_coordinator`), so
# fuzzing them too would double the run for no new answer.
ROLES = ["anonymous", "stakeholder", "official_a", "coordinator"]


@pytest.mark.parametrize("role", ROLES)
def test_api_answers_generated_requests_without_server_error_and_to_schema(role, tmp_path):
    samples = sample_data.build()
    # gunicorn, as in production: Django's development server drops connections whose body it did not read.
    server = PortalServer(base_env(DATABASE_URL=database_url_for_tests(), REDIS_URL=settings.REDIS_URL))
    user = samples.users[role]
    headers = []
    if user is not None:
        headers = ["-H", f"Authorization: Token {api_token_create(user=user)[1]}"]
    REPORTS.mkdir(parents=True, exist_ok=True)

    server.start()
    try:
        result = _schemathesis(server.url, headers, role, cwd=tmp_path)
    finally:
        server.stop()

    # The summary (operations, generated cases, failures, time) stays beside the JUnit report.
    (REPORTS / f"{role}.log").write_text(result.stdout + result.stderr)
    assert result.returncode == 0, result.stdout[-20000:] + result.stderr[-5000:]


def _schemathesis(url: str, headers: list[str], role: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "schemathesis.cli",
            "run",
            f"{url}/api/v1/schema/?format=json",
            "--checks",
            CHECKS,
            "--max-examples",
            EXAMPLES,
            "--seed",
            "20261128",
            "--phases",
            "examples,coverage,fuzzing",
            # Revoking would sign the fuzzer out for the rest of its run.
            "--exclude-name-regex",
            "^DELETE .*/auth/tokens?/",
            "--request-timeout",
            "30",
            "--report",
            "junit",
            "--report-junit-path",
            str(REPORTS / f"{role}.xml"),
            *headers,
        ],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=1800,
    )
