"""Scores shown to people: one rounding, half up, applied once to the unrounded score.

Analytics keep full precision; every page, API answer, map label and report rounds here, so that a
score of 82.5 reads 83 everywhere (Python's round() and "{:.0f}" round halves to even, Django's
floatformat rounds them up: mixing them made one region's score differ by one between pages).
"""

from decimal import ROUND_HALF_UP, Decimal

EMPTY = "–"


def score_round(value: float | None) -> int | None:
    """The whole score, halves up. The float is first cut to 9 decimals so that 82.49999999999999, what a
    weighted mean of 82.5 can come out as, still reads 83."""
    if value is None:
        return None
    return int(Decimal(repr(round(float(value), 9))).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def score_text(value: float | None, empty: str = EMPTY) -> str:
    rounded = score_round(value)
    return empty if rounded is None else str(rounded)
