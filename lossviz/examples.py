"""The running examples the lessons share, so a student recognises them from page to page.

Weights (normalised where they are used), not probabilities, so they read as counts:

- :data:`FOUR_OUTCOMES`, p = (½, ¼, ⅛, ⅛): entropy's and cross-entropy's default source,
  whose optimal code has lengths 1, 2, 3, 3 bits; its rarest outcome, p = ⅛, is
  self-information's default (3 bits).
- :data:`BIASED_COIN` (0.9, 0.1) and :data:`FAIR_COIN`: KL divergence's default p and q,
  and presets of entropy and cross-entropy.
- :data:`FAIR_DIE` and :data:`LOADED_DIE` (a six half the time): presets wherever a
  distribution is edited.
"""

from __future__ import annotations

FOUR_OUTCOMES = (4, 2, 1, 1)
RAREST_OF_FOUR = 1 / 8  # the probability of x3 and x4 in FOUR_OUTCOMES
BIASED_COIN = (9, 1)
FAIR_COIN = (1, 1)
FAIR_DIE = (1,) * 6
LOADED_DIE = (1, 1, 1, 1, 1, 5)

# every shared distribution, by its catalogue name (common.example.<name>)
DISTRIBUTIONS = {
    "four_outcomes": FOUR_OUTCOMES,
    "biased_coin": BIASED_COIN,
    "fair_coin": FAIR_COIN,
    "fair_die": FAIR_DIE,
    "loaded_die": LOADED_DIE,
}
