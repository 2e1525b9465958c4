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

import importlib
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the same names for type checkers (imported lazily at run time)
    from pmedu.apportion import apportion
    from pmedu.errors import DataError, PmeduError, PolicyError, Problem, RubricError, TreeError
    from pmedu.facts import MEASURES, Facts, compute_facts, measure_rows
    from pmedu.io import load_tree, read_tree, read_units_csv, save_tree
    from pmedu.io.rubrics import load_rubric, save_rubric
    from pmedu.labels import OrgType, UnitKind
    from pmedu.model import (
        Film,
        FilmSet,
        SchedulePolicy,
        Station,
        TeachingStep,
        Unit,
        ViewingSession,
    )
    from pmedu.network import Coverage, HierarchyRules, OrgTree
    from pmedu.network.decompose import decompose_target
    from pmedu.pipeline import compare_years, compute_year
    from pmedu.records import Records
    from pmedu.results import YearResults
    from pmedu.scoring import Assessment, Rubric, Scorecard, assess, preset_rubric
    from pmedu.stations import Standard
    from pmedu.supply import SupplyLine, SupplyPlan, SupplyPolicy, circulation_plan, plan_supply

try:
    __version__ = version("pmedu")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0+unknown"

#: the main names and the module each comes from; a name is imported the first time it is read,
#: so ``import pmedu`` (and the ``pmedu`` command) loads only what it uses
EXPORTS: dict[str, str] = {
    "apportion": "pmedu.apportion",
    "DataError": "pmedu.errors",
    "PmeduError": "pmedu.errors",
    "PolicyError": "pmedu.errors",
    "Problem": "pmedu.errors",
    "RubricError": "pmedu.errors",
    "TreeError": "pmedu.errors",
    "Facts": "pmedu.facts",
    "MEASURES": "pmedu.facts",
    "compute_facts": "pmedu.facts",
    "measure_rows": "pmedu.facts",
    "load_tree": "pmedu.io",
    "read_tree": "pmedu.io",
    "read_units_csv": "pmedu.io",
    "save_tree": "pmedu.io",
    "load_rubric": "pmedu.io.rubrics",
    "save_rubric": "pmedu.io.rubrics",
    "OrgType": "pmedu.labels",
    "UnitKind": "pmedu.labels",
    "Film": "pmedu.model",
    "FilmSet": "pmedu.model",
    "SchedulePolicy": "pmedu.model",
    "Station": "pmedu.model",
    "TeachingStep": "pmedu.model",
    "Unit": "pmedu.model",
    "ViewingSession": "pmedu.model",
    "Coverage": "pmedu.network",
    "HierarchyRules": "pmedu.network",
    "OrgTree": "pmedu.network",
    "decompose_target": "pmedu.network.decompose",
    "compare_years": "pmedu.pipeline",
    "compute_year": "pmedu.pipeline",
    "Records": "pmedu.records",
    "YearResults": "pmedu.results",
    "Assessment": "pmedu.scoring",
    "Rubric": "pmedu.scoring",
    "Scorecard": "pmedu.scoring",
    "assess": "pmedu.scoring",
    "preset_rubric": "pmedu.scoring",
    "Standard": "pmedu.stations",
    "SupplyLine": "pmedu.supply",
    "SupplyPlan": "pmedu.supply",
    "SupplyPolicy": "pmedu.supply",
    "circulation_plan": "pmedu.supply",
    "plan_supply": "pmedu.supply",
}

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
    "YearResults",
    "__version__",
    "apportion",
    "assess",
    "circulation_plan",
    "compare_years",
    "compute_facts",
    "compute_year",
    "decompose_target",
    "load_rubric",
    "load_tree",
    "measure_rows",
    "plan_supply",
    "preset_rubric",
    "read_tree",
    "read_units_csv",
    "save_rubric",
    "save_tree",
]


def __getattr__(name: str) -> Any:
    try:
        module = EXPORTS[name]
    except KeyError:
        raise AttributeError(f"module 'pmedu' has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *EXPORTS})
