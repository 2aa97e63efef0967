"""The CSV download of what the map shows: one row per region drawn, with the value as displayed."""

from saphire.spreadsheets import CsvWriter


def write_map_csv(stream, *, state: dict, data) -> None:
    writer = CsvWriter(stream)
    year = getattr(data, "year", None)
    source = getattr(data, "source", "")
    writer.writerow(
        ["nuts_code", "name", "nuts_version", "level", "indicator", "year", "value", "unit", "flags", "source"]
    )
    for region in state["regions"]:
        value = data.values.get(region.id)
        if isinstance(value, float):
            shown = str(int(value)) if value.is_integer() else repr(value)
        else:
            shown = data.labels.get(region.id, "") if value is not None else ""
        writer.writerow(
            [
                region.code, region.name, region.nuts_version, region.level, state["title"],
                year or getattr(data, "year_text", ""), shown, getattr(data, "unit", ""),
                getattr(data, "flags", {}).get(region.id, ""), source,
            ]
        )  # fmt: skip
