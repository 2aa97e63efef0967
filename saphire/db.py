"""PostgreSQL housekeeping that services call after bulk changes."""

from django.db import connection


def analyze(*models) -> None:
    """Refresh the planner's statistics of the tables behind `models` after a bulk load.

    Autovacuum would do it within a minute or so; until then the planner plans for the table as it
    was (empty, or a tenth of its size), and the first pages after an import can take many times
    longer than they should. ANALYZE samples the table and may run inside a transaction.
    """
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
