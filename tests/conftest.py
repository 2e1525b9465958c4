"""Shared test configuration: hypothesis profiles (``HYPOTHESIS_PROFILE=dev|ci``) and the
fixtures more than one test module uses."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from pmedu.io.rubrics import load_rubric
from pmedu.scoring import Rubric
from strategies import ISSUE_EXAMPLE

settings.register_profile("dev", max_examples=50, deadline=None)
settings.register_profile(
    "ci", max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


@pytest.fixture
def issue_rubric(tmp_path: Path) -> Rubric:
    """The scoring issue's example rubric, loaded from a TOML file as a user would."""
    p = tmp_path / "rubric.toml"
    p.write_text(ISSUE_EXAMPLE, encoding="utf-8")
    return load_rubric(p)
