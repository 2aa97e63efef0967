"""Runs the load test's simulated official (bench/load/locustfile.py) against a server, with the answers
given on the command line instead of random ones, and exits 1 if Locust counted any request as failed:

    SAPHIRE_LOAD_PLAN=plan.json SAPHIRE_LOAD_QUESTION=987654321 python -m tests.bench.official_client URL 3 3 1

Each value is one save of the plan's first question by one simulated official. A subprocess, because
importing Locust patches the standard library for gevent.
"""

import sys


class ScriptedChoices:
    """Stands in for `random` in the locustfile: always the first question, the given values in turn."""

    def __init__(self, values: list[int]):
        self.values = iter(values)

    def choice(self, items):
        return items[0]

    def randint(self, low: int, high: int) -> int:
        return next(self.values)


def main(url: str, values: list[int]) -> int:
    from locust.env import Environment

    from bench.load import locustfile

    failures = []

    def on_request(name, exception=None, **kwargs):
        if exception:
            failures.append(f"{name}: {exception}")

    locustfile.random = ScriptedChoices(values)
    locustfile.Official.host = url
    environment = Environment(user_classes=[locustfile.Official], host=url)
    environment.events.request.add_listener(on_request)
    official = locustfile.Official(environment)
    official.on_start()
    for _ in values:
        official.save_answer()
    for failure in failures:
        print(failure, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], [int(value) for value in sys.argv[2:]]))
