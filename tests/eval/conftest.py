"""Shared helpers for the eval tests: fixture paths and agreement with the reference scorers.

The reference scorers live in ``../shared/tools`` beside the checkout; they are for measuring
only, and the tests that use them are skipped when they are absent.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from eventwire.eval import evaluate

FIX = Path(__file__).parent / "fixtures"
TOOLS = (Path(__file__).parents[2] / ".." / "shared" / "tools").resolve()
TOOL_OPTIONS = {  # the options that make each reference scorer print all its details
    "events": ("score_events.py", ["--verbose"]),
    "typing": ("score_typing.py", ["--confusions", "10"]),
    "places": ("score_places.py", ["--by-type"]),
}


def reference_output(kind: str, gold: Path, system: Path) -> list[str]:
    """What the reference scorer for ``kind`` prints (exit 1 only means a threshold failed)."""
    tool, options = TOOL_OPTIONS[kind]
    proc = subprocess.run(
        [sys.executable, str(TOOLS / tool), str(gold), str(system), *options],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode in (0, 1), proc.stderr
    return proc.stdout.strip().splitlines()


def assert_agrees(gold: Path, system: Path) -> None:
    """Every line the reference prints appears, in order, in EvalReport.format(); same summary."""
    report = evaluate(str(gold), str(system), verbose=True)
    ref = reference_output(report.kind, gold, system)
    mine = report.format().splitlines()
    assert mine[-1] == ref[-1]
    rest = iter(mine)
    missing = [line for line in ref if not any(line == m for m in rest)]
    assert not missing, f"reference lines not in EvalReport.format(): {missing}"


@pytest.fixture
def agree() -> Callable[[Path, Path], None]:
    """``agree(gold, system)``: compare with the reference scorer; skip when it is absent."""
    if not TOOLS.is_dir():
        pytest.skip(f"reference scorers not found at {TOOLS} (../shared/tools beside the checkout)")
    return assert_agrees
