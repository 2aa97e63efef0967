"""Numbers written into texts and SVG (not through templates), in the reader's number format."""

from decimal import Decimal

from django.utils.formats import number_format


def grouped(value: float, decimals: int = 0) -> str:
    """227,120 in English, 227.120 in German, 227 120 in French; rounded as Python rounds (64.95 -> 65.0)."""
    # number_format cuts extra decimals rather than rounding them: round first, exactly.
    return number_format(Decimal(f"{value:.{decimals}f}"), decimals, force_grouping=True)
