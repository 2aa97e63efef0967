"""`make test`: start the servers the suite needs, run pytest, stop what it started.

With no DATABASE_URL / REDIS_URL / CACHE_REDIS_URL the tests run on this checkout's
embedded servers in `.data/` (the same PostgreSQL, with its contrib extensions, as `make run`).
First it checks the app graph (import-linter's contracts in pyproject.toml): an upward import fails the run.
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from saphire import embedded  # noqa: E402


def app_graph_kept() -> bool:
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint_imports), "--no-cache", "--no-logo"], cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        print(result.stdout + result.stderr, file=sys.stderr)
    return result.returncode == 0


def main(argv: list[str]) -> int:
    if not app_graph_kept():
        print("The app graph is broken (see the contract above): fix the import before the tests run.", file=sys.stderr)
        return 1
    started_db = False
    started_redis: list[str] = []
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"], started_db = embedded.start_postgres()
    for variable, purpose in (("REDIS_URL", embedded.BROKER), ("CACHE_REDIS_URL", embedded.CACHE)):
        if not os.environ.get(variable):
            os.environ[variable], started = embedded.start_redis(purpose)
            if started:
                started_redis.append(purpose)
    try:
        return subprocess.run([sys.executable, "-m", "pytest", *argv], cwd=ROOT).returncode
    finally:
        if started_db:
            embedded.stop_postgres()
        for purpose in started_redis:
            embedded.stop_redis(purpose)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
