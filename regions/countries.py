"""Country names people type when they look for a region, by NUTS country code (EL is Greece, not GR)."""

COUNTRY_NAMES = {
    "AT": ["Austria", "Österreich"], "BE": ["Belgium", "Belgique", "België", "Belgien"],
    "BG": ["Bulgaria", "България"], "CY": ["Cyprus", "Κύπρος", "Kıbrıs"], "CZ": ["Czechia", "Czech Republic", "Česko"],
    "DE": ["Germany", "Deutschland"], "DK": ["Denmark", "Danmark"], "EE": ["Estonia", "Eesti"],
    "EL": ["Greece", "Ελλάδα", "Hellas"], "ES": ["Spain", "España"], "FI": ["Finland", "Suomi"],
    "FR": ["France"], "HR": ["Croatia", "Hrvatska"], "HU": ["Hungary", "Magyarország"], "IE": ["Ireland", "Éire"],
    "IT": ["Italy", "Italia"], "LT": ["Lithuania", "Lietuva"], "LU": ["Luxembourg", "Lëtzebuerg"],
    "LV": ["Latvia", "Latvija"], "MT": ["Malta"], "NL": ["Netherlands", "Nederland"], "PL": ["Poland", "Polska"],
    "PT": ["Portugal"], "RO": ["Romania", "România"], "SE": ["Sweden", "Sverige"], "SI": ["Slovenia", "Slovenija"],
    "SK": ["Slovakia", "Slovensko"], "NO": ["Norway", "Norge"], "IS": ["Iceland", "Ísland"],
    "CH": ["Switzerland", "Schweiz", "Suisse", "Svizzera"], "LI": ["Liechtenstein"],
    "UK": ["United Kingdom", "Great Britain"],
}  # fmt: skip


def _fold(text: str) -> str:
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))


def countries_named(text: str) -> list[str]:
    """Codes of the countries whose name starts with `text`, accents and case aside (at least 3 letters)."""
    folded = _fold(text.strip())
    if len(folded) < 3:
        return []
    return [code for code, names in COUNTRY_NAMES.items() if any(_fold(name).startswith(folded) for name in names)]
