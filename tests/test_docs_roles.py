"""tools/rst_roles_to_md.py: RST roles, tables and citations in docstrings → Markdown."""

from __future__ import annotations

import importlib.util
import sys
import textwrap
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _tool(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


roles = _tool("rst_roles_to_md")


@pytest.mark.parametrize(
    ("rst", "md"),
    [
        (":class:`~pmedu.network.OrgTree`", "[`OrgTree`][pmedu.network.OrgTree]"),
        (":class:`pmedu.network.OrgTree`", "[`pmedu.network.OrgTree`][pmedu.network.OrgTree]"),
        (":func:`pmedu.io.read_tree`", "[`pmedu.io.read_tree`][pmedu.io.read_tree]"),
        (":func:`~pmedu.io.read_tree()`", "[`read_tree`][pmedu.io.read_tree]"),
        (":mod:`pmedu.io`", "[`pmedu.io`][pmedu.io]"),
        (":meth:`OrgTree.rollup`", "[`OrgTree.rollup`][OrgTree.rollup]"),
        (":attr:`Records.year`", "[`Records.year`][Records.year]"),
        (":data:`COLUMNS`", "[`COLUMNS`][COLUMNS]"),
        (":exc:`~pmedu.errors.DataError`", "[`DataError`][pmedu.errors.DataError]"),
        (":py:class:`pmedu.model.Unit`", "[`pmedu.model.Unit`][pmedu.model.Unit]"),
        (":class:`the tree <pmedu.network.OrgTree>`", "[the tree][pmedu.network.OrgTree]"),
        (":class:`!OrgTree`", "`OrgTree`"),
        # outside pmedu: no page in these docs, so plain code
        (":class:`~decimal.Decimal`", "`Decimal`"),
        (":class:`networkx.DiGraph`", "`networkx.DiGraph`"),
        (":mod:`dateutil.rrule`", "`dateutil.rrule`"),
        (":class:`ValueError`", "`ValueError`"),
    ],
)
def test_roles(rst: str, md: str) -> None:
    assert roles.convert_text(f"See {rst}, then.") == f"See {md}, then."


@pytest.mark.parametrize(
    ("text", "md"),
    [
        ("(seed 002)", "([seed 002][seed-002])"),
        ("(seeds 000, 002)", "(seeds [000][seed-000], [002][seed-002])"),
        ("seeds 000 and 002", "seeds [000][seed-000] and [002][seed-002]"),
        ("(DOMAIN.md §3)", "([stations and standards][concept-stations])"),
        ("(DOMAIN.md §4, §10)", "([film supply][concept-supply], [decisions][decisions])"),
        ("DOMAIN.md §2, §9", "[the organisation tree][concept-tree]"),
        ("`seed001` and seed001", "`seed001` and seed001"),
    ],
)
def test_citations(text: str, md: str) -> None:
    assert roles.convert_text(text) == md


def test_every_citation_target_is_an_anchor_of_the_docs() -> None:
    pages = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "docs").rglob("*.md"))
    anchors = {anchor for anchor, _ in roles.DOMAIN_PAGES.values()}
    anchors |= {f"seed-00{n}" for n in range(5)}
    for anchor in anchors:
        assert f"{{#{anchor}}}" in pages, anchor


def test_rst_table_becomes_markdown() -> None:
    rst = textwrap.dedent(
        """\
        Columns:

        ========  ========  ==========
        English   Chinese   cell
        ========  ========  ==========
        ``id``    ``编号``  the code
        ``name``  ``名称``  required,
                            never empty
        ========  ========  ==========

        After.
        """
    )
    assert roles.convert_text(rst) == textwrap.dedent(
        """\
        Columns:

        | English | Chinese | cell |
        |---|---|---|
        | ``id`` | ``编号`` | the code |
        | ``name`` | ``名称`` | required, never empty |

        After.
        """
    )


def test_examples_and_code_are_left_alone() -> None:
    text = "Uses :func:`f`.\n\n>>> rubric.source\n'seed 002 :class:`X`'\n\n```\n:mod:`m`\n```\n"
    assert roles.convert_text(text) == text.replace(":func:`f`", "[`f`][f]", 1)


SOURCE = '''\
"""Module: :class:`~pmedu.network.OrgTree` (DOMAIN.md §2)."""

LABEL = ":class:`Kept`"  # a string the code uses is data: kept
#: the kinds (seed 002)
KINDS = ()


class Thing:
    """A thing; see :meth:`method` and :func:`pmedu.io.read_tree` for the long story, a line
    that grows past the limit once the roles are rewritten into cross-references."""

    def method(self) -> str:
        """Return :data:`LABEL`.

        >>> Thing().method()
        ':class:`Kept`'
        """
        return LABEL
'''


def test_source_rewrite_is_idempotent_and_leaves_code() -> None:
    once = roles.convert_source(SOURCE)
    assert ":class:`~pmedu" not in once
    assert 'LABEL = ":class:`Kept`"' in once
    assert "':class:`Kept`'" in once  # the doctest's expected output
    assert "#: the kinds ([seed 002][seed-002])" in once
    assert "[the organisation tree][concept-tree]" in once
    assert roles.convert_source(once) == once
    assert all(roles.width_of(line) <= 100 for line in once.splitlines())
    compile(once, "<converted>", "exec")


def test_resolver_gives_canonical_paths() -> None:
    resolve = roles.make_resolver("pmedu.stations.rollup")
    assert resolve("pmedu.network.OrgTree.coverage") == "pmedu.network.tree.OrgTree.coverage"
    assert resolve("no_such_name") is None


def test_check_mode(tmp_path: Path) -> None:
    path = tmp_path / "m.py"
    path.write_text('"""See :func:`f`."""\n', encoding="utf-8")
    assert roles.main(["--check", str(path)]) == 1
    assert roles.main([str(path)]) == 0
    assert path.read_text(encoding="utf-8") == '"""See [`f`][f]."""\n'
    assert roles.main(["--check", str(path)]) == 0


def test_the_tools_own_examples() -> None:
    import doctest

    assert doctest.testmod(roles).failed == 0
