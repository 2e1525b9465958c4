"""Supply under a budget (issue 18, deliverable 3): the exact solver, proportional
apportionment beside it, the policy's set costs, and ``pmedu supply --budget``."""

from __future__ import annotations

import contextlib
import io
import itertools
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pmedu import OrgTree, Unit
from pmedu.cli import main
from pmedu.datasets import sample_path
from pmedu.errors import PolicyError
from pmedu.supply import (
    BudgetProblem,
    Objective,
    SetSource,
    SupplyPolicy,
    plan_budget,
    plan_supply,
)
from strategies import budget_problems, budgets

SOLVED = [Objective.SERVED, Objective.STANDARD, Objective.MINMAX]


def _county(
    villages: list[int], held: dict[str, int] | None = None
) -> tuple[OrgTree, dict[str, int]]:
    units = [Unit(id="C", name="某县", kind="县")]
    for i, n in enumerate(villages):
        t = f"T{i}"
        units.append(Unit(id=t, name=f"镇{i}", kind="镇", parent_id="C"))
        units += [Unit(id=f"{t}-V{j}", name="村", kind="村", parent_id=t) for j in range(n)]
    return OrgTree.from_units(units), dict(held or {})


def _all_choices(p: BudgetProblem, budget: int) -> list[tuple[int, ...]]:
    ranges = [range(s + 1) for s in p.shortfall]
    return [x for x in itertools.product(*ranges) if p.cost_of(x) <= budget]


def _score(p: BudgetProblem, x: tuple[int, ...], obj: Objective) -> tuple[int, ...]:
    if obj is Objective.STANDARD:
        return (p.reached(x), p.served(x))
    if obj is Objective.MINMAX:
        return (-p.largest_shortfall(x), p.served(x))
    return (p.served(x),)


# ---- the policy's costs ------------------------------------------------------------------


def test_presets_ship_placeholder_costs() -> None:
    for name in SupplyPolicy.presets():
        p = SupplyPolicy.preset(name=name)
        costs = (p.set_cost_subscribed, p.set_cost_supplementary, p.set_cost_local)
        assert costs == (300, 400, 600)
        assert p.budget_source is SetSource.SUPPLEMENTARY
        assert p.set_cost() == 400


def test_cost_fields_are_validated_by_name() -> None:
    with pytest.raises(PolicyError, match=r"set_cost_local.*> 0"):
        SupplyPolicy.from_document({"set_cost_local": 0}, source="p.toml")
    with pytest.raises(PolicyError, match="budget_source"):
        SupplyPolicy.from_document({"budget_source": "bought"}, source="p.toml")
    assert SupplyPolicy(budget_source="自制").set_cost() == 600


# ---- the solver --------------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(p=budget_problems(), budget=budgets, obj=st.sampled_from(list(Objective)))
def test_never_over_budget_never_beyond_a_shortfall(
    p: BudgetProblem, budget: int, obj: Objective
) -> None:
    x = p.solve(budget=budget, objective=obj)
    assert len(x) == len(p.ids)
    assert p.cost_of(x) <= budget
    assert all(0 <= a <= s for a, s in zip(x, p.shortfall, strict=True))


@settings(max_examples=150, deadline=None)
@given(p=budget_problems(), budget=budgets)
def test_served_beats_proportional_and_greedy(p: BudgetProblem, budget: int) -> None:
    best = p.served(p.solve(budget=budget))
    for other in (p.proportional(budget=budget), p.greedy(budget=budget)):
        assert p.cost_of(other) <= budget
        assert all(0 <= a <= s for a, s in zip(other, p.shortfall, strict=True))
        assert best >= p.served(other)


@settings(max_examples=100, deadline=None)
@given(p=budget_problems(), budget=budgets)
def test_standard_and_minmax_beat_proportional_and_greedy(p: BudgetProblem, budget: int) -> None:
    others = (p.proportional(budget=budget), p.greedy(budget=budget))
    std = p.solve(budget=budget, objective="standard")
    mm = p.solve(budget=budget, objective="minmax")
    for other in others:
        assert p.reached(std) >= p.reached(other)
        assert p.largest_shortfall(mm) <= p.largest_shortfall(other)


@settings(max_examples=150, deadline=None)
@given(
    p=budget_problems(max_townships=4, max_villages=9),
    budget=st.integers(0, 2_500),
    obj=st.sampled_from(SOLVED),
)
def test_brute_force_agrees_on_tiny_instances(
    p: BudgetProblem, budget: int, obj: Objective
) -> None:
    best = max(_score(p, x, obj) for x in _all_choices(p, budget))
    assert _score(p, p.solve(budget=budget, objective=obj), obj) == best


@settings(max_examples=60, deadline=None)
@given(p=budget_problems(same_cost=True), budget=budgets)
def test_with_one_price_greedy_is_optimal_for_served(p: BudgetProblem, budget: int) -> None:
    # served is concave in the sets bought, so with one price the greedy choice is exact
    assert p.served(p.solve(budget=budget)) == p.served(p.greedy(budget=budget))


def test_proportional_spends_by_shortfall() -> None:
    p = BudgetProblem(
        ids=("A", "B", "C"),
        villages=(30, 9, 3),
        target=(10, 3, 1),
        held=(0, 0, 1),
        cost=(400, 400, 400),
    )
    assert p.proportional(budget=2000) == (4, 1, 0)
    assert p.proportional(budget=10**6) == p.shortfall


def test_bad_budget() -> None:
    p = BudgetProblem(ids=("A",), villages=(3,), target=(1,), held=(0,), cost=(400,))
    with pytest.raises(ValueError, match="budget must be >= 0"):
        p.solve(budget=-1)
    with pytest.raises(TypeError, match="whole number of yuan"):
        p.solve(budget=1.5)  # type: ignore[arg-type]


def test_villages_per_set_comes_from_the_policy() -> None:
    tree, _ = _county([10, 4])
    pol = SupplyPolicy(villages_per_set=5)
    bp = plan_budget(plan_supply(tree, policy=pol), budget=400)
    assert bp.choice.sets == (1, 0)
    assert bp.choice.villages_served == 5


# ---- the plan ----------------------------------------------------------------------------


def test_plan_budget_records_and_frozen() -> None:
    tree, held = _county([7, 3, 11, 1], {"T2": 1})
    bp = plan_budget(plan_supply(tree, holdings=held), budget=1200, objective="minmax")
    recs = bp.to_records()
    assert [r["unit_id"] for r in recs] == ["T0", "T1", "T2", "T3"]
    assert sum(r["cost"] for r in recs) == bp.choice.cost <= 1200
    assert {"sets_proportional", "villages_served_proportional"} <= set(recs[0])
    assert [r["choice"] for r in bp.summary_records()] == ["minmax", "proportional"]
    with pytest.raises(AttributeError):
        bp.budget = 5  # type: ignore[misc]
    costly = plan_budget(plan_supply(tree), budget=1200, costs={"T0": 1200})
    assert costly.lines[0].cost_per_set == 1200


# ---- the command -------------------------------------------------------------------------


def _run(argv: list[str]) -> tuple[int, str]:
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        status = main(argv=argv)
    return status, buf.getvalue()


def test_cli_budget_text_and_json() -> None:
    status, text = _run(
        ["supply", str(sample_path()), "--budget", "20000", "--objective", "served"]
    )
    assert status == 0
    assert "served (prop.)" in text
    assert "budget 20,000 yuan" in text
    status, out = _run(["supply", str(sample_path()), "--budget", "20000", "--format", "json"])
    doc = json.loads(out)
    choices = doc["tables"]["choices"]
    assert [c["choice"] for c in choices] == ["served", "proportional"]
    assert choices[0]["villages_served"] >= choices[1]["villages_served"]
    assert all(c["cost"] <= 20000 for c in choices)
    status, out = _run(["supply", str(sample_path()), "--budget", "500", "--format", "csv"])
    assert out.startswith("# table: townships\n")
    assert "# table: choices" in out
