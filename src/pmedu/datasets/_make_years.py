"""Make the sample county's earlier years: ``python -m pmedu.datasets._make_years [DIR]``.

Writes ``facts_2023.csv`` and ``facts_2024.csv`` beside the bundled ``facts_2025.csv`` (each
year's facts drawn around the 2025 facts, a little lower the further back, with a seeded
``random.Random`` of its own) and ``lineage.csv`` with one merge and one rename, so that
``pmedu trend`` runs on bundled data (issue 18):

- 撤并 (merge): the townships ``T15A`` and ``T15B`` of 2023 and 2024 became ``T15`` on
  2025-01-01; their facts are added up (counts) and averaged (rates) under ``T15``;
- 更名 (rename): ``T21`` was renamed ``T08`` on 2024-01-01: the 2023 facts name ``T21``.

Running it again with the same pmedu writes the same bytes (the tests compare them).
"""

from __future__ import annotations

import random
import sys
from decimal import Decimal
from pathlib import Path

from pmedu.facts import MEASURES, Facts
from pmedu.io.facts import read_long_facts, write_facts
from pmedu.io.lineage import write_lineage
from pmedu.model.lineage import Lineage, LineageEntry

#: the seed of the earlier years' draws
SEED = 2018
#: the years made, and how far below 2025 their rates lie on average
YEARS: dict[int, float] = {2023: 0.06, 2024: 0.03}
#: the lineage of the sample county
LINEAGE = Lineage(
    [
        LineageEntry("T15A", "T15", "2025-01-01", "撤并", note="两乡合并"),
        LineageEntry("T15B", "T15", "2025-01-01", "撤并", note="两乡合并"),
        LineageEntry("T21", "T08", "2024-01-01", "更名", note="乡改名"),
    ]
)
LINEAGE_FILE = "lineage.csv"


def _rate(rnd: random.Random, value: Decimal, drift: float) -> Decimal:
    x = float(value) - drift + rnd.gauss(0, 0.05)
    top = 1.0 if value <= 1 else float(value) + 0.2
    return Decimal(str(round(min(max(x, 0.0), top), 4)))


def _value(rnd: random.Random, measure: str, value: Decimal | None, drift: float) -> Decimal | None:
    if value is None:
        return None
    kind = MEASURES[measure].kind if measure in MEASURES else "count"
    if kind == "rate":
        return _rate(rnd, value, drift)
    if kind == "days":
        return value + rnd.randint(-10, 12)
    if value > 1:  # a count (0/1 flags and vetoes stay)
        return max(Decimal(0), value + rnd.randint(-3, 1))
    return value


def _year(rnd: random.Random, base: Facts, year: int, drift: float) -> Facts:
    data: dict[tuple[str, str], Decimal | None] = {}
    for (uid, measure), value in base.data.items():
        if uid == "T15":  # two townships then, merged on 2025-01-01
            a = _value(rnd, measure, value, drift)
            b = _value(rnd, measure, value, drift)
            kind = MEASURES[measure].kind if measure in MEASURES else "count"
            if kind == "count" and a is not None and b is not None and a > 1:
                a, b = (a + 1) // 2, a // 2
            data["T15A", measure] = a
            data["T15B", measure] = b
            continue
        new_id = "T21" if uid == "T08" and year < 2024 else uid
        data[new_id, measure] = _value(rnd, measure, value, drift)
    return Facts(data, year=year)


def make(directory: str | Path | None = None) -> list[Path]:
    """Write the earlier years' facts and the lineage into ``directory`` (the package's data
    directory when ``None``); the paths written.

    >>> import tempfile
    >>> paths = make(tempfile.mkdtemp())
    >>> [p.name for p in paths]
    ['facts_2023.csv', 'facts_2024.csv', 'lineage.csv']
    >>> all(p.read_bytes() == (Path(__file__).parent / "data" / p.name).read_bytes()
    ...     for p in paths)
    True
    """
    data = Path(__file__).parent / "data"
    target = Path(directory) if directory is not None else data
    base = read_long_facts(data / "facts_2025.csv")
    rnd = random.Random(SEED)
    out = [
        write_facts(_year(rnd, base, year, drift), target / f"facts_{year}.csv")
        for year, drift in YEARS.items()
    ]
    out.append(write_lineage(LINEAGE, target / LINEAGE_FILE))
    return out


if __name__ == "__main__":  # pragma: no cover
    for path in make(sys.argv[1] if len(sys.argv) > 1 else None):
        print(path)
