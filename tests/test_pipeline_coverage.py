"""One source of truth for "has a station": the station records, when there are any.

On random trees and records, the report's coverage, the CLI's and the
``station_coverage_rate`` measure agree for every unit.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from pmedu.cli.tree_cmd import coverage_data
from pmedu.datasets import sample_county, sample_records
from pmedu.facts import measure_rows as compute_facts
from pmedu.labels import UnitKind
from pmedu.model import Unit
from pmedu.network import OrgTree
from pmedu.pipeline import compute_year, tree_figures
from pmedu.records import Records
from pmedu.report import render_year
from pmedu.stations import Station
from strategies import trees_with_records

BOTH = [UnitKind.VILLAGE, UnitKind.COMMUNITY]


def _measured(tree: OrgTree, records: Records) -> dict[str, float | None]:
    rows = compute_facts(tree, records, 2025, measures=["station_coverage_rate"], check=False)
    return {u: float(v) if v is not None else None for u, _m, v in rows}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(trees_with_records())
def test_report_cli_and_measure_agree(drawn: tuple[OrgTree, Records]) -> None:
    tree, records = drawn
    results = compute_year(tree, stations=records.stations, year=2025)
    measured = _measured(tree, records)
    figures = results.figures
    assert figures is not None
    both = figures.coverage_of(BOTH)
    if records.stations:
        assert figures.station_source == "records"
        for u in tree:
            assert both[u.id].rate == measured[u.id], u.id
    else:
        assert figures.station_source == "units"
        flags = tree.coverage(BOTH)
        for u in tree:
            assert both[u.id] == flags[u.id]
        measured = {u.id: flags[u.id].rate for u in tree}
    report = render_year(results, chart=False).section("coverage").tables[0]
    for _name, uid, covered, total, rate in report.rows:
        key = str(uid)
        assert (covered, total, rate) == (both[key].covered, both[key].total, measured[key])
    for row in coverage_data(tree, figures).rows:
        assert row[-1] == measured[str(row[0])], row[0]


def test_a_station_record_decides_over_the_flag() -> None:
    tree = OrgTree.from_units(
        [
            Unit(id="T", name="东镇", kind="镇"),
            Unit(id="V1", name="一村", kind="村", parent_id="T", has_station=True),
            Unit(id="V2", name="二村", kind="村", parent_id="T", has_station=True),
        ]
    )
    records = Records(year=2025, stations=[Station(id="S1", unit_id="V1")])
    results = compute_year(tree, records=records, year=2025)
    assert results.figures is not None
    assert results.figures.coverage_of("村")["T"].rate == 0.5
    assert results.facts.get("T", "station_coverage_rate") == 0.5
    assert results.stations is not None
    assert results.stations.coverage["T"].rate == 0.5
    # without records the flags are all there is
    assert compute_year(tree).figures.coverage_of("村")["T"].rate == 1.0  # type: ignore[union-attr]


def test_the_sample_counts_stations_from_its_records() -> None:
    tree, records = sample_county(), sample_records()
    flagged = tree_figures(tree)
    results = compute_year(tree, records=records, year=2025)
    assert results.figures is not None
    # the flags agree with the records (329 station records; 0.1.0's table flagged 339 units)
    assert sum(k.with_station for k in flagged.kinds) == 329
    assert sum(k.with_station for k in results.figures.kinds) == len(records.stations) == 329
    # 两机一室 stations: 282 units of any kind, 262 of the kinds magazines go to (issue 11)
    assert results.equipped is not None
    assert len(results.equipped) == 282
    kinds = results.plan.policy.magazine_kinds
    assert sum(1 for u in results.equipped if tree.unit(u).kind in kinds) == 262
