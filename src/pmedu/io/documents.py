"""Documents on disk: TOML/JSON files read into plain data, and atomic writes.

This is the one place that opens a user's document file.
[`read_document`][pmedu.io.documents.read_document] parses a ``.toml`` or ``.json`` file (a problem
names the file), [`load_file`][pmedu.io.documents.load_file] also structures it through the one
converter ([`pmedu.convert`][pmedu.convert]), [`dump_document`][pmedu.io.documents.dump_document]
writes an object back, and [`atomic_open`][pmedu.io.documents.atomic_open] is the one atomic write
of pmedu: a temporary file in the target's directory, flushed and ``fsync``-ed, then renamed onto
the target.

>>> import pathlib, tempfile
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "a.toml").write_text("x = 1\\n", encoding="utf-8")
>>> read_document(d / "a.toml")
{'x': 1}
>>> read_document(d / "a.txt")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
pmedu.errors.DataError: 1 problem:
...a.txt: cannot read file: No such file or directory
"""

from __future__ import annotations

import contextlib
import glob
import importlib
import json
import os
import re
import tempfile
import tomllib
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path
from typing import IO, Any, TypeVar

from pmedu.convert import structure, unstructure
from pmedu.errors import DataError, MissingExtraError, Problem
from pmedu.io.guard import load_json_text, load_toml_text
from pmedu.io.text import FORMULA_START, decode_text, escape_formula, unescape_formula

__all__ = [
    "FORMULA_START",
    "AtomicGroup",
    "atomic_files",
    "atomic_open",
    "dump_document",
    "dumps",
    "escape_formula",
    "load_file",
    "load_preset",
    "names_a_file",
    "open_target",
    "preset_names",
    "read_document",
    "remove_stale_temps",
    "unescape_formula",
    "write_error",
]

T = TypeVar("T")


def read_document(path: str | os.PathLike[str], *, error: type[DataError] = DataError) -> Any:
    """Parse a ``.toml`` or ``.json`` file into plain data, naming the file on failure.

    >>> import pathlib, tempfile
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.json"
    >>> _ = p.write_text("{", encoding="utf-8")
    >>> read_document(p)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    pmedu.errors.DataError: 1 problem:
    ...a.json:1: column 2: not valid JSON: Expecting property name enclosed in double quotes
    """
    p = Path(path)
    suffix = p.suffix.lower()
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise error([Problem(f"cannot read file: {exc.strerror or exc}", file=str(p))]) from None
    if suffix not in (".toml", ".json"):
        raise error([Problem("unknown file type: use .toml or .json", file=str(p))])
    try:
        text, _ = decode_text(raw, source=str(p))
        if suffix == ".toml":
            return load_toml_text(text, source=str(p))
        return load_json_text(text, source=str(p))
    except DataError as exc:
        if isinstance(exc, error):
            raise
        raise error(exc.problems) from None


def load_file(
    path: str | os.PathLike[str], cl: type[T], *, error: type[DataError] = DataError
) -> T:
    """Read a TOML or JSON file and structure it into ``cl`` (every problem names the file).

    >>> import attrs, pathlib, tempfile
    >>> @attrs.frozen
    ... class P:
    ...     a: int
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "p.toml"
    >>> _ = p.write_text("a = 2\\n", encoding="utf-8")
    >>> load_file(p, P)
    P(a=2)
    """
    return structure(read_document(path, error=error), cl, source=str(path), error=error)


def _drop_none(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: _drop_none(v) for k, v in data.items() if v is not None}
    if isinstance(data, list | tuple):
        return [_drop_none(v) for v in data]
    return data


def _tomli_w() -> Any:
    """The optional ``tomli_w`` module (extra ``pmedu[toml]``)."""
    try:
        return importlib.import_module("tomli_w")
    except ImportError:  # pragma: no cover - exercised without the extra
        raise MissingExtraError("toml", "tomli-w", "writing TOML") from None


def dumps(data: Any, fmt: str) -> str:
    """Serialise plain data as ``"json"`` or ``"toml"`` text (TOML needs ``pmedu[toml]``).

    >>> dumps({"a": 1, "b": None}, "json")
    '{\\n  "a": 1,\\n  "b": null\\n}\\n'
    """
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt == "toml":
        text: str = _tomli_w().dumps(_drop_none(data))
        return text
    raise ValueError(f"unknown format {fmt!r}: use 'json' or 'toml'")


def dump_document(
    obj: Any, path: str | os.PathLike[str], *, group: AtomicGroup | None = None
) -> Path:
    """Write ``obj`` (unstructured through the converter) to a ``.json`` or ``.toml`` file,
    atomically (see [`atomic_open`][pmedu.io.documents.atomic_open]; with ``group``, as one of
    several files written all or none, see [`atomic_files`][pmedu.io.documents.atomic_files]).

    >>> import pathlib, tempfile
    >>> p = dump_document({"a": 1}, pathlib.Path(tempfile.mkdtemp()) / "a.json")
    >>> read_document(p)
    {'a': 1}
    """
    p = Path(path)
    fmt = p.suffix.lower().lstrip(".")
    text = dumps(unstructure(obj), fmt)
    with open_target(p, mode="w", group=group, encoding="utf-8") as fh:
        fh.write(text)
    return p


_STALE = re.compile(r"\.(?P<name>.+)\.[a-z0-9_]{8}\.tmp")


def remove_stale_temps(path: str | os.PathLike[str]) -> list[Path]:
    """Remove the temporary files a killed run left beside ``path`` (``.NAME.xxxxxxxx.tmp``, as
    [`atomic_open`][pmedu.io.documents.atomic_open] makes them); called before every write of
    ``path``.

    >>> import pathlib, tempfile
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / ".out.csv.ab12cd34.tmp").write_text("half")
    >>> _ = (d / ".out.csv.x.ab12cd34.tmp").write_text("another target's")
    >>> [p.name for p in remove_stale_temps(d / "out.csv")], sorted(p.name for p in d.iterdir())
    (['.out.csv.ab12cd34.tmp'], ['.out.csv.x.ab12cd34.tmp'])
    """
    p = Path(path)
    removed: list[Path] = []
    with contextlib.suppress(OSError):
        for q in p.parent.glob(f".{glob.escape(p.name)}.*.tmp"):
            m = _STALE.fullmatch(q.name)
            if m and m["name"] == p.name and q.is_file():
                with contextlib.suppress(OSError):
                    q.unlink()
                    removed.append(q)
    return removed


def write_error(path: str | os.PathLike[str], exc: OSError) -> DataError:
    """The clean error for a target that cannot be written (names the path)."""
    reason = exc.strerror or str(exc)
    p = Path(path)
    above = next((q for q in p.parents if q.exists()), None)
    if p.is_dir():
        reason = "is a directory"
    elif above is not None and not above.is_dir():
        reason = f"{above} is not a directory"
    return DataError([Problem(f"cannot write file: {reason}", file=str(path))])


class AtomicGroup:
    """Several files written all or none: see [`atomic_files`][pmedu.io.documents.atomic_files]."""

    def __init__(self) -> None:
        self.done: list[tuple[str, Path]] = []

    @contextlib.contextmanager
    def open(
        self, path: str | os.PathLike[str], *, mode: str = "w", **kwargs: Any
    ) -> Iterator[IO[Any]]:
        """A temporary file beside ``path``, flushed and ``fsync``-ed when the block ends; it
        is renamed onto ``path`` only when the whole group succeeds."""
        p = Path(path)
        if p.is_dir():
            raise write_error(p, IsADirectoryError(21, "is a directory"))
        try:
            p.parent.mkdir(parents=True, exist_ok=True)
            remove_stale_temps(p)
            fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=p.parent)
        except OSError as exc:
            raise write_error(p, exc) from None
        self.done.append((tmp, p))
        with os.fdopen(fd, mode, **kwargs) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())

    def discard(self) -> None:
        """Remove every temporary file; no target is touched."""
        for tmp, _ in self.done:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        self.done.clear()

    def commit(self) -> None:
        """Rename every temporary file onto its target; if one rename fails, the targets
        already replaced get their old contents back."""
        mode = 0o666 & ~_umask()
        backups: list[tuple[Path, str | None]] = []
        try:
            for tmp, p in self.done:
                os.chmod(tmp, mode)
                backups.append((p, _backup(p)))
                os.replace(tmp, p)
        except OSError as exc:
            _restore(backups)
            self.discard()
            raise write_error(p, exc) from None
        for _, backup in backups:
            if backup is not None:
                with contextlib.suppress(OSError):
                    os.unlink(backup)
        for directory in {p.parent for _, p in self.done}:
            _fsync_dir(directory)
        self.done.clear()


def _backup(p: Path) -> str | None:
    """A hard link to ``p``'s current contents (``None`` when ``p`` does not exist)."""
    if not p.exists():
        return None
    fd, backup = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=p.parent)
    os.close(fd)
    os.unlink(backup)
    os.link(p, backup)
    return backup


def _restore(backups: list[tuple[Path, str | None]]) -> None:
    for p, backup in reversed(backups):
        with contextlib.suppress(OSError):
            if backup is None:
                p.unlink()
            else:
                os.replace(backup, p)


@contextlib.contextmanager
def atomic_files() -> Iterator[AtomicGroup]:
    """Write several files all or none: each ``group.open(path, ...)`` writes a temporary
    file (flushed, ``fsync``-ed); when the ``with`` block ends without error every one is
    renamed onto its target, on any error every temporary file is removed and no target is
    changed.

    >>> import pathlib, tempfile
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "a.txt").write_text("old")
    >>> try:
    ...     with atomic_files() as group:
    ...         with group.open(d / "a.txt") as fh:
    ...             _ = fh.write("new")
    ...         with group.open(d / "a.txt" / "b.txt") as fh:
    ...             _ = fh.write("cannot")
    ... except DataError as e:  # doctest: +ELLIPSIS
    ...     print(str(e).splitlines()[1].split(": ", 1)[1])
    cannot write file: ... is not a directory
    >>> (d / "a.txt").read_text(), sorted(p.name for p in d.iterdir())
    ('old', ['a.txt'])
    """
    group = AtomicGroup()
    try:
        yield group
    except BaseException:
        group.discard()
        raise
    group.commit()


def open_target(
    path: str | os.PathLike[str],
    *,
    mode: str = "w",
    group: AtomicGroup | None = None,
    **kwargs: Any,
) -> contextlib.AbstractContextManager[IO[Any]]:
    """``group.open(path, ...)`` when a writer is part of a group of files written all or none (see
    [`atomic_files`][pmedu.io.documents.atomic_files]), else
    [`atomic_open`][pmedu.io.documents.atomic_open] alone."""
    if group is not None:
        return group.open(path, mode=mode, **kwargs)
    return atomic_open(path, mode=mode, **kwargs)


@contextlib.contextmanager
def atomic_open(
    path: str | os.PathLike[str], *, mode: str = "w", **kwargs: Any
) -> Iterator[IO[Any]]:
    """Open a temporary file in ``path``'s directory; on success flush it, ``fsync`` it and
    rename it onto ``path``.

    On any error the temporary file is removed and ``path`` is left as it was, so no half-written
    output is ever left behind. Temporary files a killed run left beside ``path`` are removed first;
    a path that cannot be written is a [`DataError`][pmedu.errors.DataError] naming it.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> with atomic_open(d / "out.txt") as fh:
    ...     _ = fh.write("ok")
    >>> (d / "out.txt").read_text()
    'ok'
    >>> try:
    ...     with atomic_open(d / "out.txt") as fh:
    ...         _ = fh.write("half")
    ...         raise RuntimeError("stop")
    ... except RuntimeError:
    ...     pass
    >>> (d / "out.txt").read_text(), sorted(x.name for x in d.iterdir())
    ('ok', ['out.txt'])
    >>> with atomic_open(d) as fh:  # doctest: +ELLIPSIS
    ...     pass
    Traceback (most recent call last):
    ...
    pmedu.errors.DataError: 1 problem:
    ...: cannot write file: is a directory
    """
    with atomic_files() as group, group.open(path, mode=mode, **kwargs) as fh:
        yield fh


def _fsync_dir(directory: Path) -> None:
    """Make the rename durable where the platform allows it (not on Windows)."""
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def preset_names(package: str) -> list[str]:
    """Names (file stems) of the ``.toml`` presets shipped in ``package`` (kept for the old
    ``pmedu.convert.preset_names``; each package's ``presets`` module reads its own).

    >>> preset_names("pmedu.network.presets")
    ['default', 'strict']
    """
    root = resources.files(package)
    return sorted(
        entry.name.rsplit(".", 1)[0] for entry in root.iterdir() if entry.name.endswith(".toml")
    )


def load_preset(package: str, name: str, cl: type[T], *, error: type[DataError] = DataError) -> T:
    """Structure the preset ``name.toml`` shipped in ``package`` into ``cl`` (kept for the
    old ``pmedu.convert.load_preset``).

    >>> from pmedu.network import HierarchyRules
    >>> load_preset("pmedu.network.presets", "strict", HierarchyRules).name
    'strict'
    """
    names = preset_names(package)
    if name not in names:
        raise error([Problem(f"unknown preset {name!r}; shipped presets: {', '.join(names)}")])
    text = resources.files(package).joinpath(f"{name}.toml").read_text(encoding="utf-8")
    return structure(tomllib.loads(text), cl, source=f"preset:{name}", error=error)


def names_a_file(spec: str | os.PathLike[str], *, presets: Iterable[str] = ()) -> bool:
    """Whether a command-line "preset name or file" means a file: not a shipped preset's name,
    and an existing file or a ``.toml``/``.json`` path (so a missing file is reported as a missing
    file, not as an unknown preset).

    >>> names_a_file("strict", presets=["default", "strict"]), names_a_file("mine.toml")
    (False, True)
    >>> names_a_file("nope")
    False
    """
    text = os.fspath(spec)
    if text in set(presets):
        return False
    path = Path(text)
    return path.suffix.lower() in (".toml", ".json") or path.is_file()
