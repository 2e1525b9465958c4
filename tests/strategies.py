"""Hypothesis strategies shared by every test module: valid trees, units, and (as the
subpackages grow) policies, rubrics and records.

Trees are drawn the way hypothesis-networkx does it: node ``n`` takes a parent among the
nodes ``0 … n-1``, so every draw is a valid tree and failures shrink toward small paths.
Kinds are chosen so that the default hierarchy rules allow every parent/child pair.
"""

from __future__ import annotations

from hypothesis import strategies as st

from pmedu import OrgTree, Unit, UnitKind
from pmedu.network import HierarchyRules

_RULES = HierarchyRules.preset("default")
ALL_KINDS = list(UnitKind)
#: the administrative ladder a generated tree follows, top down
LADDER = [UnitKind.COUNTY, UnitKind.TOWNSHIP, UnitKind.VILLAGE]

counts = st.integers(min_value=0, max_value=500)


@st.composite
def unit_lists(
    draw: st.DrawFn,
    min_size: int = 1,
    max_size: int = 40,
    root_kind: UnitKind = UnitKind.COUNTY,
) -> list[Unit]:
    """A list of units forming a valid tree under the default rules (root first)."""
    n = draw(st.integers(min_value=min_size, max_value=max_size))
    units: list[Unit] = []
    for i in range(n):
        if i == 0:
            parent = None
            kind = root_kind
        else:
            p = draw(st.integers(min_value=0, max_value=i - 1))
            parent = units[p]
            options = sorted(_RULES.allowed_under(parent.kind), key=lambda k: k.value)
            if not options:
                # a leaf kind: hang the new unit on the root instead
                parent = units[0]
                options = sorted(_RULES.allowed_under(parent.kind), key=lambda k: k.value)
            kind = draw(st.sampled_from(options))
        members = draw(counts)
        retired = draw(st.none() | st.integers(min_value=0, max_value=members))
        units.append(
            Unit(
                id=f"U{i:04d}",
                name=draw(st.sampled_from(["东", "西", "南", "北", "石桥", "河口"])) + f"{i}",
                kind=kind,
                parent_id=None if parent is None else parent.id,
                members=members,
                retired=retired,
                has_station=draw(st.booleans()),
            )
        )
    return units


@st.composite
def trees(draw: st.DrawFn, min_size: int = 1, max_size: int = 40) -> OrgTree:
    """A valid :class:`OrgTree` rooted at a county."""
    return OrgTree.from_units(draw(unit_lists(min_size=min_size, max_size=max_size)))
