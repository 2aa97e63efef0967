"""`make test`: start the servers the suite needs, run pytest, stop what it started.

With no DATABASE_URL the tests run on a private PostgreSQL: the machine's own
(with the contrib extensions) where installed, else the embedded pgserver.
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

if not os.environ.get("DATABASE_URL") and list(Path("/usr/lib/postgresql").glob("*/bin/initdb")):
    os.environ.setdefault("SAPHIRE_EMBEDDED_PG", "system")

from saphire import embedded  # noqa: E402


def main(argv: list[str]) -> int:
    started_db = started_redis = False
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"], started_db = embedded.start_postgres()
    if not os.environ.get("REDIS_URL"):
        os.environ["REDIS_URL"], started_redis = embedded.start_redis()
    try:
        return subprocess.run([sys.executable, "-m", "pytest", *argv], cwd=ROOT).returncode
    finally:
        if started_db:
            embedded.stop_postgres()
        if started_redis:
            embedded.stop_redis()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
