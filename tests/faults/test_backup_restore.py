"""`make backup` then `make restore` gives back the same data, and a bad backup file changes nothing."""

import subprocess
import sys
from pathlib import Path

import psycopg2
import pytest
from django.db import connection

from tests.factories import FindingFactory, RegionMembershipFactory, UserFactory
from tests.helpers import database_url_for_tests

ROOT = Path(__file__).resolve().parent.parent.parent
SCRIPT = ROOT / "scripts" / "backup.py"

pytestmark = pytest.mark.django_db(transaction=True)


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), *args], cwd=ROOT, capture_output=True, text=True, timeout=180)


def fingerprint(url: str) -> dict[str, str]:
    """Every table's rows and every sequence's position, hashed."""
    conn = psycopg2.connect(url)
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
            tables = [row[0] for row in cur.fetchall()]
            found = {}
            for table in tables:
                rows = "md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), ''))"
                cur.execute(f'SELECT count(*), {rows} FROM "{table}" t')
                count, digest = cur.fetchone()
                found[table] = f"{count} rows {digest}"
            cur.execute("SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public'")
            found.update({f"sequence {name}": str(value) for name, value in cur.fetchall()})
            return found
    finally:
        conn.close()


@pytest.fixture
def scratch_database():
    """An empty database beside the test database, dropped afterwards."""
    name = f"{connection.settings_dict['NAME']}_restore"
    admin = psycopg2.connect(database_url_for_tests().replace(f"/{connection.settings_dict['NAME']}?", "/postgres?"))
    admin.autocommit = True
    with admin.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cur.execute(f'CREATE DATABASE "{name}"')
    yield database_url_for_tests().replace(f"/{connection.settings_dict['NAME']}?", f"/{name}?")
    with admin.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


def test_restore_gives_back_the_data_as_it_was_at_backup(tmp_path, scratch_database):
    source = database_url_for_tests()
    membership = RegionMembershipFactory(user__username="olli", user__password=None)
    FindingFactory.create_batch(3, region=membership.region)
    before = fingerprint(source)
    dump = tmp_path / "saphire.dump"

    made = run("backup", "--database-url", source, "--output", str(dump))
    assert made.returncode == 0, made.stderr
    # Changes after the backup are not in it.
    UserFactory(username="late-comer", password=None)
    membership.region.findings.all().delete()
    restored = run("restore", str(dump), "--database-url", scratch_database, "--yes")

    assert restored.returncode == 0, restored.stderr
    assert fingerprint(scratch_database) == before
    assert before["accounts_user"].startswith("1 rows")


def test_restore_over_existing_data_replaces_it(tmp_path, scratch_database):
    source = database_url_for_tests()
    FindingFactory.create_batch(2)
    dump = tmp_path / "saphire.dump"
    assert run("backup", "--database-url", source, "--output", str(dump)).returncode == 0
    assert run("restore", str(dump), "--database-url", scratch_database, "--yes").returncode == 0
    conn = psycopg2.connect(scratch_database)
    with conn, conn.cursor() as cur:
        cur.execute("DELETE FROM mapping_finding")
    conn.close()

    again = run("restore", str(dump), "--database-url", scratch_database, "--yes")

    assert again.returncode == 0, again.stderr
    assert fingerprint(scratch_database) == fingerprint(source)


def test_restore_of_a_damaged_file_says_so_and_changes_nothing(tmp_path, scratch_database):
    source = database_url_for_tests()
    FindingFactory.create_batch(2)
    dump = tmp_path / "saphire.dump"
    assert run("backup", "--database-url", source, "--output", str(dump)).returncode == 0
    assert run("restore", str(dump), "--database-url", scratch_database, "--yes").returncode == 0
    before = fingerprint(scratch_database)
    damaged = tmp_path / "damaged.dump"
    damaged.write_bytes(dump.read_bytes()[: dump.stat().st_size // 2])

    result = run("restore", str(damaged), "--database-url", scratch_database, "--yes")

    assert result.returncode == 1
    assert "nothing was changed" in result.stderr or "not a pg_dump" in result.stderr
    assert fingerprint(scratch_database) == before


def test_restore_needs_confirmation(tmp_path):
    result = run("restore", str(tmp_path / "any.dump"), "--database-url", database_url_for_tests())

    assert result.returncode == 2
    assert "--yes" in result.stderr


def test_backup_of_an_unreachable_database_fails_clearly(tmp_path):
    result = run(
        "backup", "--database-url", f"postgresql://postgres@/nowhere?host={tmp_path}", "--output", str(tmp_path / "x")
    )

    assert result.returncode == 1
    assert "Cannot reach the database" in result.stderr
    assert not (tmp_path / "x").exists()
