"""The results of an assessment, as data: scorecards and their lines, rankings, roll-ups and
year-on-year changes (computed by [`pmedu.scoring.assess.assess`][pmedu.scoring.assess.assess];
nothing here imports it).

[`Assessment.ranking`][pmedu.scoring.results.Assessment.ranking] ranks units within a peer group
with standard competition ranking (1, 2, 2, 4) or dense ranking (1, 2, 2, 3); ranks are counted from
the totals, never derived from a sort order, so equal totals always share a rank and the input order
never matters.

>>> from pmedu.scoring.assess import demo_assessment
>>> [(e.unit_id, e.rank) for e in demo_assessment([80, 90]).ranking()]
[('T2', 1), ('T1', 2)]
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Literal

import attrs

from pmedu.errors import UnknownUnitError
from pmedu.frames import records_frame, records_html, short
from pmedu.labels import UnitKind, parse_kinds
from pmedu.network import OrgTree
from pmedu.scoring.decimals import ZERO, fmt, points_text
from pmedu.scoring.schema import Rubric, VetoEffect, VetoRank
from pmedu.tables import format_table

__all__ = [
    "Assessment",
    "Change",
    "RankEntry",
    "Ranking",
    "RollupLine",
    "ScoreLine",
    "Scorecard",
    "Section",
    "VetoLine",
]

Section = Literal["indicator", "bonus"]


@attrs.frozen
class ScoreLine:
    """One line of a scorecard: where an indicator's (or bonus item's) points came from.

    ``missing`` is true when the fact was absent (the rubric's ``missing`` policy applied);
    ``not_applicable`` when the fact is present but ``None`` (nothing to divide by: the
    rubric's ``not_applicable`` policy applied); ``note`` says why the points are what they
    are when it is not obvious.

    >>> from pmedu.scoring.assess import demo_assessment
    >>> ln = demo_assessment([80]).scorecard("T1").line("A")
    >>> ln.actual, ln.target, ln.points, ln.possible, ln.lost, ln.missing
    (Decimal('80'), Decimal('100'), Decimal('80.00'), Decimal('100'), Decimal('20.00'), False)
    >>> ln.rule
    'ratio: 100 × min(1, actual / 100)'
    """

    code: str
    name: str
    category: str
    measure: str
    actual: Decimal | None
    target: Decimal | None
    rule: str
    points: Decimal
    possible: Decimal
    missing: bool = attrs.field(default=False, kw_only=True)
    note: str = attrs.field(default="", kw_only=True)
    section: Section = attrs.field(default="indicator", kw_only=True)
    not_applicable: bool = attrs.field(default=False, kw_only=True)

    @property
    def lost(self) -> Decimal:
        """Points not earned (``possible − points``)."""
        return self.possible - self.points


@attrs.frozen
class VetoLine:
    """A veto item 一票否决 checked for a unit: the actual value and whether it failed.

    >>> import attrs
    >>> from pmedu.scoring.assess import demo_assessment
    >>> from pmedu.facts import Facts
    >>> from pmedu.scoring.assess import assess
    >>> from pmedu.scoring.schema import Condition, VetoItem
    >>> base = demo_assessment([95])
    >>> rubric = attrs.evolve(base.rubric, veto=[VetoItem(
    ...     code="V1", name="经费挪用", measure="funds_misused", fails_when=Condition(">", 0))])
    >>> facts = Facts.from_records([("T1", "m", 95), ("T1", "funds_misused", 1)])
    >>> card = assess(base.tree, facts, rubric).scorecard("T1")
    >>> v = card.vetoes[0]
    >>> v.actual, v.condition, v.failed, v.effect.label
    (Decimal('1'), '> 0', True, '降为最低等次')
    >>> card.total, card.grade, card.vetoed
    (Decimal('95.00'), '不合格', True)
    """

    code: str
    name: str
    measure: str
    actual: Decimal | None
    condition: str
    failed: bool
    effect: VetoEffect
    note: str = attrs.field(default="", kw_only=True)


@attrs.frozen
class Scorecard:
    """A unit's full score: indicator lines, bonus lines, veto lines, total and grade.

    ``total = indicator_points + bonus`` (bonus already capped), or 0 when a failed veto
    item's effect is ``zero``; ``grade`` is the band's name (the lowest band when any veto
    item failed).

    >>> from pmedu.scoring.assess import demo_assessment
    >>> card = demo_assessment([80]).scorecard("T1")
    >>> card.unit_name, card.indicator_points, card.bonus, card.total, card.grade
    ('镇1', Decimal('80.00'), Decimal('0'), Decimal('80.00'), '良好')
    >>> card.vetoed, card.missing, [r["points"] for r in card.to_records()]
    (False, (), [Decimal('80.00')])
    >>> print(card.explain().splitlines()[0])
    镇1 (T1): 80.00 points, 良好
    """

    unit_id: str
    unit_name: str
    kind: UnitKind
    lines: tuple[ScoreLine, ...]
    bonus_lines: tuple[ScoreLine, ...]
    vetoes: tuple[VetoLine, ...]
    indicator_points: Decimal
    bonus_raw: Decimal
    bonus: Decimal
    total: Decimal
    grade: str
    possible: Decimal
    applicable: Decimal | None = attrs.field(default=None, kw_only=True)

    @property
    def rescaled(self) -> bool:
        """Whether the indicator points were rescaled 折算 over the points applicable."""
        return self.applicable is not None and self.applicable != self.possible

    @property
    def not_applicable(self) -> tuple[str, ...]:
        """The measures of the indicator lines that were not applicable 不适用."""
        return tuple(ln.measure for ln in self.lines if ln.not_applicable)

    @property
    def vetoed(self) -> bool:
        """Whether any veto item failed."""
        return any(x.failed for x in self.vetoes)

    @property
    def missing(self) -> tuple[str, ...]:
        """The measures of the indicator lines whose fact was missing."""
        return tuple(ln.measure for ln in self.lines if ln.missing)

    def line(self, code: str) -> ScoreLine:
        """The indicator or bonus line with this code (``KeyError`` if absent)."""
        for ln in (*self.lines, *self.bonus_lines):
            if ln.code == code:
                return ln
        raise KeyError(code)

    def to_records(self) -> list[dict[str, Any]]:
        """One plain dict per indicator, bonus and veto line (for export)."""
        out: list[dict[str, Any]] = []
        for ln in (*self.lines, *self.bonus_lines):
            out.append(
                {
                    "unit_id": self.unit_id,
                    "unit_name": self.unit_name,
                    "section": ln.section,
                    "code": ln.code,
                    "name": ln.name,
                    "category": ln.category,
                    "measure": ln.measure,
                    "actual": ln.actual,
                    "target": ln.target,
                    "rule": ln.rule,
                    "points": ln.points,
                    "possible": ln.possible,
                    "missing": ln.missing,
                    "not_applicable": ln.not_applicable,
                    "note": ln.note,
                }
            )
        for x in self.vetoes:
            out.append(
                {
                    "unit_id": self.unit_id,
                    "unit_name": self.unit_name,
                    "section": "veto",
                    "code": x.code,
                    "name": x.name,
                    "category": "veto",
                    "measure": x.measure,
                    "actual": x.actual,
                    "target": None,
                    "rule": f"fails when {x.condition}",
                    "points": None,
                    "possible": None,
                    "missing": x.actual is None,
                    "note": x.note,
                }
            )
        return out

    def to_pandas(self) -> Any:
        """The lines of [`to_records`][pmedu.scoring.results.Scorecard.to_records] as a
        ``pandas.DataFrame``, ``actual``, ``target``, ``points`` and ``possible`` as floats
        (``NaN`` where there is none); needs ``pmedu[pandas]``.

        >>> from pmedu.scoring.assess import demo_assessment
        >>> demo_assessment([80]).scorecard("T1").to_pandas()["points"].sum()  # doctest: +SKIP
        np.float64(80.0)
        """
        return records_frame(
            self.to_records(),
            numeric=["actual", "target", "points", "possible"],
            feature="Scorecard.to_pandas()",
        )

    def __repr__(self) -> str:
        """One line: the unit, its total and grade, missing facts and a veto.

        >>> from pmedu.scoring.assess import demo_assessment
        >>> demo_assessment([80]).scorecard("T1")
        <Scorecard 镇1 (T1): 80.00 points, 良好>
        """
        notes = []
        if self.missing:
            notes.append(f"{len(self.missing)} missing")
        if self.vetoed:
            notes.append("vetoed")
        extra = f", {', '.join(notes)}" if notes else ""
        return (
            f"<Scorecard {short(self.unit_name, width=20)} ({short(self.unit_id, width=16)}): "
            f"{self.total} points, {short(self.grade, width=10)}{extra}>"
        )

    def _repr_html_(self) -> str:
        """The scorecard's lines as a small HTML table (Jupyter)."""
        keys = ["code", "name", "actual", "target", "points", "possible", "note"]
        return records_html(self.to_records(), caption=repr(self), columns=keys, limit=20)

    def _rescale_note(self) -> str:
        if not self.rescaled or self.applicable is None:
            return ""
        earned = sum((ln.points for ln in self.lines), ZERO)
        return (
            f"折算 rescaled: {points_text(earned)} of {fmt(self.applicable)} applicable "
            f"× {fmt(self.possible)} / {fmt(self.applicable)}"
        )

    def explain(self) -> str:
        """The scorecard as text, line by line (what ``pmedu score --explain`` prints)."""
        head = f"{self.unit_name} ({self.unit_id}): {points_text(self.total)} points, {self.grade}"
        rows = [
            [
                ln.code,
                ln.name,
                fmt(ln.actual),
                fmt(ln.target),
                points_text(ln.points),
                fmt(ln.possible),
                ln.note or ln.rule,
            ]
            for ln in (*self.lines, *self.bonus_lines)
        ]
        rows.append(
            [
                "",
                "indicators 指标得分",
                "",
                "",
                points_text(self.indicator_points),
                fmt(self.possible),
                self._rescale_note(),
            ]
        )
        if self.bonus_lines:
            cap_note = "" if self.bonus == self.bonus_raw else f"capped from {fmt(self.bonus_raw)}"
            rows.append(["", "bonus 加分", "", "", points_text(self.bonus), "", cap_note])
        for x in self.vetoes:
            state = f"FAILED → {x.effect.label}" if x.failed else "passed"
            rows.append(
                [
                    x.code,
                    x.name,
                    fmt(x.actual),
                    f"fails {x.condition}",
                    "",
                    "",
                    f"{state}{'; ' + x.note if x.note else ''}",
                ]
            )
        rows.append(["", "total 总分", "", "", points_text(self.total), "", self.grade])
        table = format_table(
            ["code", "indicator 指标", "actual", "target", "points", "of", "rule / note"],
            rows,
            align=["<", "<", ">", ">", ">", ">", "<"],
        )
        return f"{head}\n{table}"


@attrs.frozen
class RankEntry:
    """A unit's place in a ranking; ``tied`` when another unit has the same total (and the
    same veto state); ``ranked_last`` when the unit was vetoed and the rubric's ``veto_rank``
    is ``"last"``: it ranks after every unit of the peer group not vetoed.

    >>> from pmedu.scoring.assess import demo_assessment
    >>> e = demo_assessment([80, 90, 90]).ranking().entries[0]
    >>> e.rank, e.unit_id, e.unit_name, e.total, e.grade, e.tied, e.vetoed
    (1, 'T2', '镇2', Decimal('90.00'), '优秀', True, False)
    """

    rank: int
    unit_id: str
    unit_name: str
    total: Decimal
    grade: str
    tied: bool
    vetoed: bool
    ranked_last: bool = attrs.field(default=False, kw_only=True)


def _veto_text(e: RankEntry) -> str:
    if e.ranked_last:
        return " (veto 否决, ranked last 排末位)"
    return " (veto 否决)" if e.vetoed else ""


@attrs.frozen
class Ranking:
    """A ranking 排名 of units within a peer group, best first (ties in tree order).

    >>> from pmedu.scoring.assess import demo_assessment
    >>> r = demo_assessment([80, 90, 90]).ranking()
    >>> len(r), r.has_ties, r.ranks(), r.rank_of("T1")
    (3, True, {'T2': 1, 'T3': 1, 'T1': 3}, 3)
    >>> print(r.table())
    rank 名次  id  unit 单位  total 总分  grade 等次
    ---------  --  ---------  ----------  ----------
           =1  T2  镇2             90.00  优秀
           =1  T3  镇3             90.00  优秀
            3  T1  镇1             80.00  良好
    """

    entries: tuple[RankEntry, ...]
    method: Literal["competition", "dense"] = attrs.field(default="competition", kw_only=True)
    peer_group: str | None = attrs.field(default=None, kw_only=True)

    def __iter__(self) -> Any:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    @property
    def has_ties(self) -> bool:
        """Whether any two units share a rank."""
        return any(e.tied for e in self.entries)

    def rank_of(self, unit_id: str) -> int:
        """The rank of a unit (``KeyError`` if it is not in this ranking)."""
        for e in self.entries:
            if e.unit_id == unit_id:
                return e.rank
        raise KeyError(unit_id)

    def ranks(self) -> dict[str, int]:
        """unit id → rank."""
        return {e.unit_id: e.rank for e in self.entries}

    def to_records(self) -> list[dict[str, Any]]:
        """One plain dict per unit: rank, unit_id, unit_name, total, grade, tied, vetoed,
        ranked_last."""
        return [attrs.asdict(e) for e in self.entries]

    def table(self) -> str:
        """The ranking as a text table (a tie shows as ``=2``)."""
        rows = [
            [
                f"={e.rank}" if e.tied else str(e.rank),
                e.unit_id,
                e.unit_name,
                points_text(e.total),
                e.grade + _veto_text(e),
            ]
            for e in self.entries
        ]
        return format_table(
            ["rank 名次", "id", "unit 单位", "total 总分", "grade 等次"],
            rows,
            align=[">", "<", "<", ">", "<"],
        )


@attrs.frozen
class RollupLine:
    """An assessed score rolled up to a parent unit: ``score = total / weight`` where total and
    weight are sums over the assessed units below (weight = count, or members).

    >>> from pmedu.scoring.assess import demo_assessment
    >>> a = demo_assessment([80, 90, 90])
    >>> line = a.rollup()[0]
    >>> line.unit_id, line.kind.label, line.assessed, line.weight, line.score
    ('C', '县', 3, Decimal('3'), Decimal('86.67'))
    >>> a.rollup(weight="members")[0].score  # (80×10 + 90×20 + 90×30) / 60
    Decimal('88.33')
    """

    unit_id: str
    unit_name: str
    kind: UnitKind
    assessed: int
    weight: Decimal
    score: Decimal | None


@attrs.frozen
class Change:
    """Year-on-year change of a unit's total and rank (``rank_change`` > 0 = moved up).

    >>> from pmedu.scoring.assess import demo_assessment
    >>> c = demo_assessment([80, 90]).compare(demo_assessment([85, 70]))[1]
    >>> c.unit_id, c.previous_total, c.total, c.change
    ('T2', Decimal('70.00'), Decimal('90.00'), Decimal('20.00'))
    >>> c.previous_rank, c.rank, c.rank_change, c.previous_grade, c.grade
    (2, 1, 1, '合格', '优秀')
    """

    unit_id: str
    unit_name: str
    total: Decimal | None
    previous_total: Decimal | None
    change: Decimal | None
    rank: int | None
    previous_rank: int | None
    rank_change: int | None
    grade: str | None
    previous_grade: str | None


@attrs.frozen
class Assessment:
    """The result of [`assess`][assess]: one scorecard per assessed unit, in tree order.

    >>> from pmedu.scoring.assess import demo_assessment
    >>> a = demo_assessment([80, 90])
    >>> len(a), a.unit_ids, a.scorecard("T2").total
    (2, ('T1', 'T2'), Decimal('90.00'))
    >>> [(r["unit_id"], r["total"], r["rank"]) for r in a.to_records()]
    [('T1', Decimal('80.00'), 2), ('T2', Decimal('90.00'), 1)]
    >>> a.scorecard("C")
    Traceback (most recent call last):
    ...
    pmedu.errors.UnknownUnitError: unit 'C' was not assessed
    """

    tree: OrgTree = attrs.field(eq=False, repr=False)
    rubric: Rubric
    scorecards: tuple[Scorecard, ...]
    year: int | None = attrs.field(default=None, kw_only=True)
    _index: dict[str, int] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_index", {c.unit_id: i for i, c in enumerate(self.scorecards)})

    def __len__(self) -> int:
        return len(self.scorecards)

    def scorecard(self, unit_id: str) -> Scorecard:
        """The scorecard of one unit (``UnknownUnitError`` if it was not assessed)."""
        try:
            return self.scorecards[self._index[unit_id]]
        except KeyError:
            raise UnknownUnitError(f"unit {unit_id!r} was not assessed") from None

    @property
    def unit_ids(self) -> tuple[str, ...]:
        """The assessed units, in tree order."""
        return tuple(c.unit_id for c in self.scorecards)

    def _peers(self, peer_group: str | UnitKind | None) -> list[Scorecard]:
        if peer_group is None:
            return list(self.scorecards)
        if isinstance(peer_group, str) and peer_group in self.tree:
            inside = {u.id for u in self.tree.units(within=peer_group)} - {peer_group}
            return [c for c in self.scorecards if c.unit_id in inside]
        try:
            kinds = parse_kinds(peer_group)
        except ValueError:
            raise UnknownUnitError(
                f"peer group {peer_group!r} is neither a unit id of the tree nor a unit kind"
            ) from None
        return [c for c in self.scorecards if c.kind in kinds]

    def ranking(
        self,
        *,
        peer_group: str | UnitKind | None = None,
        method: Literal["competition", "dense"] = "competition",
    ) -> Ranking:
        """Rank the assessed units of a peer group by total, best first; under the rubric's
        ``veto_rank = "last"`` (default) a vetoed unit ranks after every unit not vetoed.

        ``peer_group`` is ``None`` (every assessed unit together), a unit id (the assessed
        units below it, e.g. the townships of one county) or a unit kind (the assessed units
        of that kind). ``method="competition"`` gives 1, 2, 2, 4 (rank = 1 + the number of
        units with a higher total); ``"dense"`` gives 1, 2, 2, 3.

        >>> from pmedu.scoring.assess import demo_assessment
        >>> a = demo_assessment([80, 90, 90, 70])
        >>> [(e.rank, e.tied) for e in a.ranking()]
        [(1, True), (1, True), (3, False), (4, False)]
        >>> [e.rank for e in a.ranking(method="dense")]
        [1, 1, 2, 3]
        """
        if method not in ("competition", "dense"):
            raise ValueError(f"unknown ranking method {method!r}: use 'competition' or 'dense'")
        cards = self._peers(peer_group)
        last = self.rubric.veto_rank is VetoRank.LAST
        keys = [(last and c.vetoed, -c.total) for c in cards]
        count: dict[tuple[bool, Decimal], int] = {}
        for key in keys:
            count[key] = count.get(key, 0) + 1
        higher: dict[tuple[bool, Decimal], int] = {}
        above = 0
        for k, key in enumerate(sorted(count)):
            higher[key] = above if method == "competition" else k
            above += count[key]
        order = sorted(range(len(cards)), key=lambda i: (keys[i], i))
        entries = tuple(
            RankEntry(
                rank=1 + higher[keys[i]],
                unit_id=cards[i].unit_id,
                unit_name=cards[i].unit_name,
                total=cards[i].total,
                grade=cards[i].grade,
                tied=count[keys[i]] > 1,
                vetoed=cards[i].vetoed,
                ranked_last=keys[i][0],
            )
            for i in order
        )
        pg = None if peer_group is None else str(peer_group)
        return Ranking(entries=entries, method=method, peer_group=pg)

    def rollup(
        self,
        *,
        kind: Any = None,
        weight: Literal["mean", "members"] = "mean",
    ) -> tuple[RollupLine, ...]:
        """Scores of assessed units rolled up to the units above them (e.g. counties).

        ``weight="mean"``: the sum of the totals below divided by their count;
        ``"members"``: each total weighted by the party members in that unit's subtree
        (``tree.rollup("members")``). Both are computed as sums over the tree's cached
        roll-up, never as averages of averages. ``kind`` picks the units to report (one kind
        or several, labels accepted); by default every unassessed unit with assessed units
        below it.

        >>> from pmedu.scoring.assess import demo_assessment
        >>> [(r.unit_id, r.assessed, r.score) for r in demo_assessment([80, 90]).rollup()]
        [('C', 2, Decimal('85.00'))]
        """
        if weight not in ("mean", "members"):
            raise ValueError(f"unknown weight {weight!r}: use 'mean' or 'members'")
        assessed = {c.unit_id: c.total for c in self.scorecards}
        members = self.tree.rollup("members") if weight == "members" else None

        def w(uid: str) -> Decimal:
            return Decimal(1) if members is None else Decimal(members[uid])

        sums = self.tree.rollup(lambda u: assessed[u.id] * w(u.id) if u.id in assessed else None)
        weights = self.tree.rollup(lambda u: w(u.id) if u.id in assessed else None)
        counts = self.tree.rollup(lambda u: 1 if u.id in assessed else None, agg="count")
        kinds = parse_kinds(kind) if kind is not None else None
        q = Decimal(1).scaleb(-self.rubric.decimals)
        out = []
        for u in self.tree:
            if kinds is not None:
                if u.kind not in kinds:
                    continue
            elif u.id in assessed or not counts[u.id]:
                continue
            total, wt = sums[u.id], weights[u.id]
            score = None
            if total is not None and wt:
                score = (total / wt).quantize(q, rounding=ROUND_HALF_UP)
            out.append(RollupLine(u.id, u.name, u.kind, counts[u.id], wt or ZERO, score))
        return tuple(out)

    def compare(
        self, previous: Assessment, *, peer_group: str | UnitKind | None = None
    ) -> tuple[Change, ...]:
        """Year-on-year change per unit: this year's units first, then last year's others.

        >>> from pmedu.scoring.assess import demo_assessment
        >>> now, before = demo_assessment([80, 90]), demo_assessment([85, 70])
        >>> [(c.unit_id, c.change, c.rank_change) for c in now.compare(before)]
        [('T1', Decimal('-5.00'), -1), ('T2', Decimal('20.00'), 1)]
        """
        now, then = (
            self.ranking(peer_group=peer_group).ranks(),
            previous.ranking(peer_group=peer_group).ranks(),
        )
        ids = list(dict.fromkeys([*self.unit_ids, *previous.unit_ids]))
        out = []
        for uid in ids:
            cur = self.scorecards[self._index[uid]] if uid in self._index else None
            old = previous.scorecards[previous._index[uid]] if uid in previous._index else None
            t1 = cur.total if cur else None
            t0 = old.total if old else None
            r1, r0 = now.get(uid), then.get(uid)
            named = cur or old
            out.append(
                Change(
                    unit_id=uid,
                    unit_name=named.unit_name if named is not None else uid,
                    total=t1,
                    previous_total=t0,
                    change=t1 - t0 if t1 is not None and t0 is not None else None,
                    rank=r1,
                    previous_rank=r0,
                    rank_change=r0 - r1 if r1 is not None and r0 is not None else None,
                    grade=cur.grade if cur else None,
                    previous_grade=old.grade if old else None,
                )
            )
        return tuple(out)

    def to_records(self, *, peer_group: str | UnitKind | None = None) -> list[dict[str, Any]]:
        """One plain dict per unit: id, name, each indicator's points by code, bonus, total,
        grade, rank (within ``peer_group``), tied, vetoed and the missing measures."""
        ranking = {e.unit_id: e for e in self.ranking(peer_group=peer_group)}
        out = []
        for c in self.scorecards:
            rec: dict[str, Any] = {
                "unit_id": c.unit_id,
                "unit_name": c.unit_name,
                "kind": c.kind.value,
            }
            rec.update({ln.code: ln.points for ln in c.lines})
            e = ranking.get(c.unit_id)
            rec.update(
                indicator_points=c.indicator_points,
                bonus=c.bonus,
                total=c.total,
                grade=c.grade,
                rank=e.rank if e else None,
                tied=e.tied if e else None,
                vetoed=c.vetoed,
                missing=";".join(c.missing),
            )
            out.append(rec)
        return out

    def line_records(self) -> list[dict[str, Any]]:
        """Every scorecard line of every unit as plain dicts (long format, for export)."""
        return [rec for c in self.scorecards for rec in c.to_records()]

    def to_pandas(self, *, peer_group: str | UnitKind | None = None, lines: bool = False) -> Any:
        """[`to_records`][pmedu.scoring.results.Assessment.to_records] as a
        ``pandas.DataFrame`` — one row per unit, points, bonus and totals as floats, the rank as
        a number — or with ``lines=True`` every scorecard line
        ([`line_records`][pmedu.scoring.results.Assessment.line_records]); needs
        ``pmedu[pandas]``. The assessment keeps its exact decimals.

        >>> from pmedu.scoring.assess import demo_assessment
        >>> demo_assessment([80, 90]).to_pandas()["total"].tolist()  # doctest: +SKIP
        [80.0, 90.0]
        """
        if lines:
            return records_frame(
                self.line_records(),
                numeric=["actual", "target", "points", "possible"],
                feature="Assessment.to_pandas()",
            )
        codes = [ln.code for c in self.scorecards for ln in c.lines]
        return records_frame(
            self.to_records(peer_group=peer_group),
            numeric=[*dict.fromkeys(codes), "indicator_points", "bonus", "total", "rank"],
            feature="Assessment.to_pandas()",
        )

    def grade_counts(self) -> dict[str, int]:
        """How many assessed units have each grade, in the rubric's order (best first).

        >>> from pmedu.scoring.assess import demo_assessment
        >>> demo_assessment([80, 90, 95]).grade_counts()
        {'优秀': 2, '良好': 1, '合格': 0, '不合格': 0}
        """
        counts = {g.name: 0 for g in self.rubric.grades_by_min}
        for c in self.scorecards:
            counts[c.grade] = counts.get(c.grade, 0) + 1
        return counts

    def __repr__(self) -> str:
        """One line: the rubric, the year, how many units and how many of each grade.

        >>> from pmedu.scoring.assess import demo_assessment
        >>> demo_assessment([80, 90, 95])  # doctest: +ELLIPSIS
        <Assessment ... 3 units, 优秀 2, 良好 1, 合格 0, 不合格 0>
        """
        year = f" {self.year}" if self.year is not None else ""
        grades = ", ".join(f"{short(g, width=6)} {n}" for g, n in self.grade_counts().items())
        return (
            f"<Assessment {short(self.rubric.name, width=24)}{year}: {len(self):,} units, "
            f"{short(grades, width=60)}>"
        )

    def _repr_html_(self) -> str:
        """The first units' scores as a small HTML table (Jupyter)."""
        keys = ["unit_id", "unit_name", "total", "grade", "rank", "vetoed", "missing"]
        return records_html(self.to_records(), caption=repr(self), columns=keys)
