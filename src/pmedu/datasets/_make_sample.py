"""Regenerate the bundled sample county: ``python -m pmedu.datasets._make_sample [DIR]``.

The sample is made once by [`pmedu.datasets.synth.county`][pmedu.datasets.synth.county] and
committed as data
(``data/sample_county.csv``); running this again with the same pmedu writes the same bytes.
Pass a directory to write the file somewhere else (the tests compare it with the bundled one).
"""

from __future__ import annotations

import sys
from pathlib import Path

import attrs

from pmedu.datasets._make_records import build_records
from pmedu.datasets.synth import county
from pmedu.io import write_units_csv
from pmedu.network import OrgTree

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
    drawn = county(seed=SEED, name=NAME)
    # one source of truth: a unit has a station in the unit table iff the sample records give
    # it a station record (the records place stations at the flagged villages and communities,
    # at every township and street and at some enterprises, whatever their drawn flag)
    records = build_records(tree=OrgTree.from_units(drawn))
    stations = {s.unit_id for s in records.stations}
    units = [attrs.evolve(u, has_station=u.id in stations) for u in drawn]
    return write_units_csv(units, target / FILE, lang="zh", encoding="utf-8")


if __name__ == "__main__":  # pragma: no cover
    print(make(sys.argv[1] if len(sys.argv) > 1 else None))
