from django.db import migrations


def create_pg_trgm(apps, schema_editor):
    # The embedded PostgreSQL has no contrib extensions; search falls back to prefix matching there.
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")
        if cursor.fetchone():
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")


class Migration(migrations.Migration):
    dependencies = [("roadmap", "0001_initial")]

    operations = [migrations.RunPython(create_pg_trgm, migrations.RunPython.noop)]
