"""Rewrite reStructuredText in docstrings to the Markdown that mkdocstrings renders.

    python tools/rst_roles_to_md.py src/pmedu            # rewrite every .py file under it
    python tools/rst_roles_to_md.py --check src/pmedu    # exit 1 if anything is left to rewrite

What it rewrites, inside docstrings and comments only (never code, never a string the code
uses, never a doctest example or fenced code block):

- Sphinx roles to mkdocs-autorefs cross-references (mkdocstrings' ``[title][identifier]``):
  ``:class:`~pmedu.x.Y``` → ``[`Y`][pmedu.x.Y]``, ``:func:`pmedu.x.f``` →
  ``[`pmedu.x.f`][pmedu.x.f]``, ``:meth:`OrgTree.rollup``` → ``[`OrgTree.rollup`][OrgTree.rollup]``
  (a relative name is resolved by mkdocstrings-python's ``scoped_crossrefs`` from the
  docstring's own scope, as Sphinx resolved it), ``:class:`text <pmedu.x.Y>``` →
  ``[text][pmedu.x.Y]``. Roles: class, func, meth, mod, attr, data, exc, obj (with or without
  the ``py:`` domain). A target outside pmedu (``~decimal.Decimal``, ``networkx.DiGraph``,
  ``dateutil.rrule``) has no page in these docs, so it becomes plain code: ``Decimal``. A
  leading ``!`` (Sphinx's "do not link") also gives plain code.
- Simple RST tables (rows framed by ``====  ====`` lines) to Markdown tables; a row whose first
  column is blank continues the cell text of the row above.
- Citations of the domain notes that are not in the repository, ``DOMAIN.md §4``, to the docs
  page on that subject (``[film supply][concept-supply]``), and ``seed 002`` / ``seeds 000,
  002`` to their entries on the Sources page (``[seed 002][seed-002]``).

The rewrite is idempotent: its output contains nothing it would rewrite again.
"""

from __future__ import annotations

import argparse
import ast
import importlib
import io
import re
import sys
import tokenize
import types
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

ROLE = re.compile(r":(?:py:)?(?P<role>class|func|meth|mod|attr|data|exc|obj):`(?P<body>[^`]+)`")
EXPLICIT = re.compile(r"^(?P<title>.*?)\s*<(?P<target>[^<>]+)>$", re.DOTALL)

#: the package whose objects have pages in the API reference
PACKAGE = "pmedu"
#: top-level names that are never pmedu's (a relative name starting so is external)
_ROOTS = """
    attrs cattrs collections csv dataclasses datetime dateutil
    decimal enum fractions functools io json math matplotlib
    networkx nx openpyxl os pathlib re tomllib tomli_w typing
"""
EXTERNAL_ROOTS = frozenset(_ROOTS.split())
#: names of the standard library and the dependencies that docstrings cite unqualified
_NAMES = """
    Decimal Fraction Path date datetime timedelta Enum IntEnum
    StrEnum Mapping Sequence Iterable Iterator DiGraph Graph
    relativedelta rrule Workbook Any dict list tuple set
    frozenset str int float bool bytes None ValueError KeyError
    TypeError OSError FileNotFoundError UnicodeDecodeError Exception
"""
EXTERNAL_NAMES = frozenset(_NAMES.split())

#: DOMAIN.md section → (anchor of the docs page on it, its short title)
DOMAIN_PAGES: dict[int, tuple[str, str]] = {
    1: ("concept-tree", "the organisation tree"),
    2: ("concept-tree", "the organisation tree"),
    3: ("concept-stations", "stations and standards"),
    4: ("concept-supply", "film supply"),
    5: ("concept-viewing", "playing and viewing"),
    6: ("howto-split-target", "splitting a target"),
    7: ("concept-assessment", "the assessment"),
    8: ("concept-assessment", "the assessment"),
    9: ("concept-tree", "the organisation tree"),
    10: ("decisions", "decisions"),
    11: ("decisions", "decisions"),
}
SECTIONS = r"§\d+(?:\s*(?:[–-]|,|and)\s*§\d+)*"
DOMAIN = re.compile(rf"DOMAIN\.md(?P<sp>\s*)(?P<secs>{SECTIONS})?")
SECTION_NUMBER = re.compile(r"§(\d+)")
SECTION_RANGE = re.compile(r"§(\d+)\s*[–-]\s*§(\d+)")
SEED = r"00[0-4]"
SEEDS = re.compile(
    rf"(?<![\[\w/#-])(?P<word>[Ss]eeds?)(?P<sp>\s+)"
    rf"(?P<nums>{SEED}(?:(?:,\s*|,?\s+and\s+|\s*[–-]\s*){SEED})*)(?![\w\]])"
)
SEED_NUMBER = re.compile(SEED)

TABLE_RULE = re.compile(r"^(?P<indent>[ \t]*)=+(?:[ \t]+=+)+[ \t]*$")


# --- roles --------------------------------------------------------------------------------


def _is_external(target: str) -> bool:
    root = target.split(".", 1)[0]
    if root == PACKAGE:
        return False
    return root in EXTERNAL_ROOTS or target in EXTERNAL_NAMES


Resolver = Callable[[str], "str | None"]


def role_to_md(role: str, body: str, resolve: Resolver | None = None) -> str:
    """One role's Markdown: a cross-reference, or plain code for a target with no page.

    >>> role_to_md("class", "~pmedu.network.OrgTree")
    '[`OrgTree`][pmedu.network.OrgTree]'
    >>> role_to_md("func", "pmedu.io.read_tree")
    '[`pmedu.io.read_tree`][pmedu.io.read_tree]'
    >>> role_to_md("class", "~decimal.Decimal")
    '`Decimal`'
    >>> role_to_md("meth", "the rollup <pmedu.network.OrgTree.rollup>")
    '[the rollup][pmedu.network.OrgTree.rollup]'
    """
    del role  # every role renders alike: the identifier says what it is
    # ``resolve`` maps a (relative) target to the canonical path of the object it names
    body = body.strip()
    explicit = EXPLICIT.match(body)
    if explicit:
        title, target = explicit.group("title").strip(), explicit.group("target").strip()
    else:
        title, target = "", body
    no_link = target.startswith("!")
    target = target.lstrip("!")
    short = target.startswith("~")
    target = target.lstrip("~").removesuffix("()")
    shown = target.rsplit(".", 1)[-1] if short else target
    if not title:
        title = f"`{shown}`"
    if no_link or _is_external(target):
        return title if explicit else f"`{shown}`"
    found = resolve(target) if resolve else None
    if found is not None and _is_external(found):
        return title if explicit else f"`{shown}`"
    return f"[{title}][{found or target}]"


def convert_roles(text: str, resolve: Resolver | None = None) -> str:
    """Every Sphinx role in ``text`` as Markdown (see :func:`role_to_md`)."""
    return ROLE.sub(lambda m: role_to_md(m.group("role"), m.group("body"), resolve), text)


def _canonical(obj: object) -> str | None:
    if isinstance(obj, types.ModuleType):
        return obj.__name__
    module = getattr(obj, "__module__", None)
    qualname = getattr(obj, "__qualname__", None)
    if isinstance(module, str) and isinstance(qualname, str) and "<" not in qualname:
        return f"{module}.{qualname}"
    return None


def _walk(start: object, start_path: str, names: list[str]) -> str | None:
    """The canonical path of ``start.names…``: the deepest module, class or function on the
    way by its own module and qualified name, then the attribute names after it."""
    path = _canonical(start) or start_path
    obj = start
    for name in names:
        if isinstance(obj, type):
            # a class attribute as the class declares it (a method, a property, a field)
            if not any(name in vars(k) for k in obj.__mro__) and not hasattr(obj, name):
                if name in getattr(obj, "__annotations__", {}):
                    return f"{path}.{name}"
                return None
        elif not hasattr(obj, name):
            return None
        try:
            obj = getattr(obj, name)
        except AttributeError:  # an attrs field without a class-level default
            return f"{path}.{name}"
        path = _canonical(obj) or f"{path}.{name}"
    return path


def make_resolver(module: str, scopes: Sequence[str] = ()) -> Resolver:
    """A resolver for a docstring of ``module`` inside the classes ``scopes`` (innermost
    last): a relative target is looked up as Python would see the name there, an absolute
    ``pmedu.…`` one from the package; both come back as the object's canonical path, so a
    re-exported name links to where the object is documented. Unknown names give None."""

    def resolve(target: str) -> str | None:
        try:
            mod = importlib.import_module(module)
        except Exception:  # the file cannot be imported: leave its targets as written
            return None
        first, *rest = target.split(".")
        if first == PACKAGE:
            for cut in range(len(target.split(".")), 0, -1):
                name = ".".join(target.split(".")[:cut])
                try:
                    start = importlib.import_module(name)
                except ImportError:
                    continue
                return _walk(start, name, target.split(".")[cut:])
            return None
        for scope in reversed(scopes):
            owner: object = mod
            for part in scope.split("."):
                owner = getattr(owner, part, None)
            if owner is not None and (
                first in getattr(owner, "__dict__", {})
                or first in getattr(owner, "__annotations__", {})
            ):
                return _walk(owner, f"{module}.{scope}", [first, *rest])
        if hasattr(mod, first):
            return _walk(mod, module, [first, *rest])
        return None

    return resolve


# --- citations ----------------------------------------------------------------------------


def _sections(secs: str) -> list[int]:
    numbers: list[int] = []
    for lo, hi in SECTION_RANGE.findall(secs):
        numbers.extend(range(int(lo), int(hi) + 1))
    rest = SECTION_RANGE.sub("", secs)
    numbers.extend(int(n) for n in SECTION_NUMBER.findall(rest))
    return sorted(set(numbers))


def _domain_link(m: re.Match[str]) -> str:
    secs = m.group("secs")
    if not secs:
        return "[the concepts][concept-tree]"
    pages: list[tuple[str, str]] = []
    for n in _sections(secs):
        page = DOMAIN_PAGES.get(n, ("concept-tree", "the concepts"))
        if page not in pages:
            pages.append(page)
    return ", ".join(f"[{title}][{anchor}]" for anchor, title in pages)


def _seed_link(m: re.Match[str]) -> str:
    word, sp, nums = m.group("word", "sp", "nums")
    if len(SEED_NUMBER.findall(nums)) == 1:
        return f"[{word}{sp}{nums}][seed-{nums}]"
    linked = SEED_NUMBER.sub(lambda n: f"[{n.group(0)}][seed-{n.group(0)}]", nums)
    return f"{word}{sp}{linked}"


def convert_citations(text: str) -> str:
    """``DOMAIN.md §N`` → the docs page on it; ``seed 00N`` → its Sources entry.

    >>> convert_citations("(DOMAIN.md §4, seed 001)")
    '([film supply][concept-supply], [seed 001][seed-001])'
    >>> convert_citations("(seeds 000, 002; DOMAIN.md §7–§8)")
    '(seeds [000][seed-000], [002][seed-002]; [the assessment][concept-assessment])'
    """
    text = DOMAIN.sub(_domain_link, text)
    return SEEDS.sub(_seed_link, text)


# --- tables -------------------------------------------------------------------------------


def _columns(rule: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"=+", rule)]


def _cells(line: str, cols: list[tuple[int, int]]) -> list[str]:
    """The cells of a table row, cut at the rule's columns counted in display width (the
    table is aligned as it shows, a CJK character taking two columns)."""
    starts = [start for start, _end in cols[1:]]
    cells = [""]
    column = 0
    for char in line:
        if starts and column >= starts[0]:
            starts.pop(0)
            cells.append("")
        cells[-1] += char
        column += width_of(char)
    cells += [""] * (len(cols) - len(cells))
    return [c.strip() for c in cells]


def _md_row(cells: list[str]) -> str:
    return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"


def _table(lines: list[str], indent: str, width: int = 100) -> list[str]:
    """A simple RST table (its lines, rules included) as Markdown lines."""
    cols = _columns(lines[0][len(indent) :])
    rules = [i for i, line in enumerate(lines) if TABLE_RULE.match(line)]
    body_lines = [line[len(indent) :] for line in lines]
    has_header = len(rules) >= 3
    header_end = rules[1] if has_header else 0
    rows: list[list[str]] = []
    header: list[str] | None = None
    for i, line in enumerate(body_lines):
        if i in rules or not line.strip():
            continue
        cells = _cells(line, cols)
        if has_header and i < header_end:
            header = (
                cells
                if header is None
                else [f"{a} {b}".strip() for a, b in zip(header, cells, strict=False)]
            )
            continue
        if rows and not cells[0]:
            rows[-1] = [f"{a} {b}".strip() for a, b in zip(rows[-1], cells, strict=False)]
        else:
            rows.append(cells)
    if header is None:
        header = [""] * len(cols)
    out = [_md_row(header), "|" + "|".join("---" for _ in cols) + "|"]
    out += [_md_row(r) for r in rows]
    if all(width_of(indent + line) <= width for line in out):
        return [indent + line for line in out]
    # a row too wide for one source line: a list, one item per row, reads the same
    items = []
    for row in rows:
        head, *middle, last = row if len(row) > 1 else [*row, ""]
        label = head + (f" ({', '.join(c for c in middle if c)})" if any(middle) else "")
        items.append(rewrap(f"{indent}- {label}: {last}", width=width))
    return items


def convert_tables(text: str) -> str:
    """Every simple RST table in ``text`` as a Markdown table (same indentation)."""
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        m = TABLE_RULE.match(lines[i])
        if not m:
            out.append(lines[i])
            i += 1
            continue
        indent = m.group("indent")
        # the table ends at the rule followed by a blank line or the end of the text
        j = i + 1
        end = None
        while j < len(lines):
            if TABLE_RULE.match(lines[j]) and (j + 1 == len(lines) or not lines[j + 1].strip()):
                end = j
                break
            j += 1
        if end is None:
            out.append(lines[i])
            i += 1
            continue
        out.extend(_table(lines[i : end + 1], indent))
        i = end + 1
    return "\n".join(out)


# --- files --------------------------------------------------------------------------------


def _prose_and_examples(text: str) -> list[tuple[bool, str]]:
    """``text`` cut into (is_prose, chunk): doctest examples (a ``>>>`` line up to the next
    blank line) and fenced code blocks are not prose and are never rewritten."""
    chunks: list[tuple[bool, str]] = []
    kind: str | None = None  # None (prose), "doctest" or "fence"
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if kind is None and (stripped.startswith(">>>") or stripped.startswith("```")):
            kind = "doctest" if stripped.startswith(">>>") else "fence"
            chunks.append((False, line))
            continue
        if kind == "doctest" and not stripped:
            kind = None
        elif kind == "fence" and stripped.startswith("```"):
            chunks.append((False, line))
            kind = None
            continue
        prose = kind is None
        if chunks and chunks[-1][0] == prose:
            chunks[-1] = (prose, chunks[-1][1] + line)
        else:
            chunks.append((prose, line))
    return chunks


def convert_text(text: str, resolve: Resolver | None = None) -> str:
    """A docstring or comment with its RST roles, tables and citations as Markdown.

    Doctest examples and fenced code are left as they are (an example's output may quote
    a role or a citation).
    """
    return "".join(
        convert_citations(convert_roles(convert_tables(chunk), resolve)) if prose else chunk
        for prose, chunk in _prose_and_examples(text)
    )


def width_of(line: str) -> int:
    """The width of ``line`` as ruff measures it: East Asian wide characters count 2."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


LIST_ITEM = re.compile(r"^(?P<indent>[ \t]*)(?P<marker>[-*+] |\d+[.)] )")


def _paragraphs(lines: list[str]) -> list[tuple[int, int, str, str]]:
    """(start, end, first indent, continuation indent) of each reflowable paragraph."""
    paras = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if (
            not line.strip()
            or line.strip() in ('"""', "'''", 'r"""')
            or line.lstrip().startswith(("|", ">>>", "```", "#"))
        ):
            i += 1
            continue
        indent = line[: len(line) - len(line.lstrip())]
        item = LIST_ITEM.match(line)
        cont = indent + " " * len(item.group("marker")) if item else indent
        j = i + 1
        while j < len(lines):
            nxt = lines[j]
            nxt_indent = nxt[: len(nxt) - len(nxt.lstrip())]
            if not nxt.strip() or nxt_indent != cont or LIST_ITEM.match(nxt):
                break
            if nxt.strip() in ('"""', "'''"):  # the closing quotes on a line of their own
                break
            if set(nxt.strip()) <= set("-=~^"):  # a section underline: not prose
                break
            j += 1
        paras.append((i, j, indent, cont))
        i = j
    return paras


def rewrap(text: str, *, first_column: int = 0, width: int = 100) -> str:
    """Reflow each paragraph of ``text`` that has a line longer than ``width``.

    ``first_column`` is where the text's first line starts in the file (after the opening
    quotes of a docstring). Paragraphs whose lines fit are left exactly as they are.

    >>> print(rewrap("one two three four", width=9))
    one two
    three
    four
    """
    lines = text.split("\n")
    lines[0] = " " * first_column + lines[0]
    out: list[str] = []
    done = 0
    for start, end, indent, cont in _paragraphs(lines):
        if all(width_of(line) <= width for line in lines[start:end]):
            continue
        words = " ".join(line.strip() for line in lines[start:end]).split(" ")
        if start == 0:
            indent = lines[0][: len(lines[0]) - len(lines[0].lstrip())]
        wrapped: list[str] = []
        current = indent
        for word in words:
            if not word:
                continue
            prefix = current
            candidate = f"{prefix} {word}" if prefix.strip() else prefix + word
            if width_of(candidate) > width and prefix.strip():
                wrapped.append(prefix)
                current = cont + word
            else:
                current = candidate
        wrapped.append(current)
        out.extend(lines[done:start])
        out.extend(wrapped)
        done = end
    out.extend(lines[done:])
    out[0] = out[0][first_column:]
    return "\n".join(out)


def rewrap_docstring(text: str, first_column: int, width: int = 100) -> str:
    """[`rewrap`][rewrap] over the prose of a docstring; examples and code keep their lines."""
    out = []
    column = first_column
    for prose, chunk in _prose_and_examples(text):
        out.append(rewrap(chunk, first_column=column, width=width) if prose else chunk)
        column = 0
    return "".join(out)


def _wrap_comment(comment: str, column: int, width: int = 100) -> str:
    """A comment too long for one line as several, each with the same ``#`` or ``#:``."""
    if width_of(" " * column + comment) <= width:
        return comment
    marker = "#: " if comment.startswith("#:") else "# "
    words = comment[len(marker.rstrip()) :].split()
    lines: list[str] = []
    current = marker.rstrip()
    for word in words:
        candidate = f"{current} {word}"
        if width_of(" " * column + candidate) > width and current != marker.rstrip():
            lines.append(current)
            current = f"{marker}{word}"
        else:
            current = candidate
    lines.append(current)
    return ("\n" + " " * column).join(lines)


def _docstring_starts(source: str) -> dict[tuple[int, int], tuple[str, ...]]:
    """(line, column) of every string that is a statement of its own — the module, class and
    function docstrings and the attribute docstrings griffe reads — with the qualified names
    of the classes around it (innermost last)."""
    starts: dict[tuple[int, int], tuple[str, ...]] = {}

    def visit(node: ast.AST, classes: tuple[str, ...], prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if (
                isinstance(child, ast.Expr)
                and isinstance(child.value, ast.Constant)
                and isinstance(child.value.value, str)
            ):
                starts[(child.lineno, child.col_offset)] = classes
            if isinstance(child, ast.ClassDef):
                qual = f"{prefix}{child.name}"
                visit(child, (*classes, qual), f"{qual}.")
            elif isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                visit(child, classes, f"{prefix}{child.name}.<locals>.")
            else:
                visit(child, classes, prefix)

    visit(ast.parse(source), (), "")
    return starts


def convert_source(source: str, module: str | None = None) -> str:
    """A Python file with its docstrings and comments converted; code is untouched.

    With ``module`` (the file's dotted name, importable), cross-reference targets are
    resolved to the canonical path of the object they name.
    """
    docstrings = _docstring_starts(source)
    tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    lines = source.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    edits: list[tuple[int, int, str]] = []
    for tok in tokens:
        if tok.type == tokenize.STRING and tok.start not in docstrings:
            continue  # a string the code uses: its text is data, never rewritten
        if tok.type not in (tokenize.STRING, tokenize.COMMENT):
            continue
        scopes = docstrings.get(tok.start, ())
        resolve = make_resolver(module, scopes) if module else None
        new = convert_text(tok.string, resolve)
        if tok.type == tokenize.STRING and new != tok.string:
            new = rewrap_docstring(new, tok.start[1])
        elif tok.type == tokenize.COMMENT and new != tok.string:
            new = _wrap_comment(new, tok.start[1])
        if new != tok.string:
            start = offsets[tok.start[0] - 1] + tok.start[1]
            end = offsets[tok.end[0] - 1] + tok.end[1]
            edits.append((start, end, new))
    for start, end, new in reversed(edits):
        source = source[:start] + new + source[end:]
    return source


def python_files(paths: Iterable[str]) -> list[Path]:
    files: list[Path] = []
    for name in paths:
        path = Path(name)
        files.extend(sorted(path.rglob("*.py")) if path.is_dir() else [path])
    return files


def module_name(path: Path) -> str | None:
    """The dotted module name of a file inside the ``pmedu`` package, or None."""
    parts = path.resolve().with_suffix("").parts
    if PACKAGE not in parts:
        return None
    dotted = list(parts[len(parts) - 1 - parts[::-1].index(PACKAGE) :])
    if dotted[-1] == "__init__":
        dotted.pop()
    return ".".join(dotted)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("paths", nargs="+", help="Python files or directories (searched for *.py)")
    ap.add_argument(
        "--check", action="store_true", help="change nothing; exit 1 if a file would change"
    )
    ap.add_argument(
        "--no-resolve",
        dest="resolve",
        action="store_false",
        help="do not import the package to resolve targets (leave them as written)",
    )
    args = ap.parse_args(argv)
    changed = []
    for path in python_files(args.paths):
        source = path.read_text(encoding="utf-8")
        module = module_name(path)
        if module and args.resolve:
            root = str(
                path.resolve().parents[len(module.split(".")) - (path.name != "__init__.py")]
            )
            if root not in sys.path:
                sys.path.insert(0, root)
        new = convert_source(source, module if args.resolve else None)
        if new != source:
            changed.append(path)
            if not args.check:
                path.write_text(new, encoding="utf-8")
    verb = "would rewrite" if args.check else "rewrote"
    for path in changed:
        print(f"{verb} {path}")
    return 1 if args.check and changed else 0


if __name__ == "__main__":
    sys.exit(main())
