"""Synthetic member-level records (合成记录) for a province or the nation, made in SQL.

[`synth_records`][pmedu.datasets.synth_records.synth_records] fills a record store (a DuckDB
connection, [`pmedu.io.store`][pmedu.io.store]) for a tree of any size — from
[`pmedu.datasets.synth.tree`][pmedu.datasets.synth.tree] — with members, stations and their
equipment, viewing sessions, sign-ins, study records and the count-based records (submissions,
subscriptions, demonstration households, institutions, awards, funds misuse, film sets), without a
Python object per row: every row is made by DuckDB (``generate_series`` / ``unnest``) from
deterministic hashes of the seed, so the same tree and seed give the same store. At the full
province ([`synth.PROVINCE_UNITS`][pmedu.datasets.synth.PROVINCE_UNITS]: 90 counties, ~20,000
villages and communities, ~1.3 million members) that is ~19,000 stations, ~230,000 sessions and
~13 million sign-ins with the default shape (a session a month at each station).
[`write_synth_records`][pmedu.datasets.synth_records.write_synth_records] writes them straight to
Parquet (``pmedu db export``'s layout).

The shape (every figure a parameter of [`RecordShape`][pmedu.datasets.synth_records.RecordShape]):
a viewing station at 90% of villages and communities and half the townships; the 两机一室
equipment at about 90% of stations, the rest of 六有 at 60%; 1–9 sessions a station
(``sessions_per_station`` on average); each of the unit's members expected, 85% signing in; a
study record for 70% of members; a news item and a special-topic film from most townships, 0–4
information items a quarter.

>>> from pmedu.datasets import synth
>>> from pmedu.io.store import open_store
>>> tree = synth.tree("province", units=600, seed=3)
>>> con = open_store(None)
>>> counts = synth_records(con, tree, year=2025, seed=3)
>>> counts["sign_ins"] > counts["sessions"] > counts["stations"] > 0
True
>>> synth_records(open_store(None), tree, year=2025, seed=3) == counts
True
"""

from __future__ import annotations

import os
from typing import Any

import attrs

from pmedu.facts.engines.duckdb import arrow_table
from pmedu.facts.sql import RECORD_TABLES
from pmedu.io.store import export_store, load_units, open_store
from pmedu.model import StudyKind, SubmissionKind
from pmedu.network import OrgTree
from pmedu.stations import Feature

__all__ = ["RecordShape", "synth_records", "write_synth_records"]

__doctest_requires__ = ("duckdb", "pyarrow")

_TMOR = {Feature.TELEVISION, Feature.PLAYER, Feature.ROOM}


@attrs.frozen(kw_only=True)
class RecordShape:
    """The shape of synthetic records: shares and averages (seed [003][seed-003]'s member-level
    records; the figures are placeholders of realistic size, not survey data).

    >>> RecordShape().sessions_per_station
    12
    """

    station_share: float = 0.9
    township_station_share: float = 0.5
    tmor_share: float = 0.9
    other_feature_share: float = 0.6
    established_in_year_share: float = 0.05
    sessions_per_station: int = 12
    sign_in_share: float = 0.85
    study_share: float = 0.7
    news_share: float = 0.9
    special_share: float = 0.8
    subscription_share: float = 0.6
    award_share: float = 0.05
    misuse_share: float = 0.01
    #: members per unit as a multiple of the tree's member counts (the nation's 99 million
    #: members are ~2.5 times what ``synth``'s nation tree holds)
    member_scale: float = 1.0


def _units_table(con: Any, tree: OrgTree, scale: float) -> None:
    units = tree.units()
    cols: dict[str, list[Any]] = {
        "id": [u.id for u in units],
        "members": [round((u.members or 0) * scale) for u in units],
    }
    con.register("pmedu_synth_units", arrow_table(cols, (("id", "VARCHAR"), ("members", "BIGINT"))))
    con.execute(
        "CREATE OR REPLACE TEMP TABLE g_units AS SELECT u.id, u.kind, u.county, u.province, "
        "m.members FROM units AS u JOIN pmedu_synth_units AS m ON m.id = u.id "
        "WHERE u.county IS NOT NULL"
    )
    con.unregister("pmedu_synth_units")


def _statements(year: int, seed: int, shape: RecordShape) -> list[str]:
    """The INSERT statements (only numbers and the enums' fixed words are formatted in)."""
    y, s, p = int(year), int(seed), shape
    day0 = f"DATE '{y:04d}-01-01'"

    def rnd(*parts: str) -> str:
        return f"((hash({', '.join(parts)}, {s}) % 1000003) / 1000003.0)"

    tmor = ", ".join(f"('{f.value}', {p.tmor_share})" for f in Feature if f in _TMOR)
    rest = ", ".join(f"('{f.value}', {p.other_feature_share})" for f in Feature if f not in _TMOR)
    kinds = [k.value for k in StudyKind]
    listed = "', '".join(kinds)
    study_kind = f"(['{listed}'])[1 + CAST(hash(m.id, 'kind', {s}) % {len(kinds)} AS INT)]"
    towns = "('township', 'street')"
    news, special, info = (k.value for k in SubmissionKind)
    n_sessions = 2 * p.sessions_per_station - 1
    return [
        f"""INSERT INTO stations SELECT u.county, 'S' || u.id, u.id,
              CASE WHEN {rnd("u.id", "'est'")} < {p.established_in_year_share}
                   THEN {day0} + CAST(floor({rnd("u.id", "'estd'")} * 365) AS INT) END,
              {y}, u.province
            FROM g_units AS u
            WHERE (u.kind IN ('village', 'community') AND {rnd("u.id", "'st'")} < {p.station_share})
               OR (u.kind IN {towns} AND {rnd("u.id", "'st'")} < {p.township_station_share})""",
        f"""INSERT INTO station_features SELECT s.county, s.id, f.feature, {y}, s.province
            FROM stations AS s, (VALUES {tmor}, {rest}) AS f(feature, share)
            WHERE {rnd("s.id", "f.feature")} < f.share""",
        f"""INSERT INTO members SELECT county, unit_id || '-M' || k, '党员' || k, unit_id,
              CASE WHEN {rnd("unit_id", "k", "'pro'")} < 0.04 THEN 'probationary' ELSE 'full' END,
              CASE WHEN {rnd("unit_id", "k", "'ret'")} < 0.25 THEN 'retired' ELSE 'in_service' END,
              'none', {y}, province
            FROM (SELECT u.county, u.id AS unit_id, u.province,
                         unnest(generate_series(1, u.members)) AS k
                  FROM g_units AS u WHERE u.members > 0)""",
        f"""INSERT INTO sessions SELECT s.county, s.id || '-V' || k, s.id,
              {day0} + CAST(floor({rnd("s.id", "k", "'d'")} * 365) AS INT), u.members, NULL,
              60 + CAST(hash(s.id, k, {s}) % 60 AS INT), {y}, s.province
            FROM stations AS s JOIN g_units AS u ON u.id = s.unit_id,
                 generate_series(1, {n_sessions}) AS g(k)
            WHERE k <= 1 + hash(s.id, 'n', {s}) % {n_sessions}""",
        f"""INSERT INTO sign_ins SELECT v.county, v.id, m.id, {y}, v.province
            FROM sessions AS v JOIN stations AS st ON st.county = v.county AND st.id = v.station_id
            JOIN members AS m ON m.county = v.county AND m.unit_id = st.unit_id
            WHERE {rnd("v.id", "m.id")} < {p.sign_in_share}""",
        f"""INSERT INTO study_records SELECT m.county, 'E' || m.id, m.id,
              {day0} + CAST(floor({rnd("m.id", "'sd'")} * 365) AS INT), {study_kind},
              30 + CAST(hash(m.id, 'min', {s}) % 210 AS INT), {y}, m.province
            FROM members AS m WHERE {rnd("m.id", "'study'")} < {p.study_share}""",
        f"""INSERT INTO submissions SELECT u.county, u.id || '-' || x.kind || '-' || x.k, u.id,
              x.kind, {day0} + CAST(floor({rnd("u.id", "x.kind", "x.k")} * 365) AS INT),
              {y}, 1 + CAST(x.k % 4 AS INT), {y}, u.province
            FROM g_units AS u, (
              SELECT '{news}' AS kind, 0 AS k, {p.news_share} AS share
              UNION ALL SELECT '{special}', 0, {p.special_share}
              UNION ALL SELECT '{info}', k, 0.5 FROM generate_series(0, 15) AS g(k)) AS x
            WHERE u.kind IN {towns} AND {rnd("u.id", "x.kind", "x.k", "'p'")} < x.share""",
        f"""INSERT INTO subscriptions SELECT DISTINCT s.county, s.unit_id, {y}, 1, {y}, s.province
            FROM stations AS s WHERE {rnd("s.unit_id", "'sub'")} < {p.subscription_share}""",
        f"""INSERT INTO demo_households SELECT u.county, u.id, {y},
              10 + CAST(hash(u.id, 'dt', {s}) % 40 AS INT),
              CAST(hash(u.id, 'da', {s}) % 55 AS INT), {y}, u.province
            FROM g_units AS u WHERE u.kind IN {towns}""",
        f"""INSERT INTO institutions SELECT u.county, u.id,
              CAST(hash(u.id, 'staff', {s}) % 4 AS INT),
              NULL, {y}, u.province
            FROM g_units AS u WHERE u.kind IN {towns} OR u.kind = 'county'""",
        f"""INSERT INTO awards SELECT u.county, 'A' || u.id, u.id, {y}, 'provincial', {y},
              u.province FROM g_units AS u
            WHERE u.kind IN {towns} AND {rnd("u.id", "'aw'")} < {p.award_share}""",
        f"""INSERT INTO funds_misuse SELECT u.county, 'F' || u.id, u.id,
              {day0} + CAST(floor({rnd("u.id", "'fd'")} * 365) AS INT), {y}, u.province
            FROM g_units AS u
            WHERE u.kind IN {towns} AND {rnd("u.id", "'fm'")} < {p.misuse_share}""",
        f"""INSERT INTO film_sets SELECT u.county, u.id || '-FS' || k, u.id,
              {y} - CAST(k % 3 AS INT), {y}, u.province
            FROM g_units AS u, generate_series(1, 6) AS g(k)
            WHERE u.kind IN {towns} AND k <= 1 + hash(u.id, 'fs', {s}) % 6""",
    ]  # fmt: skip


def synth_records(
    con: Any,
    tree: OrgTree,
    *,
    year: int = 2025,
    seed: int = 0,
    shape: RecordShape | None = None,
) -> dict[str, int]:
    """Fill the record store ``con`` with synthetic records of ``year`` for ``tree`` (its unit
    table replaced by ``tree``'s) and return each record table's row count. Record ids are
    namespaced by county, as ``pmedu db import`` keeps them.

    >>> from pmedu.datasets import synth
    >>> from pmedu.io.store import open_store
    >>> n = synth_records(open_store(None), synth.tree("county", units=300, seed=1), seed=1)
    >>> sorted(n)[:3], n["members"] > 0
    (['awards', 'broadcasters', 'budgets'], True)
    """
    shape = shape or RecordShape()
    load_units(con, tree)
    _units_table(con, tree, shape.member_scale)
    for name in RECORD_TABLES:
        con.execute(f"DELETE FROM {name} WHERE year = ?", [int(year)])
    for statement in _statements(year, seed, shape):
        con.execute(statement)
    return {
        name: int(con.execute(f"SELECT COUNT(*) FROM {name}").fetchone()[0])
        for name in RECORD_TABLES
    }


def write_synth_records(
    tree: OrgTree,
    directory: str | os.PathLike[str],
    *,
    year: int = 2025,
    seed: int = 0,
    shape: RecordShape | None = None,
    store: str | os.PathLike[str] | None = None,
) -> dict[str, int]:
    """Synthetic records for ``tree`` straight to Parquet under ``directory``
    (``TABLE/year=Y/province=P/*.parquet``, what the spark engine reads), made in a DuckDB store
    (``store``, or one in memory); each table's row count.

    >>> import tempfile
    >>> from pmedu.datasets import synth
    >>> d = tempfile.mkdtemp()
    >>> n = write_synth_records(synth.tree("county", units=200, seed=2), d, seed=2)
    >>> import pathlib
    >>> sorted(p.name for p in pathlib.Path(d).iterdir())[:3]
    ['awards', 'broadcasters', 'budgets']
    """
    con = open_store(store)
    try:
        counts = synth_records(con, tree, year=year, seed=seed, shape=shape)
        export_store(con, directory)
    finally:
        con.close()
    return counts
