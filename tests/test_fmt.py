import math

import pytest

from lossviz import fmt


@pytest.mark.parametrize(
    ("x", "text"),
    [
        (1.5, "1.500"),
        (math.inf, "∞"),
        (-math.inf, "-∞"),
        (math.nan, "undefined"),
        (-1e-9, "0.000"),
        (-0.982, "-0.982"),
    ],
)
def test_format_number(x, text):
    assert fmt.format_number(x) == text


def test_format_quantity_puts_the_number_first():
    assert fmt.format_quantity(0.2075187, "bits") == "0.208 bits"
