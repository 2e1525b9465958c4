"""pmedu — party-member e-education (党员电化教育) as a library.

The organisation tree from province to village and community, the viewing stations and the
standards they must meet, the supply of e-education films, monthly play-and-view plans and
attendance, and the yearly target-responsibility assessment that scores and ranks units.

>>> import pmedu
>>> tree = pmedu.OrgTree.from_units([
...     pmedu.Unit(id="C", name="某县", kind="县"),
...     pmedu.Unit(id="T", name="某镇", kind="镇", parent_id="C", members=12),
... ])
>>> tree.rollup("members")["C"]
12
"""

from importlib.metadata import PackageNotFoundError, version

from pmedu.errors import DataError, PmeduError, Problem, TreeError
from pmedu.labels import OrgType, UnitKind
from pmedu.model import Unit
from pmedu.network import Coverage, HierarchyRules, OrgTree

try:
    __version__ = version("pmedu")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0+unknown"

__all__ = [
    "Coverage",
    "DataError",
    "HierarchyRules",
    "OrgTree",
    "OrgType",
    "PmeduError",
    "Problem",
    "TreeError",
    "Unit",
    "UnitKind",
    "__version__",
]
