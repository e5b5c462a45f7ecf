"""Small numeric helpers shared by the scorers: precision/recall/F1, great-circle distance, AUC."""

from __future__ import annotations

import math
from collections.abc import Iterable

from .. import compare
from ..compare import EARTH_RADIUS_KM as EARTH_RADIUS_KM

MAX_ERROR_KM = 20039.0  # half the Earth's circumference: the largest possible error


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from counts (0.0 where undefined)."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km between two points given in degrees (the one of compare.py)."""
    return compare.km(lat1, lon1, lat2, lon2) or 0.0


def error_auc(errors: Iterable[float]) -> float | None:
    """Gritta et al.'s AUC: area under the sorted ln(1 + error km) curve (trapezoidal rule), divided
    by ln(MAX_ERROR_KM) * (n - 1). 0 is perfect, 1 is every point at the antipode; None for no errors."""
    xs = sorted(math.log1p(max(0.0, e)) for e in errors)
    if not xs:
        return None
    if len(xs) == 1:
        return xs[0] / math.log(MAX_ERROR_KM)
    area = sum((a + b) / 2 for a, b in zip(xs, xs[1:], strict=False))
    return area / (math.log(MAX_ERROR_KM) * (len(xs) - 1))


def finite_number(value: object) -> float | None:
    """``value`` as a finite float, or None (strings of numbers are accepted, as JSON writers differ)."""
    try:
        f = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return f if math.isfinite(f) else None
