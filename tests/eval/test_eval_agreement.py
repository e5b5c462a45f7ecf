"""EvalReport agrees with the reference scorers (../shared/tools beside the checkout) on the fixtures.

Every line a reference scorer prints must appear, in order, in :meth:`EvalReport.format` with the
same options (events --verbose, typing --confusions 10, places --by-type); the summary lines must
be identical. Skipped when ../shared/tools is not there (the project does not need it).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

FIX = Path(__file__).parent / "fixtures"


@pytest.mark.parametrize(
    ("gold", "system"),
    [
        ("events-gold", "events-perfect"),
        ("events-gold", "events-flawed"),
        ("typing-gold", "typing-system"),
        ("places-gold", "places-system"),
    ],
)
def test_agrees_with_reference_scorer(agree: Callable[[Path, Path], None], gold: str, system: str) -> None:
    agree(FIX / f"{gold}.jsonl", FIX / f"{system}.jsonl")
