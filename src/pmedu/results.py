"""One year's results (年度结果), already computed: data only.

A :class:`YearResults` holds the tree and everything :func:`pmedu.pipeline.compute_year`
computed from the year's inputs: the film supply plan, the station gap list and the
assessment (each ``None`` when its inputs were not given). The report, the workbook and the
command line render it; nothing here computes, and this module imports no computing module.

>>> from pmedu.network import OrgTree
>>> from pmedu.model import Unit
>>> tree = OrgTree.from_units([Unit(id="C", name="某县", kind="县")])
>>> r = YearResults(tree=tree, year=2025)
>>> r.year, r.plan, r.gap_list, r.assessment
(2025, None, None, None)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import attrs

from pmedu.network import OrgTree

__all__ = ["Gap", "Progress", "YearResults"]

#: a progress callback: receives one short message per step
Progress = Callable[[str], None]

#: one station gap: ``(station, standard, missing items)``
Gap = tuple[Any, Any, tuple[Any, ...]]


def _gaps(value: Iterable[Gap] | None) -> tuple[Gap, ...] | None:
    return None if value is None else tuple((s, std, tuple(m)) for s, std, m in value)


@attrs.frozen(kw_only=True)
class YearResults:
    """The tree and the year's computed objects.

    ``plan`` is a :class:`pmedu.supply.SupplyPlan`; ``gap_list`` the ``(station, standard,
    missing items)`` triples of the stations that fall short (``None`` when no station is
    known); ``assessment`` a :class:`pmedu.scoring.Assessment` (``None`` without facts);
    ``facts`` the facts it was scored from; ``year`` the year reported on.

    >>> from pmedu.network import OrgTree
    >>> from pmedu.model import Unit
    >>> t = OrgTree.from_units([Unit(id="C", name="某县", kind="县")])
    >>> YearResults(tree=t, gap_list=[]).gap_list
    ()
    """

    tree: OrgTree = attrs.field(validator=attrs.validators.instance_of(OrgTree))
    plan: Any = None
    gap_list: tuple[Gap, ...] | None = attrs.field(default=None, converter=_gaps)
    assessment: Any = None
    facts: Any = None
    year: int | None = None

    def parts(self) -> dict[str, Any]:
        """The computed objects as keyword arguments (``plan``, ``gap_list``,
        ``assessment``), as :func:`pmedu.report.assemble_report` and
        :func:`pmedu.io.xlsx.write_workbook` take them.

        >>> from pmedu.network import OrgTree
        >>> from pmedu.model import Unit
        >>> t = OrgTree.from_units([Unit(id="C", name="某县", kind="县")])
        >>> sorted(YearResults(tree=t).parts())
        ['assessment', 'gap_list', 'plan']
        """
        gaps = None if self.gap_list is None else list(self.gap_list)
        return {"plan": self.plan, "gap_list": gaps, "assessment": self.assessment}
