"""A griffe extension for the API reference: fence the ``>>>`` examples of docstrings.

pmedu's docstrings carry runnable doctest examples in their text, not only in an
"Examples" section. Markdown would read ``[...]`` in them as links; this extension wraps
every doctest block (``>>>`` lines, their ``...`` continuations and the expected output up
to the next blank line) in a ``pycon`` code fence, keeping its indentation.
"""

from __future__ import annotations

import re
from typing import Any

from griffe import Extension

_PROMPT = re.compile(r"^(\s*)>>> ?")


_UNDERLINE = re.compile(r"^\s*-{3,}\s*$")


def fence_doctests(text: str) -> str:
    """``text`` with each doctest block fenced as ``pycon`` code.

    Doctest blocks that follow a numpy section (``Parameters`` + dashes) would be read as
    part of that section: an ``Examples`` section is opened for them instead, which griffe
    renders as code itself.
    """
    lines = text.splitlines()
    out: list[str] = []
    in_section = False
    examples = False
    i = 0
    while i < len(lines):
        if i > 0 and _UNDERLINE.match(lines[i]) and lines[i - 1].strip():
            in_section = True
            examples = lines[i - 1].strip() == "Examples"
        m = _PROMPT.match(lines[i])
        if not m:
            out.append(lines[i])
            i += 1
            continue
        if in_section:
            if not examples:
                if out and out[-1].strip():
                    out.append("")
                out.extend(["Examples", "--------"])
                examples = True
            while i < len(lines) and lines[i].strip():
                out.append(lines[i])
                i += 1
            continue
        indent = m.group(1)
        block: list[str] = []
        while i < len(lines) and lines[i].strip():
            block.append(lines[i])
            i += 1
        out.append(f"{indent}```pycon")
        out.extend(block)
        out.append(f"{indent}```")
    return "\n".join(out)


class DoctestBlocks(Extension):
    """Fence doctest blocks in every docstring griffe loads."""

    def on_instance(self, *, obj: Any, **kwargs: Any) -> None:
        docstring = getattr(obj, "docstring", None)
        if docstring is not None and ">>>" in docstring.value:
            docstring.value = fence_doctests(docstring.value)
