"""The language of a region's own names, for `lang` attributes: screen readers pronounce them right.

Most regions are named in their country's language. The exceptions are few and listed here: regions of
another language than the rest of their country, names in two languages ("Bolzano/Bozen") whose parts
are marked one by one, and the Latin transliterations (`Region.name`) of Bulgarian and Greek names.
"""

from dataclasses import dataclass

COUNTRY_LANGUAGES = {
    "AL": "sq", "AT": "de", "BE": "nl", "BG": "bg", "CH": "de", "CY": "el", "CZ": "cs", "DE": "de", "DK": "da",
    "EE": "et", "EL": "el", "ES": "es", "FI": "fi", "FR": "fr", "HR": "hr", "HU": "hu", "IE": "en", "IS": "is",
    "IT": "it", "LI": "de", "LT": "lt", "LU": "fr", "LV": "lv", "ME": "sr-Latn", "MK": "mk", "MT": "mt", "NL": "nl",
    "NO": "no", "PL": "pl", "PT": "pt", "RO": "ro", "RS": "sr", "SE": "sv", "SI": "sl", "SK": "sk", "TR": "tr",
    "UK": "en",
}  # fmt: skip

# By NUTS code prefix, the longest match wins; a tuple names the languages of the parts of a name
# written "first/second", in order.
EXCEPTIONS: dict[str, str | tuple[str, ...]] = {
    "BE3": "fr",  # Wallonia (its German-speaking east is named in French at NUTS level)
    "BE10": ("fr", "nl"),  # Région de Bruxelles-Capitale/Brussels Hoofdstedelijk Gewest
    "FI20": "sv",  # Åland
    "ITH1": ("it", "de"),  # Provincia Autonoma di Bolzano/Bozen
    "ITC2": ("it", "fr"),  # Valle d'Aosta/Vallée d'Aoste
    "CH01": "fr",  # Région lémanique: Vaud, Genève (Valais/Wallis below)
    "CH012": ("fr", "de"),  # Valais/Wallis
    "CH021": ("de", "fr"),  # Bern/Berne
    "CH022": ("fr", "de"),  # Fribourg/Freiburg
    "CH024": "fr",  # Neuchâtel
    "CH025": "fr",  # Jura
    "CH07": "it",  # Ticino
}

# Countries whose own names are in another script: Region.name is their Latin transliteration.
TRANSLITERATED = {"BG", "CY", "EL", "MK", "RS"}


@dataclass(frozen=True)
class NamePart:
    text: str
    lang: str
    separator: str = ""  # what followed this part in the full name


def _languages(code: str, country: str) -> tuple[str, ...]:
    for length in range(len(code), 1, -1):
        found = EXCEPTIONS.get(code[:length])
        if found is not None:
            return found if isinstance(found, tuple) else (found,)
    language = COUNTRY_LANGUAGES.get(country or code[:2])
    return (language,) if language else ()


def name_parts(region, *, national: bool = False) -> list[NamePart]:
    """The parts of the region's name (`name_national` when `national`), each with its language.

    An unknown language gives an empty `lang`, which says "unknown" rather than the page's language.
    """
    text = (region.name_national if national else region.name) or ""
    country = region.country_code or region.code[:2]
    languages = _languages(region.code, country)
    if not national and country in TRANSLITERATED and region.name_national and text != region.name_national:
        languages = tuple(f"{language}-Latn" for language in languages)
    if len(languages) > 1:
        pieces = text.split("/")
        if len(pieces) == len(languages):
            return [
                NamePart(piece.strip(), language, "/" if index < len(pieces) - 1 else "")
                for index, (piece, language) in enumerate(zip(pieces, languages, strict=True))
            ]
    return [NamePart(text, languages[0] if languages else "")]
