"""Station standards shipped with pmedu (两机一室, 六有, 五有) as TOML files.

This module reads them (importlib.resources + tomllib): [`names`][pmedu.stations.presets.names]
lists them and [`document`][pmedu.stations.presets.document] gives one as plain data, which the
owning class structures through the one converter (its ``from_document``).

>>> names() == sorted(names())
True
>>> document("nope")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
pmedu.errors.PolicyError: 1 problem:
unknown preset 'nope'; shipped presets: ...
"""

from __future__ import annotations

from pmedu.convert import Shelf

__all__ = ["SHELF", "document", "names", "source"]

#: the presets shipped here
SHELF = Shelf(__name__)
names = SHELF.names
source = SHELF.source
document = SHELF.document
