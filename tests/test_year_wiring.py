"""Issue 11 (2): what exists is wired into compute_year.

Magazine copies go to the grassroots organisations whose station record has 两机一室 (the
same organisations magazine_subscription_rate counts); the records check's warnings, station
flags that disagree with the station records and holdings that disagree with the records'
film sets are warnings on the year's results; a given holdings feeds film_supply_rate too.
"""

from __future__ import annotations

from pathlib import Path

from pmedu import facts as facts_pkg
from pmedu import pipeline
from pmedu.datasets import sample_county, sample_holdings, sample_records
from pmedu.facts import MeasurePolicy, compute_facts, held_sets, magazine_units
from pmedu.model import FilmSet, Unit
from pmedu.network import OrgTree
from pmedu.pipeline import compute_year
from pmedu.records import Records
from pmedu.stations import Station
from pmedu.supply import SupplyPolicy

FULL = ["电视机", "VCD机", "播放室"]


def _tree(*, flag_v2: bool = False) -> OrgTree:
    return OrgTree.from_units(
        [
            Unit(id="C", name="县", kind="县"),
            Unit(id="T", name="东镇", kind="镇", parent_id="C"),
            Unit(id="V1", name="一村", kind="村", parent_id="T", has_station=True),
            Unit(id="V2", name="二村", kind="村", parent_id="T", has_station=flag_v2),
            Unit(id="V3", name="三村", kind="村", parent_id="T", has_station=True),
            Unit(id="V4", name="四村", kind="村", parent_id="T"),
        ]
    )


def _records(**kw: object) -> Records:
    stations = [
        Station(id="S1", unit_id="V1", features=FULL),
        Station(id="S3", unit_id="V3", features=["电视机"]),
        Station(id="ST", unit_id="T", features=FULL),
    ]
    return Records(year=2025, stations=stations, **kw)


def test_the_sample_magazine_copies_follow_the_station_records() -> None:
    tree, records = sample_county(), sample_records()
    results = compute_year(tree, records=records, year=2025)
    orgs = magazine_units(tree, records.stations, kinds=SupplyPolicy().magazine_kinds)
    assert results.plan.total.magazines == len(orgs) == 262  # 319 by the has_station flags
    for line in results.plan.level("township"):
        under = {u.id for u in tree.subtree(line.unit_id)}
        assert line.magazines == len(orgs & under), line.unit_id


def test_magazine_copies_and_the_magazine_measure_count_the_same_organisations() -> None:
    tree = _tree()
    records = _records()
    results = compute_year(tree, records=records, year=2025)
    # V1 has 两机一室; V3 lacks a player; the township's own station is no grassroots unit
    assert results.plan.line("T").magazines == 1
    assert results.equipped == frozenset({"V1", "T"})
    rec = Records(year=2025, stations=records.stations, subscriptions=[])
    f = compute_facts(tree, rec, 2025, measures=["magazine_subscription_rate"])
    assert f.get("T", "magazine_subscription_rate") == 0  # 0 of the 1 organisation


def test_flags_that_disagree_with_the_station_records_are_warnings() -> None:
    results = compute_year(_tree(flag_v2=True), records=_records(), year=2025)
    texts = [p.what for p in results.warnings]
    assert any("'V2' has has_station True" in t for t in texts), texts
    assert any("'T' has a station record" in t for t in texts), texts
    assert not any("'V1'" in t or "'V3'" in t for t in texts), texts


def test_a_unit_table_without_flags_gives_no_flag_warnings() -> None:
    units = [Unit(id=u.id, name=u.name, kind=u.kind, parent_id=u.parent_id) for u in _tree()]
    results = compute_year(OrgTree.from_units(units), records=_records(), year=2025)
    assert results.warnings == ()


def test_holdings_that_disagree_with_the_film_sets_are_warnings() -> None:
    sets = [FilmSet(id="A", unit_id="T", film_ids=[], year=2025)]
    results = compute_year(_tree(), records=_records(film_sets=sets), holdings={"T": 2}, year=2025)
    assert [str(p) for p in results.warnings if p.field == "holdings"] == [
        "unit T: holdings: the holdings give 2 film sets, the records' film sets 1"
    ]
    same = compute_year(_tree(), records=_records(film_sets=sets), holdings={"T": 1}, year=2025)
    assert [p for p in same.warnings if p.field == "holdings"] == []


def test_given_holdings_feed_film_supply_rate() -> None:
    tree, records = sample_county(), sample_records()
    holdings = dict(sample_holdings())
    first = next(iter(holdings))
    holdings[first] += 3
    results = compute_year(tree, records=records, holdings=holdings, year=2025)
    assert any(p.unit == first for p in results.warnings)
    for line in results.plan.level("township"):
        rate = results.facts.get(line.unit_id, "film_supply_rate")
        if line.target_sets:
            assert float(rate) == line.held / line.target_sets, line.unit_id


def test_measure_policy_holdings_is_what_film_supply_rate_measures() -> None:
    tree = _tree()
    records = _records(film_sets=[FilmSet(id="A", unit_id="T", film_ids=[], year=2025)])
    plain = compute_facts(tree, records, 2025, measures=["film_supply_rate"])
    policy = MeasurePolicy(holdings={"T": 2})
    given = compute_facts(tree, records, 2025, measures=["film_supply_rate"], policy=policy)
    # 4 villages need 2 sets: the records hold 1, the given holdings 2
    assert plain.get("T", "film_supply_rate") == 0.5
    assert given.get("T", "film_supply_rate") == 1


def test_one_held_sets_function() -> None:
    assert pipeline.held_sets is facts_pkg.held_sets is held_sets


def test_the_sample_flags_that_disagree_are_warnings_on_the_year() -> None:
    # the sample's villages and communities agree; 22 other units do not (tests/test_model_input)
    tree, records = sample_county(), sample_records()
    results = compute_year(tree, records=records, year=2025)
    flagged = {u.id for u in tree if u.has_station}
    recorded = {s.unit_id for s in records.stations}
    assert len(results.warnings) == len(flagged ^ recorded) == 22
    for u in tree.units(kind=["村", "社区"]):
        assert (u.id in flagged) == (u.id in recorded), u.id


def test_a_policy_file_feeds_the_plan_and_film_supply_rate() -> None:
    # before, a policy given as a file reached MeasurePolicy(supply=path) and failed there
    path = Path(__file__).parent / "data" / "v0_1_0" / "seed001.toml"
    tree, records = sample_county(), sample_records()
    results = compute_year(tree, records=records, policy=str(path), year=2025)
    assert results.plan.policy == SupplyPolicy.preset(name="seed001")
    for line in results.plan.level("township"):
        if line.target_sets:
            rate = results.facts.get(line.unit_id, "film_supply_rate")
            assert float(rate) == line.held / line.target_sets, line.unit_id
