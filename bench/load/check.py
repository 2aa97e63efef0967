"""The check after `make load`: did the database keep everything the simulated people were told was saved?

The locustfile logs each answer the server said it stored, each registration and each report request;
`verify` reads those logs back against the database.
"""

import json
from collections import Counter
from pathlib import Path


def read_log(path: str) -> list[dict]:
    return [json.loads(line) for line in Path(path).read_text().splitlines() if line.strip()]


def verify(plan: dict) -> list[tuple[str, str, bool]]:
    """(what, figure, ok) for everything the simulated people changed."""
    checks = []
    answers = read_log(plan["logs"]["answers"])
    if plan["officials"]:
        from mapping.models import Answer

        # One writer per answer: the last value it saved must be stored. Several officials of one region
        # racing on the same question: the stored value must be one of those they saved (the order in
        # which their answers reached the load tester is not the order of the commits).
        saved: dict[tuple, list[str]] = {}
        writers: dict[tuple, set[str]] = {}
        for a in answers:
            key = (a["response"], a["question"])
            saved.setdefault(key, []).append(a["value"])
            writers.setdefault(key, set()).add(a["user"])
        last = {key: values[-1] for key, values in saved.items()}
        stored = {
            (a.response_id, a.question_id): str(a.value)
            for a in Answer.objects.filter(response_id__in={r for r, _ in last})
        }
        lost = [
            key
            for key in last
            if stored.get(key) != last[key] and (len(writers[key]) == 1 or stored.get(key) not in saved[key])
        ]
        total = Answer.objects.filter(response_id__in={o["response"] for o in plan["officials"]}).count()
        checks.append(
            (
                "answers saved / distinct answers / in the database",
                f"{len(answers)} / {len(last)} / {total} (missing or different: {len(lost)})",
                not lost and total >= len(last),
            )
        )
    registrations = read_log(plan["logs"]["registrations"])
    if plan["stakeholders"]:
        from workshops.models import Registration

        wanted = {(r["event"], r["username"]) for r in registrations}
        found = set(
            Registration.objects.filter(user__username__startswith="load-stakeholder-").values_list(
                "event_id", "user__username"
            )
        )
        checks.append(
            (
                "registrations made / in the database",
                f"{len(wanted)} / {len(found & wanted)}",
                wanted <= found,
            )
        )
    reports = read_log(plan["logs"]["reports"])
    if plan["report_url"]:
        from reports.models import Report

        asked = Counter(r["region"] for r in reports)
        have = set(Report.objects.filter(region__code__in=asked).values_list("region__code", flat=True))
        checks.append(
            (
                "reports asked for (regions) / with a report",
                f"{len(asked)} / {len(have)}",
                set(asked) <= have,
            )
        )
    return checks
