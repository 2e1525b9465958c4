"""Money: the e-education funding ledger 经费台账 and the unit budget 单位预算 ([DOMAIN §8,
§11][concept-money-people]; seeds [000][seed-000], [002][seed-002], [003][seed-003]).

Funding comes from the budget 预算, party fees 党费 and donations 捐赠, kept as earmarked money
专款专用, ideally a fixed share of the budget. A [`LedgerEntry`][pmedu.model.money.LedgerEntry] is
one row of a unit's ledger for a year: source, amount (exact yuan, to the fen), purpose, earmarked
or not, whether it was spent on e-education, and an audit finding 审计意见 if any. Beside it a
[`UnitBudget`][pmedu.model.money.UnitBudget] gives the unit's budget for the year, so the share of
the budget that goes to e-education is a real ratio (amounts in fen, integer over integer).

Misuse is a ledger finding, not a bare count: an earmarked row spent outside the e-education
purposes, or a row with an audit finding ([`LedgerEntry.misuse`][pmedu.model.money.LedgerEntry]).
The older [`FundsMisuse`][pmedu.model.records.FundsMisuse] case records still load and count too.

>>> e = LedgerEntry(id="F1", unit_id="T01", year=2025, source="党费", amount="1200.5",
...                 purpose="购置播放设备")
>>> e.source.label, e.amount, e.fen, e.misuse
('党费', Decimal('1200.50'), 120050, False)
>>> LedgerEntry(id="F2", unit_id="T01", year=2025, source="预算", amount=800,
...             purpose="招待", for_e_education=False).misuse
True
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, ClassVar

import attrs
from attrs import validators as v

from pmedu.labels import LabelledEnum
from pmedu.model.bounds import year as _year
from pmedu.model.columns import column
from pmedu.validators import nonblank, parse_money

__all__ = ["FundSource", "LedgerEntry", "UnitBudget", "fen"]

_ID = [v.instance_of(str), nonblank]
_TEXT = v.instance_of(str)


class FundSource(LabelledEnum):
    """Where e-education money comes from (seeds [000][seed-000], [002][seed-002]).

    >>> FundSource.parse("财政预算") is FundSource.BUDGET
    True
    """

    @classmethod
    def noun(cls) -> str:
        return "fund source"

    BUDGET = ("budget", "预算", ("财政预算", "财政拨款", "财政"))
    PARTY_FEES = ("party_fees", "党费", ("党费拨款",))
    DONATIONS = ("donations", "捐赠", ("捐款", "社会捐助", "捐助"))


def _source(value: Any) -> FundSource:
    return FundSource.parse(value)


def _money(value: Any) -> Decimal:
    negative = (isinstance(value, str) and value.strip().startswith("-")) or (
        isinstance(value, int | float | Decimal) and not isinstance(value, bool) and value < 0
    )
    if negative:
        raise ValueError(f"an amount must not be negative, got {value}")
    return parse_money(value)


def fen(amount: Decimal) -> int:
    """An amount of yuan as whole fen (exact: amounts have at most two decimals).

    >>> fen(Decimal("12.30"))
    1230
    """
    return int(amount * 100)


_YES = {"是": True, "否": False, "yes": True, "no": False, "true": True, "false": False}


def _flag(value: Any) -> bool:
    """Yes or no: a bool, or 是/否 (yes/no, true/false) as a sheet cell writes it.

    >>> _flag("是"), _flag(False)
    (True, False)
    """
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in _YES:
        return _YES[value.strip().lower()]
    raise TypeError(f"expected true or false (是/否), got {value!r}")


@attrs.frozen
class LedgerEntry:
    """One row of a unit's e-education funding ledger 经费台账 for a year.

    ``earmarked`` (专款专用, default yes); ``for_e_education``: the money was spent on the
    e-education purposes (default yes); ``audit_finding``: what an audit found wrong with the row
    ("" none). A negative amount or an unknown source is an error naming the row.

    >>> LedgerEntry(id="F", unit_id="T", year=2025, source="预算", amount="-5")
    Traceback (most recent call last):
    ...
    ValueError: an amount must not be negative, got -5
    >>> LedgerEntry(id="F", unit_id="T", year=2025, source="彩票", amount=5)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    pmedu.errors.LabelError: unknown fund source '彩票'; accepted: budget, party_fees, ...
    """

    SHEET: ClassVar[str] = "经费台账"

    id: str = attrs.field(validator=_ID, metadata=column("编号", "凭证号"))
    unit_id: str = attrs.field(validator=_ID, metadata=column("单位编号", "单位"))
    year: int = attrs.field(validator=_year, metadata=column("年度", "年份"))
    source: FundSource = attrs.field(converter=_source, metadata=column("来源", "经费来源"))
    amount: Decimal = attrs.field(converter=_money, metadata=column("金额（元）", "金额"))
    purpose: str = attrs.field(default="", validator=_TEXT, metadata=column("用途", "开支用途"))
    earmarked: bool = attrs.field(
        default=True, converter=_flag, metadata=column("专款专用", "专款")
    )
    for_e_education: bool = attrs.field(
        default=True, converter=_flag, metadata=column("用于电教", "用于党员电教")
    )
    audit_finding: str = attrs.field(
        default="", validator=_TEXT, metadata=column("审计意见", "审计发现")
    )

    @property
    def fen(self) -> int:
        """The amount in whole fen."""
        return fen(self.amount)

    @property
    def misuse(self) -> bool:
        """A misuse finding: earmarked money spent outside e-education, or an audit finding.

        >>> LedgerEntry(id="F", unit_id="T", year=2025, source="捐赠", amount=1,
        ...             audit_finding="无票据").misuse
        True
        """
        return (self.earmarked and not self.for_e_education) or bool(self.audit_finding.strip())


@attrs.frozen
class UnitBudget:
    """A unit's budget for a year 单位预算 (exact yuan), the denominator of the share of the
    budget that goes to e-education (seeds [000][seed-000], [003][seed-003]: a fixed share).

    >>> UnitBudget(unit_id="C", year=2025, total="500000").total
    Decimal('500000.00')
    """

    SHEET: ClassVar[str] = "单位预算"

    unit_id: str = attrs.field(validator=_ID, metadata=column("单位编号", "单位"))
    year: int = attrs.field(validator=_year, metadata=column("年度", "年份"))
    total: Decimal = attrs.field(converter=_money, metadata=column("预算总额（元）", "预算总额"))
    note: str = attrs.field(default="", validator=_TEXT, metadata=column("备注"))
