"""Supply under a budget (预算内补充供片): which townships get the sets a county can afford.

A county buys supplementary sets 补充教材 ([film supply][concept-supply]); with a budget smaller
than the shortfall it must choose. What the budget buys is **shortfall** (``target − held`` per
township, DOMAIN §10): never more than a township's shortfall. Each set costs what the policy
says for its [`SetSource`][pmedu.supply.policy.SetSource] (whole yuan). The objectives:

``"served"`` (default)
    the villages served, Σ over townships of ``min(villages, villages_per_set × sets held)``;
``"standard"``
    the most townships reaching their target (then the most villages served);
``"minmax"``
    the smallest largest shortfall left (then the most villages served);
``"proportional"``
    the affordable sets apportioned by shortfall with [`apportion`][pmedu.apportion.apportion].

The first three are solved exactly, by dynamic programming over the budget in units of the
greatest common divisor of the costs (when every set costs the same, that is a table over sets):
``O(Σ shortfall × budget / gcd)``. Proportional apportionment is always computed beside it.

>>> p = BudgetProblem(ids=("A", "B", "C"), villages=(9, 3, 6), target=(3, 1, 2),
...                   held=(0, 0, 1), cost=(400, 400, 400), villages_per_set=3)
>>> p.solve(budget=1200), p.served(p.solve(budget=1200))
((3, 0, 0), 12)
>>> p.solve(budget=1200, objective="standard"), p.solve(budget=1200, objective="minmax")
((1, 1, 1), (3, 0, 0))
>>> p.greedy(budget=1200), p.proportional(budget=1200)
((3, 0, 0), (2, 1, 0))
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import attrs

from pmedu.apportion import apportion
from pmedu.labels import LabelledEnum
from pmedu.supply.plan import SupplyPlan
from pmedu.supply.policy import SetSource

__all__ = ["BudgetChoice", "BudgetLine", "BudgetPlan", "BudgetProblem", "Objective", "plan_budget"]


class Objective(LabelledEnum):
    """What a budget plan maximises (see the module text).

    >>> Objective.parse("达标").value
    'standard'
    """

    @classmethod
    def noun(cls) -> str:
        return "objective"

    SERVED = ("served", "服务村数最多", ("villages", "村数", "服务村数"))
    STANDARD = ("standard", "达标乡镇最多", ("达标", "target", "reached"))
    MINMAX = ("minmax", "最大缺口最小", ("min_max", "最大缺口"))
    PROPORTIONAL = ("proportional", "按缺口比例分配", ("按比例", "apportion"))


def _whole(name: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be a whole number of yuan, got {value!r}")
    if value < 0:
        raise ValueError(f"{name} must be >= 0: {value}")
    return value


def _ints(value: Sequence[int]) -> tuple[int, ...]:
    return tuple(value)


def _strs(value: Sequence[str]) -> tuple[str, ...]:
    return tuple(value)


@attrs.frozen
class BudgetProblem:
    """The numbers of one budget question: per township its villages, target sets, sets held
    and the cost of one more set (yuan > 0), and the policy's villages per set.

    >>> p = BudgetProblem(ids=("A",), villages=(7,), target=(3,), held=(1,), cost=(400,),
    ...                   villages_per_set=3)
    >>> p.shortfall, p.served((1,)), p.cost_of((2,))
    ((2,), 6, 800)
    """

    ids: tuple[str, ...] = attrs.field(converter=_strs)
    villages: tuple[int, ...] = attrs.field(converter=_ints)
    target: tuple[int, ...] = attrs.field(converter=_ints)
    held: tuple[int, ...] = attrs.field(converter=_ints)
    cost: tuple[int, ...] = attrs.field(converter=_ints)
    villages_per_set: int = 3

    def __attrs_post_init__(self) -> None:
        n = len(self.ids)
        if any(len(x) != n for x in (self.villages, self.target, self.held, self.cost)):
            raise ValueError("every column of a budget problem must have one entry per township")
        if any(c <= 0 for c in self.cost):
            raise ValueError("every set must cost more than 0 yuan")
        if self.villages_per_set <= 0:
            raise ValueError(f"villages_per_set must be > 0: {self.villages_per_set}")

    @property
    def shortfall(self) -> tuple[int, ...]:
        """``max(0, target − held)`` per township: the most a budget buys there."""
        return tuple(max(0, t - h) for t, h in zip(self.target, self.held, strict=True))

    def _served_one(self, i: int, x: int) -> int:
        return min(self.villages[i], self.villages_per_set * (self.held[i] + x))

    def served(self, sets: Sequence[int]) -> int:
        """Villages served when ``sets`` more are bought: Σ min(villages, k × (held + sets))."""
        return sum(self._served_one(i, x) for i, x in enumerate(sets))

    def reached(self, sets: Sequence[int]) -> int:
        """Townships whose held plus bought sets reach their target."""
        return sum(h + x >= t for h, x, t in zip(self.held, sets, self.target, strict=True))

    def largest_shortfall(self, sets: Sequence[int]) -> int:
        """The largest shortfall left after buying ``sets`` (0 with no townships)."""
        return max((s - x for s, x in zip(self.shortfall, sets, strict=True)), default=0)

    def cost_of(self, sets: Sequence[int]) -> int:
        """What ``sets`` cost in yuan."""
        return sum(c * x for c, x in zip(self.cost, sets, strict=True))

    def solve(
        self, *, budget: int, objective: Objective | str = Objective.SERVED
    ) -> tuple[int, ...]:
        """Sets to buy per township within ``budget`` yuan, exactly optimal for ``objective``
        (``"proportional"`` gives [`proportional`][pmedu.supply.budget.BudgetProblem.proportional]).

        >>> BudgetProblem(ids=("A", "B"), villages=(3, 6), target=(1, 2), held=(0, 0),
        ...               cost=(500, 300)).solve(budget=600)
        (0, 2)
        """
        _whole("budget", budget)
        obj = Objective.parse(objective)
        if obj is Objective.PROPORTIONAL:
            return self.proportional(budget=budget)
        short = self.shortfall
        lo = [0] * len(short)
        if obj is Objective.MINMAX:
            lo = self._minmax_floor(budget, short)
            budget -= self.cost_of(lo)
        value: Callable[[int, int], int] = self._served_one
        if obj is Objective.STANDARD:
            big = sum(self.villages) + 1

            def value(i: int, x: int) -> int:
                reach = self.held[i] + x >= self.target[i]
                return big * reach + self._served_one(i, x)

        extra = _knapsack(
            [s - a for s, a in zip(short, lo, strict=True)],
            self.cost,
            budget,
            lambda i, x: value(i, lo[i] + x),
        )
        return tuple(a + x for a, x in zip(lo, extra, strict=True))

    def _minmax_floor(self, budget: int, short: Sequence[int]) -> list[int]:
        """The purchases forced by the smallest largest shortfall ``M`` affordable: ``M`` is
        the least with Σ cost × max(0, shortfall − M) ≤ budget (a binary search)."""

        def need(m: int) -> int:
            return sum(c * (s - m) for c, s in zip(self.cost, short, strict=True) if s > m)

        a, b = 0, max(short, default=0)
        while a < b:
            m = (a + b) // 2
            if need(m) <= budget:
                b = m
            else:
                a = m + 1
        return [max(0, s - a) for s in short]

    def proportional(self, *, budget: int, method: str = "hamilton") -> tuple[int, ...]:
        """The most sets the budget affords, apportioned by shortfall (``method`` of
        [`apportion`][pmedu.apportion.apportion]); never more than a shortfall, never over
        the budget.

        >>> BudgetProblem(ids=("A", "B"), villages=(9, 3), target=(3, 1), held=(0, 0),
        ...               cost=(400, 400)).proportional(budget=1200)
        (2, 1)
        """
        _whole("budget", budget)
        short = self.shortfall
        need = [i for i, s in enumerate(short) if s > 0]
        if not need:
            return tuple(0 for _ in short)
        weights = [short[i] for i in need]

        def split(n: int) -> list[int]:
            return apportion(n, weights, method=method) if n else [0] * len(need)

        def cost(shares: Sequence[int]) -> int:
            return sum(self.cost[i] * x for i, x in zip(need, shares, strict=True))

        a, b = 0, min(sum(weights), budget // min(self.cost[i] for i in need))
        while a < b:  # the largest n whose apportionment is affordable
            m = (a + b + 1) // 2
            if cost(split(m)) <= budget:
                a = m
            else:
                b = m - 1
        out = [0] * len(short)
        for i, x in zip(need, split(a), strict=True):
            out[i] = min(x, short[i])
        return tuple(out)

    def greedy(self, *, budget: int) -> tuple[int, ...]:
        """A greedy choice (the baseline the solver beats): buy, one set at a time, the
        affordable set with the most villages served per yuan.

        >>> BudgetProblem(ids=("A", "B"), villages=(3, 6), target=(1, 2), held=(0, 0),
        ...               cost=(500, 300)).greedy(budget=600)
        (0, 2)
        """
        left = _whole("budget", budget)
        short = self.shortfall
        out = [0] * len(short)

        def key(i: int) -> tuple[float, int]:
            gain = self._served_one(i, out[i] + 1) - self._served_one(i, out[i])
            return (-gain / self.cost[i], i)

        heap = [key(i) for i, s in enumerate(short) if s > 0]
        heapq.heapify(heap)
        while heap:
            _, i = heapq.heappop(heap)
            if self.cost[i] > left:
                continue
            out[i] += 1
            left -= self.cost[i]
            if out[i] < short[i]:
                heapq.heappush(heap, key(i))
        return tuple(out)


def _knapsack(
    upper: Sequence[int], cost: Sequence[int], budget: int, value: Callable[[int, int], int]
) -> list[int]:
    """Exact: ``x_i ∈ [0, upper_i]`` maximising Σ value(i, x_i) with Σ cost_i x_i ≤ budget.

    A table over the budget in units of the gcd of the costs; one row of choices per township
    with something to buy; ties keep the fewer sets (the first found).
    """
    items = [i for i, u in enumerate(upper) if u > 0]
    out = [0] * len(upper)
    if not items:
        return out
    g = math.gcd(*(cost[i] for i in items))
    width = budget // g
    dp = [0] * (width + 1)
    rows: list[list[int]] = []
    for i in items:
        w = cost[i] // g
        base = value(i, 0)
        new = [a + base for a in dp]
        pick = [0] * (width + 1)
        for x in range(1, min(upper[i], width // w) + 1):
            s, fx = x * w, value(i, x)
            for b in range(s, width + 1):
                cand = dp[b - s] + fx
                if cand > new[b]:
                    new[b] = cand
                    pick[b] = x
        rows.append(pick)
        dp = new
    b = width
    for i, pick in zip(reversed(items), reversed(rows), strict=True):
        out[i] = pick[b]
        b -= pick[b] * (cost[i] // g)
    return out


@attrs.frozen
class BudgetLine:
    """One township of a [`BudgetPlan`][pmedu.supply.budget.BudgetPlan]: its supply numbers and
    what one more set costs it.

    >>> BudgetLine("T", "东镇", 7, 3, 1, 2, 400).shortfall
    2
    """

    unit_id: str
    name: str
    villages: int
    target_sets: int
    held: int
    shortfall: int
    cost_per_set: int


@attrs.frozen
class BudgetChoice:
    """One choice of sets per township (in the plan's line order) and what it gives.

    >>> c = BudgetChoice("served", (2, 1), 1200, 9, 1, 1)
    >>> c.total_sets, c.to_record()["villages_served"]
    (3, 9)
    """

    objective: str
    sets: tuple[int, ...] = attrs.field(converter=_ints)
    cost: int
    villages_served: int
    townships_reaching_target: int
    largest_shortfall: int

    @property
    def total_sets(self) -> int:
        """Sets bought in all."""
        return sum(self.sets)

    def to_record(self) -> dict[str, Any]:
        """The choice's totals as a plain dict."""
        return {
            "choice": self.objective,
            "sets": self.total_sets,
            "cost": self.cost,
            "villages_served": self.villages_served,
            "townships_reaching_target": self.townships_reaching_target,
            "largest_shortfall": self.largest_shortfall,
        }


@attrs.frozen
class BudgetPlan:
    """Sets per township under a budget: the chosen objective's exact choice and proportional
    apportionment beside it.

    >>> from pmedu.supply.plan import plan_supply
    >>> from pmedu import OrgTree, Unit
    >>> units = [Unit(id="C", name="某县", kind="县")]
    >>> for t, n in [("T1", 7), ("T2", 3), ("T3", 11), ("T4", 1)]:
    ...     units.append(Unit(id=t, name=t, kind="镇", parent_id="C"))
    ...     units += [Unit(id=f"{t}-V{i}", name="村", kind="村", parent_id=t) for i in range(n)]
    >>> bp = plan_budget(plan_supply(OrgTree.from_units(units)), budget=2000)
    >>> bp.choice.sets, bp.choice.cost, bp.choice.villages_served
    ((2, 1, 2, 0), 2000, 15)
    >>> bp.proportional.sets, bp.proportional.villages_served
    ((2, 1, 2, 0), 15)
    >>> bp.to_records()[0]["sets"], bp.summary_records()[1]["choice"]
    (2, 'proportional')
    """

    budget: int
    objective: Objective
    source: SetSource
    lines: tuple[BudgetLine, ...]
    choice: BudgetChoice
    proportional: BudgetChoice
    villages_per_set: int = 3

    @property
    def choices(self) -> tuple[BudgetChoice, ...]:
        """The chosen objective's choice, then proportional's (once when they are the same)."""
        if self.objective is Objective.PROPORTIONAL:
            return (self.choice,)
        return (self.choice, self.proportional)

    def to_records(self) -> list[dict[str, Any]]:
        """One record per township: its numbers, then sets, cost and villages served under
        each choice (``sets``, ``cost``, ``villages_served`` for the objective; the same
        with ``_proportional`` for proportional apportionment)."""
        out = []
        for j, line in enumerate(self.lines):
            rec = attrs.asdict(line)
            for c in self.choices:
                suffix = "" if c is self.choice else "_proportional"
                x = c.sets[j]
                rec["sets" + suffix] = x
                rec["cost" + suffix] = x * line.cost_per_set
                rec["villages_served" + suffix] = min(
                    line.villages, self.villages_per_set * (line.held + x)
                )
            out.append(rec)
        return out

    def summary_records(self) -> list[dict[str, Any]]:
        """One record per choice: sets, cost, villages served, townships at target, largest
        shortfall left."""
        return [c.to_record() for c in self.choices]


def _choice(problem: BudgetProblem, name: str, sets: tuple[int, ...]) -> BudgetChoice:
    return BudgetChoice(
        objective=name,
        sets=sets,
        cost=problem.cost_of(sets),
        villages_served=problem.served(sets),
        townships_reaching_target=problem.reached(sets),
        largest_shortfall=problem.largest_shortfall(sets),
    )


def plan_budget(
    plan: SupplyPlan,
    *,
    budget: int,
    objective: Objective | str = Objective.SERVED,
    source: SetSource | str | None = None,
    costs: Mapping[str, int] | None = None,
    method: str = "hamilton",
) -> BudgetPlan:
    """Sets per township of ``plan`` that ``budget`` yuan buys, exact for ``objective``, with
    proportional apportionment (``method``) beside it.

    A set costs the plan policy's price for ``source`` (default its ``budget_source``);
    ``costs`` (township id → yuan) overrides it per township. Townships are the plan's
    township-level lines (乡镇/街道).

    >>> from pmedu.supply.plan import plan_supply
    >>> from pmedu import OrgTree, Unit
    >>> t = OrgTree.from_units([Unit(id="T", name="东镇", kind="镇")] +
    ...     [Unit(id=f"V{i}", name="村", kind="村", parent_id="T") for i in range(6)])
    >>> plan_budget(plan_supply(t), budget=500, source="subscribed").choice.sets
    (1,)
    """
    obj = Objective.parse(objective)
    _whole("budget", budget)
    pol = plan.policy
    price = pol.set_cost(source=source)
    src = pol.budget_source if source is None else SetSource.parse(source)
    costs = dict(costs or {})
    towns = plan.level("township")
    lines = tuple(
        BudgetLine(
            unit_id=x.unit_id,
            name=x.name,
            villages=x.villages,
            target_sets=x.target_sets,
            held=x.held,
            shortfall=x.shortfall,
            cost_per_set=_whole(f"cost of {x.unit_id}", costs.get(x.unit_id, price)),
        )
        for x in towns
    )
    problem = BudgetProblem(
        ids=[x.unit_id for x in lines],
        villages=[x.villages for x in lines],
        target=[x.target_sets for x in lines],
        held=[x.held for x in lines],
        cost=[x.cost_per_set for x in lines],
        villages_per_set=pol.villages_per_set,
    )
    prop = _choice(problem, "proportional", problem.proportional(budget=budget, method=method))
    chosen = (
        prop
        if obj is Objective.PROPORTIONAL
        else _choice(problem, obj.value, problem.solve(budget=budget, objective=obj))
    )
    return BudgetPlan(
        budget=budget,
        objective=obj,
        source=src,
        lines=lines,
        choice=chosen,
        proportional=prop,
        villages_per_set=pol.villages_per_set,
    )
