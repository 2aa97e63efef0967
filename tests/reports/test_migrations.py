"""The move of Recommendation.funding_instruments from codes to a relation keeps every link."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = "0005_report_language"
AFTER = "0006_recommendation_funding_relation"


def _migrate(name: str):
    """Every app at its latest migration, reports at `name`; the models as they were then."""
    executor = MigrationExecutor(connection)
    targets = [key for key in executor.loader.graph.leaf_nodes() if key[0] != "reports"] + [("reports", name)]
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_funding_codes_become_links_to_instruments_and_back():
    [(_, latest)] = [key for key in MigrationExecutor(connection).loader.graph.leaf_nodes() if key[0] == "reports"]
    try:
        apps = _migrate(BEFORE)
        Instrument = apps.get_model("roadmap", "FundingInstrument")
        Instrument.objects.create(code="interreg", name="Interreg", name_en="Interreg", level="eu")
        apps.get_model("reports", "Recommendation").objects.create(
            code="coop",
            kind="cooperation",
            title="Join an interregional partnership",
            text="X",
            funding_instruments=["interreg", "new-fund", "interreg"],
        )

        apps = _migrate(AFTER)
        recommendation = apps.get_model("reports", "Recommendation").objects.get(code="coop")
        links = {i.code: (i.name, i.level) for i in recommendation.funding_instruments.all()}
        assert links == {"interreg": ("Interreg", "eu"), "new-fund": ("new-fund", "eu")}

        apps = _migrate(BEFORE)
        codes = apps.get_model("reports", "Recommendation").objects.get(code="coop").funding_instruments
        assert codes == ["interreg", "new-fund"]
    finally:
        _migrate(latest)
