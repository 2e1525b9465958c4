"""One year computed (年度计算): from the tree and the year's inputs to a :class:`YearResults`.

:func:`compute_year` computes what the inputs allow — the film supply plan (always), the
station gap list (when stations are known) and the assessment (when facts are given or
measured from records) — and returns them as data for the report, the workbook and the
command line, which render and never compute.

>>> from pmedu.network import OrgTree
>>> from pmedu.model import Unit
>>> t = OrgTree.from_units([Unit(id="T", name="东镇", kind="镇"),
...                         Unit(id="V", name="石桥村", kind="村", parent_id="T")])
>>> r = compute_year(t, holdings={"T": 1})
>>> r.plan.total.held, r.gap_list, r.assessment
(1, None, None)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from pmedu.errors import DataError, Problem
from pmedu.labels import UnitKind, parse_kinds
from pmedu.measures import facts as measure_facts
from pmedu.network import OrgTree
from pmedu.results import Gap, Progress, YearResults
from pmedu.scoring import Rubric, assess, load_rubric, preset_rubric, rubric_presets
from pmedu.stations import Standard, check
from pmedu.supply import plan_supply

__all__ = [
    "ASSESS_KINDS",
    "GAP_STANDARDS",
    "compute_parts",
    "compute_year",
    "resolve_rubric",
    "station_gaps",
]

#: the standards the gap list checks by default (seed 002): 两机一室 and 六有
GAP_STANDARDS: tuple[str, ...] = ("two_machines_one_room", "six_haves")

#: the kinds of unit assessed by default when facts cover more (townships are checked and
#: ranked yearly, seed 003)
ASSESS_KINDS: tuple[UnitKind, ...] = (UnitKind.TOWNSHIP, UnitKind.STREET)


def _quiet(_message: str) -> None:
    return None


def station_gaps(
    tree: OrgTree, stations: Iterable[Any], standards: Iterable[Any] = GAP_STANDARDS
) -> list[Gap]:
    """``(station, standard, missing items)`` for every station that falls short of a
    standard meant for its unit's kind (a standard with no ``applies_to`` applies to all).

    ``standards`` are :class:`pmedu.stations.Standard` objects or preset names. Stations
    come in their given order; for each, the standards in the given order.

    >>> from pmedu.model import Unit
    >>> from pmedu.stations import Station
    >>> t = OrgTree.from_units([Unit(id="T", name="东镇", kind="镇"),
    ...                         Unit(id="V", name="石桥村", kind="村", parent_id="T")])
    >>> [(s.id, std.label, [i.label for i in m])
    ...  for s, std, m in station_gaps(t, [Station(id="S1", unit_id="V", features=["电视机"])],
    ...                                ["两机一室"])]
    [('S1', '两机一室', ['VCD/DVD机', '播放室'])]
    """
    stds = [s if isinstance(s, Standard) else Standard.preset(str(s)) for s in standards]
    out: list[Gap] = []
    for station in stations:
        kind = tree.unit(station.unit_id).kind
        for std in stds:
            if std.applies_to and kind not in std.applies_to:
                continue
            missing = check(station, std)
            if missing:
                out.append((station, std, missing))
    return out


def resolve_rubric(rubric: Any) -> Rubric:
    """The rubric to score with: the shipped default for ``None``, a :class:`Rubric` as
    given, a preset name, or else a rubric file.

    >>> resolve_rubric(None) == preset_rubric()
    True
    """
    if rubric is None:
        return preset_rubric()
    if isinstance(rubric, Rubric):
        return rubric
    if isinstance(rubric, str) and rubric in rubric_presets():
        return preset_rubric(rubric)
    return load_rubric(rubric)


def _measure(tree: OrgTree, records: Any, year: int | None) -> Any:
    yr = year if year is not None else records.year
    if yr is None:
        raise DataError([Problem("the year to measure is not known: give year= (--year)")])
    return measure_facts(tree, records, yr)


def _assess(tree: OrgTree, facts: Any, rubric: Any, kinds: Any, year: int | None) -> Any:
    wanted = parse_kinds(kinds)
    present = set(facts.units())
    chosen = [u.id for u in tree if u.id in present and u.kind in wanted]
    if chosen:
        return assess(tree, facts, resolve_rubric(rubric), units=chosen, year=year)
    return assess(tree, facts, resolve_rubric(rubric), year=year)


def compute_year(
    tree: OrgTree,
    *,
    stations: Iterable[Any] | None = None,
    records: Any = None,
    facts: Any = None,
    rubric: Any = None,
    holdings: Mapping[str, int] | None = None,
    policy: Any = None,
    standards: Iterable[Any] = GAP_STANDARDS,
    assess_kinds: Any = ASSESS_KINDS,
    year: int | None = None,
    progress: Progress | None = None,
) -> YearResults:
    """Compute the year's objects from what is given:

    - ``plan``: ``pmedu.supply.plan_supply(tree, policy, holdings)`` — always;
    - ``gap_list``: the ``stations`` (or the records' stations) checked against
      ``standards`` (两机一室 and 六有 by default) — ``None`` when no station is known;
    - ``assessment``: ``pmedu.scoring.assess`` of the ``facts`` (or the facts measured from
      ``records`` for ``year``) with ``rubric`` (a rubric, a preset name or a file; the
      shipped default when ``None``) — ``None`` without facts or records. The units
      assessed are those of ``assess_kinds`` (townships and streets) that have facts, or
      every unit with facts when none of them is of those kinds.

    Nothing given is changed.

    >>> from pmedu.model import Unit
    >>> t = OrgTree.from_units([Unit(id="T", name="东镇", kind="镇"),
    ...                         Unit(id="V", name="石桥村", kind="村", parent_id="T")])
    >>> r = compute_year(t, year=2025)
    >>> r.plan.total.target_sets, r.gap_list, r.assessment, r.year
    (1, None, None, 2025)
    """
    say = progress or _quiet
    if records is not None and stations is None:
        stations = getattr(records, "stations", None)
    if records is not None and facts is None:
        say("facts")
        facts = _measure(tree, records, year)
    gap_list = None
    if stations is not None:
        say("gaps")
        gap_list = station_gaps(tree, stations, standards)
    say("supply")
    plan = plan_supply(tree, policy, holdings)
    assessment = None
    if facts is not None:
        say("assessment")
        assessment = _assess(tree, facts, rubric, assess_kinds, year)
    return YearResults(
        tree=tree, plan=plan, gap_list=gap_list, assessment=assessment, facts=facts, year=year
    )


def compute_parts(tree: OrgTree, **inputs: Any) -> dict[str, Any]:
    """:func:`compute_year`'s objects (it takes the same keyword ``inputs``) as keyword
    arguments — ``plan``, ``gap_list``, ``assessment`` — for
    :func:`pmedu.report.assemble_report` (the 0.1 shape).

    >>> from pmedu.model import Unit
    >>> t = OrgTree.from_units([Unit(id="T", name="东镇", kind="镇"),
    ...                         Unit(id="V", name="石桥村", kind="村", parent_id="T")])
    >>> parts = compute_parts(t)
    >>> parts["plan"].total.target_sets, parts["gap_list"], parts["assessment"]
    (1, None, None)
    """
    return compute_year(tree, **inputs).parts()
