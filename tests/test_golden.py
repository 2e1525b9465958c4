"""Every command's output on the sample county equals its golden file (``tests/golden/``).

Regenerate with ``python tests/golden_cases.py`` only in a commit that means to change what
users see, and say why in its message.
"""

from __future__ import annotations

import pytest

from golden_cases import cases, golden_path

CASES = cases()


@pytest.mark.parametrize("case", sorted(CASES))
def test_output_equals_golden(case: str) -> None:
    if case == "report":
        pytest.importorskip("openpyxl")
    for name, text in CASES[case]().items():
        expected = golden_path(case, name).read_text(encoding="utf-8")
        assert text == expected, f"{case}/{name} differs from {golden_path(case, name).name}"
