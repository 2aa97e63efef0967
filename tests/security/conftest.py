import os


def pytest_collection_modifyitems(config, items):
    """API fuzzing takes minutes: `make fuzz` (in `make check-all`) runs it, `make test` leaves it out."""
    if os.environ.get("SAPHIRE_FUZZ"):
        return
    kept = [item for item in items if item.get_closest_marker("fuzz") is None]
    if len(kept) != len(items):
        config.hook.pytest_deselected(items=[item for item in items if item.get_closest_marker("fuzz")])
        items[:] = kept
