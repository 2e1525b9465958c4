"""pmedu — party-member e-education (党员电化教育) as a library.

The organisation tree from province to village and community, the viewing stations and the
standards they must meet, the supply of e-education films, monthly play-and-view plans and
attendance, and the yearly target-responsibility assessment that scores and ranks units.

The main names are re-exported here; each subpackage holds the rest:
[`pmedu.network`][pmedu.network] (the tree), [`pmedu.io`][pmedu.io] (files),
[`pmedu.supply`][pmedu.supply] (film supply), [`pmedu.stations`][pmedu.stations],
[`pmedu.viewing`][pmedu.viewing], [`pmedu.schedule`][pmedu.schedule],
[`pmedu.records`][pmedu.records], [`pmedu.measures`][pmedu.measures] (facts from records),
[`pmedu.scoring`][pmedu.scoring] (assessment), [`pmedu.report`][pmedu.report] (HTML/Excel),
[`pmedu.datasets`][pmedu.datasets] and [`pmedu.datasets.synth`][pmedu.datasets.synth].

>>> import pmedu
>>> tree = pmedu.OrgTree.from_units([
...     pmedu.Unit(id="C", name="某县", kind="县"),
...     pmedu.Unit(id="T", name="某镇", kind="镇", parent_id="C", members=12),
... ])
>>> tree.rollup("members")["C"]
12
"""

from importlib.metadata import PackageNotFoundError, version

from pmedu.apportion import apportion
from pmedu.errors import DataError, PmeduError, PolicyError, Problem, RubricError, TreeError
from pmedu.facts import MEASURES, Facts
from pmedu.facts import measure_rows as compute_facts
from pmedu.io import load_tree, read_tree, read_units_csv, save_tree
from pmedu.io.rubrics import load_rubric, save_rubric
from pmedu.labels import OrgType, UnitKind
from pmedu.model import Film, FilmSet, SchedulePolicy, Unit
from pmedu.network import Coverage, HierarchyRules, OrgTree
from pmedu.network.decompose import decompose_target
from pmedu.records import Records
from pmedu.scoring import Assessment, Rubric, Scorecard, assess, preset_rubric
from pmedu.stations import Standard, Station
from pmedu.supply import SupplyLine, SupplyPlan, SupplyPolicy, circulation_plan, plan_supply
from pmedu.viewing import TeachingStep, ViewingSession

try:
    __version__ = version("pmedu")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0+unknown"

__all__ = [
    "MEASURES",
    "Assessment",
    "Coverage",
    "DataError",
    "Facts",
    "Film",
    "FilmSet",
    "HierarchyRules",
    "OrgTree",
    "OrgType",
    "PmeduError",
    "PolicyError",
    "Problem",
    "Records",
    "Rubric",
    "RubricError",
    "SchedulePolicy",
    "Scorecard",
    "Standard",
    "Station",
    "SupplyLine",
    "SupplyPlan",
    "SupplyPolicy",
    "TeachingStep",
    "TreeError",
    "Unit",
    "UnitKind",
    "ViewingSession",
    "__version__",
    "apportion",
    "assess",
    "circulation_plan",
    "compute_facts",
    "decompose_target",
    "load_rubric",
    "load_tree",
    "plan_supply",
    "preset_rubric",
    "read_tree",
    "read_units_csv",
    "save_rubric",
    "save_tree",
]
