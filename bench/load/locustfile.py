"""The load test's simulated people (`make load` runs it; see bench/load/__main__.py).

Visitors browse the public pages and API; officials sign in and fill in their region's survey;
stakeholders sign in and register for events; coordinators sign in, review and ask for reports.
What each needs (accounts, ids, pages) comes from the plan the runner writes to SAPHIRE_LOAD_PLAN;
every answer the server says it stored (a 200, not a refused 409) is appended to the plan's answer
log, so the runner can check that the database kept each one.
"""

import itertools
import json
import os
import random
import re
import threading
from pathlib import Path

from locust import HttpUser, between, task

PLAN = json.loads(Path(os.environ["SAPHIRE_LOAD_PLAN"]).read_text())
_accounts = {kind: itertools.cycle(PLAN[kind]) for kind in ("officials", "stakeholders", "coordinators") if PLAN[kind]}
_lock = threading.Lock()
REPORT_PAGE = re.compile(r"/reports/\d+/$")
REVISION_HEADER = "X-Answer-Revision"


def next_account(kind: str) -> dict:
    with _lock:
        return next(_accounts[kind])


def record(kind: str, entry: dict) -> None:
    with _lock, open(PLAN["logs"][kind], "a") as log:
        log.write(json.dumps(entry) + "\n")


class SignedInUser(HttpUser):
    abstract = True
    kind = ""

    def on_start(self):
        self.account = next_account(self.kind)
        self.client.get("/accounts/login/", name="sign-in page")
        with self.client.post(
            "/accounts/login/",
            {"username": self.account["username"], "password": PLAN["password"], **self.csrf()},
            headers={"Referer": self.host + "/accounts/login/"},
            name="sign in",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"sign-in of {self.account['username']} answered {response.status_code}")

    def csrf(self) -> dict:
        return {"csrfmiddlewaretoken": self.client.cookies.get("csrftoken", "")}

    def post_form(self, path: str, data: dict, name: str, ok=(200, 302)):
        headers = {"Referer": self.host + path, "X-CSRFToken": self.client.cookies.get("csrftoken", "")}
        with self.client.post(
            path,
            {**data, **self.csrf()},
            headers=headers,
            name=name,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code not in ok:
                response.failure(f"{path} answered {response.status_code}")
            else:
                response.success()
            return response


class Visitor(HttpUser):
    weight = PLAN["weights"]["visitor"]
    wait_time = between(0.5, 2)

    @task(5)
    def page(self):
        self.client.get(random.choice(PLAN["pages"]), name="public page")

    @task(2)
    def api(self):
        self.client.get(random.choice(PLAN["api_lists"]), name="public API list")


class Official(SignedInUser):
    weight = PLAN["weights"]["official"]
    wait_time = between(0.5, 2)
    kind = "officials"

    def on_start(self):
        super().on_start()
        self.revisions: dict[int, int] = {}

    @task(1)
    def open_survey(self):
        self.client.get(self.account["fill_url"], name="survey page")

    @task(4)
    def save_answer(self):
        question = random.choice(self.account["questions"])
        value = str(random.randint(1, 5))
        # Officials of one region share its response, and saving an unchanged value makes no new
        # revision: base each save on the revision the server last reported, never on a count of our own.
        base = self.revisions.get(question, 0)
        path = self.account["answer_url"].replace(os.environ["SAPHIRE_LOAD_QUESTION"], str(question))
        # The survey page saves each answer with htmx: 200 stored, 409 refused (someone else's save came
        # first); either way the reply carries the answer's current revision.
        with self.client.post(
            path,
            {"value": value, "revision": str(base), **self.csrf()},
            headers={
                "Referer": self.host + self.account["fill_url"],
                "X-CSRFToken": self.client.cookies.get("csrftoken", ""),
                "HX-Request": "true",
            },
            name="save answer",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code not in (200, 409):
                response.failure(f"{path} answered {response.status_code}")
                return
            revision = response.headers.get(REVISION_HEADER, "")
            if not revision.isdigit():
                response.failure(f"{path} answered {response.status_code} without the {REVISION_HEADER} header")
                return
            self.revisions[question] = int(revision)
            response.success()  # a refused 409 is the server doing its job, not an error of the run
        if response.status_code == 200:
            record(
                "answers",
                {"response": self.account["response"], "question": question, "value": value, "user": id(self)},
            )


class Stakeholder(SignedInUser):
    weight = PLAN["weights"]["stakeholder"]
    wait_time = between(0.5, 2)
    kind = "stakeholders"

    @task(2)
    def browse_events(self):
        self.client.get("/events/", name="event calendar")

    @task(1)
    def register(self):
        event = random.choice(PLAN["events"])
        path = f"/events/{event}/register/"
        response = self.post_form(path, {"stakeholder_kind": PLAN["stakeholder_kind"]}, name="register for event")
        if response.status_code == 302:
            record("registrations", {"event": event, "username": self.account["username"]})


class Coordinator(SignedInUser):
    weight = PLAN["weights"]["coordinator"]
    wait_time = between(1, 3)
    kind = "coordinators"

    @task(2)
    def dashboard(self):
        self.client.get("/accounts/dashboard/", name="dashboard")

    @task(1)
    def ask_for_report(self):
        if not PLAN["report_url"]:
            return
        region = random.choice(PLAN["report_regions"])
        response = self.post_form(PLAN["report_url"], {"region": region}, name="ask for report", ok=(302,))
        # Success shows the report; a refused request goes back to the list with the reason.
        if response.status_code == 302 and REPORT_PAGE.search(response.headers.get("Location", "")):
            record("reports", {"region": region})
