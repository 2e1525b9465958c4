"""Regenerate the bundled sample county: ``python -m pmedu.datasets._make_sample [DIR]``.

The sample is made once by [`pmedu.datasets.synth.county`][pmedu.datasets.synth.county] and
committed as data
(``data/sample_county.csv``); running this again with the same pmedu writes the same bytes.
Pass a directory to write the file somewhere else (the tests compare it with the bundled one).
"""

from __future__ import annotations

import sys
from pathlib import Path

from pmedu.datasets.synth import county
from pmedu.io import write_units_csv

#: the seed and name of the bundled sample county
SEED = 2013
NAME = "示例县"
FILE = "sample_county.csv"


def make(directory: str | Path | None = None) -> Path:
    """Write the sample county's unit table into ``directory`` (the package's data
    directory when ``None``) and return its path.

    >>> import tempfile
    >>> p = make(tempfile.mkdtemp())
    >>> p.read_bytes() == (Path(__file__).parent / "data" / FILE).read_bytes()
    True
    """
    target = Path(directory) if directory is not None else Path(__file__).parent / "data"
    units = county(seed=SEED, name=NAME)
    return write_units_csv(units, target / FILE, lang="zh", encoding="utf-8")


if __name__ == "__main__":  # pragma: no cover
    print(make(sys.argv[1] if len(sys.argv) > 1 else None))
