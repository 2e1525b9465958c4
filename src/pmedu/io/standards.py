"""Station standards from a user's file, or a shipped standard by name or label.

>>> standard_from("六有").name
'six_haves'
"""

from __future__ import annotations

import os

from pmedu.errors import PolicyError
from pmedu.io.documents import names_a_file, read_document
from pmedu.stations import Standard

__all__ = ["load_standard", "standard_from"]


def load_standard(path: str | os.PathLike[str]) -> Standard:
    """Read a user standard from a TOML or JSON file (every problem reported, each item's by
    its path ``$.items[2].requires``).

    >>> import pathlib, tempfile
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "s.toml"
    >>> _ = p.write_text('name = "s"\\nlabel = "一有"\\n[[items]]\\nname = "tv"\\n'
    ...                  'label = "电视"\\nrequires = ["电视机"]\\n', encoding="utf-8")
    >>> load_standard(p).label
    '一有'
    """
    data = read_document(path, error=PolicyError)
    return Standard.from_document(data, source=str(path))


def standard_from(spec: str | os.PathLike[str]) -> Standard:
    """A standard from an existing ``.toml``/``.json`` file, else the shipped standard of that
    name or Chinese label (the "preset name or file" of the command line)."""
    if names_a_file(spec, presets=Standard.presets()):
        return load_standard(spec)
    return Standard.preset(name=os.fspath(spec))
