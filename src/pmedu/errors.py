"""The error hierarchy of pmedu.

Every error pmedu raises on purpose derives from [`PmeduError`][pmedu.errors.PmeduError]. Errors
about input (files, records, rubrics, policies) carry the *whole* list of problems found, each a
[`Problem`][pmedu.errors.Problem] that says where (file, row, field or unit id) and what, so a user
fixes a file in one pass instead of one error at a time.

>>> err = DataError([Problem("unknown unit kind '镇村'", file="units.csv", row=5, field="kind")])
>>> print(err)
1 problem:
units.csv:5: kind: unknown unit kind '镇村'
>>> isinstance(err, PmeduError)
True
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

__all__ = [
    "ApportionError",
    "CirculationError",
    "CycleError",
    "DataError",
    "DuplicateUnitError",
    "KindPairError",
    "LabelError",
    "MissingExtraError",
    "MissingFontError",
    "MissingParentError",
    "PmeduError",
    "PmeduWarning",
    "PolicyError",
    "Problem",
    "ProblemsError",
    "RecordError",
    "RootError",
    "RubricError",
    "TreeError",
    "UnknownUnitError",
]


class PmeduError(Exception):
    """Root of every error pmedu raises on purpose."""


@attrs.frozen
class Problem:
    """One problem found in the input: what is wrong and where.

    ``where`` is built from the parts that are known, in the order a spreadsheet user reads
    them: ``FILE:ROW: field`` or ``unit ID: field``.

    >>> print(Problem("must be ≥ 0", file="units.csv", row=7, field="members"))
    units.csv:7: members: must be ≥ 0
    >>> print(Problem("parent 'X9' does not exist", unit="V001", field="parent_id"))
    unit V001: parent_id: parent 'X9' does not exist
    >>> print(Problem("must be ≥ 0", file="u.xlsx", sheet="乡镇", row=7, field="members"))
    u.xlsx:乡镇!7: members: must be ≥ 0
    """

    what: str
    file: str | None = None
    row: int | None = None
    field: str | None = None
    unit: str | None = None
    code: str | None = attrs.field(default=None, eq=False)
    #: the sheet of a workbook the row is on: ``FILE:SHEET!ROW`` (issue 13)
    sheet: str | None = None

    @property
    def where(self) -> str:
        """The location part of the message (empty when nothing is known)."""
        parts: list[str] = []
        if self.file is not None and self.sheet and self.row is not None:
            parts.append(f"{self.file}:{self.sheet}!{self.row}")
        elif self.file is not None and self.sheet:
            parts.append(f"{self.file}:{self.sheet}")
        elif self.file is not None and self.row is not None:
            parts.append(f"{self.file}:{self.row}")
        elif self.file is not None:
            parts.append(self.file)
        elif self.row is not None:
            parts.append(f"row {self.row}")
        if self.unit is not None:
            parts.append(f"unit {self.unit}")
        if self.field:
            parts.append(self.field)
        return ": ".join(parts)

    def __str__(self) -> str:
        where = self.where
        return f"{where}: {self.what}" if where else self.what


#: how many problems an error's message shows; ``.problems`` and ``.lines()`` hold them all
MESSAGE_LINES = 50


class ProblemsError(PmeduError):
    """An error that carries every [`Problem`][pmedu.errors.Problem] found, one per line in its
    message."""

    def __init__(self, problems: Iterable[Problem], *, summary: str | None = None) -> None:
        self.problems: list[Problem] = list(problems)
        n = len(self.problems)
        head = summary or f"{n} problem{'s' if n != 1 else ''}:"
        shown = [str(p) for p in self.problems[:MESSAGE_LINES]]
        if n > MESSAGE_LINES:
            shown.append(f"… and {n - MESSAGE_LINES} more (every one is in .problems)")
        super().__init__("\n".join([head, *shown]))

    def lines(self) -> list[str]:
        """The problems as ``where: what`` lines, as printed by the command line."""
        return [str(p) for p in self.problems]


class DataError(ProblemsError):
    """Bad input data: a file, a table row or a record that cannot be used."""


class PolicyError(DataError):
    """An invalid policy or rules file (supply policy, hierarchy rules, standards)."""


class RubricError(PolicyError):
    """An invalid assessment rubric."""


class TreeError(ProblemsError):
    """The units do not form a valid organisation tree."""


class DuplicateUnitError(TreeError):
    """Two or more units share an id."""


class MissingParentError(TreeError):
    """A unit names a parent that does not exist."""


class RootError(TreeError):
    """The units have no root, or more than one."""


class CycleError(TreeError):
    """Units are their own ancestors."""


class KindPairError(TreeError):
    """A parent/child pair of unit kinds that the hierarchy rules forbid."""


#: problem code → the specific error class raised when every problem has that code
TREE_ERROR_CLASSES: dict[str, type[TreeError]] = {
    "duplicate_id": DuplicateUnitError,
    "missing_parent": MissingParentError,
    "root": RootError,
    "cycle": CycleError,
    "kind_pair": KindPairError,
}


def tree_error(problems: list[Problem]) -> TreeError:
    """The most specific [`TreeError`][pmedu.errors.TreeError] subclass for ``problems``.

    >>> type(tree_error([Problem("x", unit="A", code="cycle")])).__name__
    'CycleError'
    >>> type(tree_error([Problem("x", code="cycle"), Problem("y", code="root")])).__name__
    'TreeError'
    """
    codes = {p.code for p in problems}
    cls: type[TreeError] = TreeError
    if len(codes) == 1:
        cls = TREE_ERROR_CLASSES.get(next(iter(codes)) or "", TreeError)
    return cls(problems)


class LabelError(PmeduError, ValueError):
    """A label (unit kind, organisation type, category …) that pmedu does not know.

    It is also a `ValueError`, so attrs converters and cattrs report it in place.
    """


class UnknownUnitError(PmeduError, KeyError):
    """A unit id that is not in the tree."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "unknown unit"


class MissingExtraError(PmeduError, ImportError):
    """An optional extra is needed: the message says which ``pip install`` to run."""

    def __init__(self, extra: str, package: str, feature: str) -> None:
        self.extra = extra
        super().__init__(f'{feature} needs {package}: pip install "pmedu[{extra}]"')


class RecordError(DataError):
    """Records that cannot be used: every error of a records check."""


class ApportionError(PmeduError, ValueError):
    """Shares cannot be apportioned: a bad total, weight, method or minimum.

    It is a ``ValueError`` too.

    >>> issubclass(ApportionError, ValueError)
    True
    """


class CirculationError(PmeduError, ValueError):
    """A circulation plan cannot be made: bad township, count of sets, months or day.

    It is a ``ValueError`` too.
    """


class MissingFontError(PmeduError, FileNotFoundError):
    """A font needed to write a document (the CJK font a PDF embeds) is not installed: the
    message names the font and where it was looked for.

    >>> str(MissingFontError("Noto Sans CJK SC", looked=["/usr/share/fonts"]))  # doctest: +ELLIPSIS
    'the PDF needs the font Noto Sans CJK SC (apt-get install fonts-noto-cjk); looked in ...'
    """

    def __init__(self, font: str, *, looked: Iterable[object] = ()) -> None:
        self.font = font
        places = [str(p) for p in looked]
        where = ", ".join(places) if places else "the system's fonts"
        super().__init__(
            f"the PDF needs the font {font} (apt-get install fonts-noto-cjk); looked in {where}"
        )


class PmeduWarning(UserWarning):
    """Something in an input that pmedu reads past but the user should hear about: a column no
    reader knows (an error under ``strict``), named with its file.

    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     warnings.warn("u.csv:1: 备注: unknown column", PmeduWarning, stacklevel=1)
    >>> caught[0].category.__name__
    'PmeduWarning'
    """
