"""Number formatting shared by every readout: fixed decimals, units, ``∞`` for infinity."""

from __future__ import annotations

import math


def format_number(x: float, digits: int = 3) -> str:
    """Format a real number for a readout.

    Finite numbers get `digits` decimals; infinities become ``∞`` / ``-∞``; NaN
    becomes ``undefined`` (a readout should never show ``nan``).

    Examples
    --------
    >>> format_number(1.5)
    '1.500'
    >>> format_number(float("inf"))
    '∞'
    >>> format_number(-0.0)
    '0.000'
    """
    x = float(x)
    if math.isnan(x):
        return "undefined"
    if math.isinf(x):
        return "∞" if x > 0 else "-∞"
    text = f"{x:.{digits}f}"
    # "-0.000" reads as a sign error to a student; a rounded zero has no sign.
    if text.startswith("-") and float(text) == 0:
        text = text[1:]
    return text


def format_quantity(x: float, unit: str = "", digits: int = 3) -> str:
    """Format a number followed by its unit, e.g. ``1.500 bits``.

    Examples
    --------
    >>> format_quantity(3, "bits")
    '3.000 bits'
    >>> format_quantity(float("inf"), "nats")
    '∞ nats'
    """
    number = format_number(x, digits)
    return f"{number} {unit}" if unit else number


def format_list(values, digits: int = 3) -> str:
    """Format a short vector as ``(0.250, 0.250, 0.500)``.

    Examples
    --------
    >>> format_list([0.25, 0.75])
    '(0.250, 0.750)'
    """
    return "(" + ", ".join(format_number(v, digits) for v in values) + ")"
