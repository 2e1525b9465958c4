"""Load a unit table from CSV and print station coverage (建点率) per township.

    python coverage_from_csv.py [units.csv]

Without an argument it reads the bundled sample county's table. The CSV may be UTF-8, UTF-8
with BOM or GBK, with Chinese (编号, 上级编号, 名称, 类型, 党员数, 有播放网点 …) or English
headers; every bad row is reported at once.
"""

import sys

from pmedu.datasets import sample_path
from pmedu.io import read_tree

path = sys.argv[1] if len(sys.argv) > 1 else sample_path()
tree = read_tree(path)
print(f"{tree.root.name}: {len(tree)} units, {tree.rollup('members')[tree.root.id]} members")

coverage = tree.coverage(["村", "社区"])  # villages and communities with a station
for town in tree.units(kind=["乡镇", "街道"]):
    c = coverage[town.id]
    rate = "n/a" if c.rate is None else f"{c.rate:.0%}"
    print(f"{town.name:<8} {c.covered:>3} / {c.total:<3} {rate}")
total = coverage[tree.root.id]
print(f"total    {total.covered:>3} / {total.total:<3} {total.rate:.0%}")
