"""Link every "seed 00N" citation in the docs pages to its entry on the Sources page.

    python tools/link_seeds.py            # rewrite docs/**/*.md in place
    python tools/link_seeds.py --check    # exit 1 if a citation is not linked

"seed 002" becomes ``[seed 002](sources.md#seed-002)`` (the path relative to the page);
"seeds 000, 001 and 004" links each number. Fenced code blocks and inline code are left
alone; a citation already linked is not linked twice, so the rewrite is idempotent.
"""

from __future__ import annotations

import argparse
import posixpath
import re
import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent.parent / "docs"
SOURCES = "sources.md"

NUM = r"00[0-4]"
# "seed 002" / "seeds 000, 001 and 004" / "seed\n003"; not preceded by "[" (already a link text)
CITATION = re.compile(
    rf"(?<![\[\w/#-])(?P<word>[Ss]eeds?)(?P<sp>\s+)(?P<nums>{NUM}(?:(?:,\s*|,?\s+and\s+|\s*[–-]\s*){NUM})*)(?![\w\]])"
)
NUMBER = re.compile(NUM)
# code spans and fenced blocks and existing links are kept as they are
PROTECTED = re.compile(r"```.*?```|`[^`\n]*`|\[[^\]]*\]\([^)]*\)", re.DOTALL)


def _link_numbers(text: str, target: str) -> str:
    def one(m: re.Match[str]) -> str:
        word, sp, nums = m.group("word", "sp", "nums")
        if len(NUMBER.findall(nums)) == 1:
            return f"[{word}{sp}{nums}]({target}#seed-{nums})"
        linked = NUMBER.sub(lambda n: f"[{n.group(0)}]({target}#seed-{n.group(0)})", nums)
        return f"{word}{sp}{linked}"

    return CITATION.sub(one, text)


def link_page(text: str, page: str) -> str:
    """Return ``text`` (a page at ``page``, relative to docs/) with its citations linked."""
    here = posixpath.dirname(page) or "."
    target = "" if page == SOURCES else posixpath.relpath(SOURCES, here)
    out: list[str] = []
    pos = 0
    for m in PROTECTED.finditer(text):
        out.append(_link_numbers(text[pos : m.start()], target))
        out.append(m.group(0))
        pos = m.end()
    out.append(_link_numbers(text[pos:], target))
    return "".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="only report pages that would change")
    args = ap.parse_args(argv)
    stale = []
    for path in sorted(DOCS.rglob("*.md")):
        page = path.relative_to(DOCS).as_posix()
        text = path.read_text(encoding="utf-8")
        new = link_page(text, page)
        if new != text:
            stale.append(page)
            if not args.check:
                path.write_text(new, encoding="utf-8")
    for page in stale:
        print(f"{'unlinked seed citation in' if args.check else 'linked'} docs/{page}")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
