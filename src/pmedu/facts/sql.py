"""Measures once in SQL (指标的 SQL 定义): the registry the ``duckdb`` and ``spark`` engines run.

Every measure of [`MEASURES`][pmedu.facts.measures.MEASURES] keeps its Python definition (the
``python`` engine, the reference) and has ONE SQL definition here, in [`SQL`][pmedu.facts.sql.SQL],
written in DuckDB's dialect; the Spark engine runs the same text transpiled by sqlglot
([`spark_sql`][pmedu.facts.sql.spark_sql]). A query returns ``unit_id, num, den`` rows of whole
numbers (``den`` NULL for a count or a number of days); the one Python function
[`form_rows`][pmedu.facts.sql.form_rows] turns them into values, so every engine's facts are equal
exactly.

The queries read three kinds of table, each engine creating them from what its caller gives:

* ``y_*`` — the year's records ([`RECORD_TABLES`][pmedu.facts.sql.RECORD_TABLES]): one county's
  bundle loaded in memory, or a store's / a Parquet folder's tables filtered to one year. Record ids
  are namespaced by ``county`` (the county unit's id): joins between record tables match both.
* ``t_*`` — the tree: ``t_units`` (id, kind, depth), ``t_closure`` (every ancestor ``anc`` of every
  unit ``des``, the unit itself included: roll-ups are joins with it) and ``t_targets`` (the units
  asked for) ([`tree_columns`][pmedu.facts.sql.tree_columns]).
* ``p_*`` — the policy, as data: kinds, the standards' features, the quarter deadlines, the supply
  plan's targets ([`policy_columns`][pmedu.facts.sql.policy_columns]).

>>> sorted(set(MEASURES) - set(SQL))   # every measure has its SQL definition
[]
>>> form_rows(["T"], ["six_haves_rate", "info_items"], {("T", "six_haves_rate"): (1, 2)})
[('T', 'six_haves_rate', 0.5), ('T', 'info_items', 0)]
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from pmedu.errors import MissingExtraError, Problem
from pmedu.facts.measures import MEASURES, MeasurePolicy, Value, demo_base_targets, rate
from pmedu.model import AwardLevel, SubmissionKind, TeachingStep
from pmedu.model.money import FundSource, fen
from pmedu.network import OrgTree
from pmedu.records import Records
from pmedu.stations.standards import Standard
from pmedu.supply import plan_supply

__all__ = [
    "CHECKS",
    "NO_SQL",
    "NULLABLE_COUNTS",
    "POLICY_TABLES",
    "RECORD_TABLES",
    "SQL",
    "TREE_TABLES",
    "Columns",
    "form_rows",
    "missing_sql",
    "policy_columns",
    "record_columns",
    "refused",
    "spark_sql",
    "tree_columns",
]

#: a table as columns: column name → values (one list per column, all of one length)
Columns = dict[str, list[Any]]

#: the record tables (without the store's ``year`` and ``province`` partition columns): name →
#: ``(column, SQL type)`` pairs; the store declares these with keys and checks
RECORD_TABLES: dict[str, tuple[tuple[str, str], ...]] = {
    "stations": (("county", "VARCHAR"), ("id", "VARCHAR"), ("unit_id", "VARCHAR"),
                 ("established", "DATE")),
    "station_features": (("county", "VARCHAR"), ("station_id", "VARCHAR"),
                         ("feature", "VARCHAR")),
    "sessions": (("county", "VARCHAR"), ("id", "VARCHAR"), ("station_id", "VARCHAR"),
                 ("date", "DATE"), ("n_expected", "BIGINT"), ("signed_in_count", "BIGINT"),
                 ("minutes", "BIGINT")),
    "sign_ins": (("county", "VARCHAR"), ("session_id", "VARCHAR"), ("member_id", "VARCHAR")),
    "members": (("county", "VARCHAR"), ("id", "VARCHAR"), ("name", "VARCHAR"),
                ("unit_id", "VARCHAR"), ("standing", "VARCHAR"), ("status", "VARCHAR"),
                ("mobility", "VARCHAR")),
    "study_records": (("county", "VARCHAR"), ("id", "VARCHAR"), ("member_id", "VARCHAR"),
                      ("date", "DATE"), ("kind", "VARCHAR"), ("minutes", "BIGINT")),
    "film_sets": (("county", "VARCHAR"), ("id", "VARCHAR"), ("unit_id", "VARCHAR"),
                  ("set_year", "BIGINT")),
    "submissions": (("county", "VARCHAR"), ("id", "VARCHAR"), ("unit_id", "VARCHAR"),
                    ("kind", "VARCHAR"), ("date", "DATE"), ("period_year", "BIGINT"),
                    ("period_quarter", "BIGINT")),
    "subscriptions": (("county", "VARCHAR"), ("unit_id", "VARCHAR"), ("sub_year", "BIGINT"),
                      ("copies", "BIGINT")),
    "demo_households": (("county", "VARCHAR"), ("unit_id", "VARCHAR"), ("demo_year", "BIGINT"),
                        ("target", "BIGINT"), ("achieved", "BIGINT")),
    "institutions": (("county", "VARCHAR"), ("unit_id", "VARCHAR"), ("staff", "BIGINT"),
                     ("established", "DATE")),
    "awards": (("county", "VARCHAR"), ("id", "VARCHAR"), ("unit_id", "VARCHAR"),
               ("award_year", "BIGINT"), ("level", "VARCHAR")),
    "funds_misuse": (("county", "VARCHAR"), ("id", "VARCHAR"), ("unit_id", "VARCHAR"),
                     ("date", "DATE")),
    # issues 13 and 17: the five teaching steps and the films of each session, the films'
    # running times, theme activities, TV columns, liaison meetings, money, people, plans
    "session_steps": (("county", "VARCHAR"), ("session_id", "VARCHAR"), ("step", "VARCHAR")),
    "session_films": (("county", "VARCHAR"), ("session_id", "VARCHAR"), ("pos", "BIGINT"),
                      ("film_id", "VARCHAR")),
    "films": (("county", "VARCHAR"), ("id", "VARCHAR"), ("minutes", "BIGINT")),
    "theme_activities": (("county", "VARCHAR"), ("id", "VARCHAR"), ("unit_id", "VARCHAR"),
                         ("kind", "VARCHAR"), ("start", "DATE"), ("participants", "BIGINT")),
    "tv_columns": (("county", "VARCHAR"), ("unit_id", "VARCHAR"), ("tv_year", "BIGINT"),
                   ("episodes", "BIGINT"), ("concentrated", "BIGINT")),
    "liaison_meetings": (("county", "VARCHAR"), ("id", "VARCHAR"), ("unit_id", "VARCHAR"),
                         ("date", "DATE")),
    "ledger": (("county", "VARCHAR"), ("id", "VARCHAR"), ("unit_id", "VARCHAR"),
               ("ledger_year", "BIGINT"), ("source", "VARCHAR"), ("fen", "BIGINT"),
               ("earmarked", "BIGINT"), ("for_e_education", "BIGINT"),
               ("audit_finding", "VARCHAR"), ("misuse", "BIGINT")),
    "budgets": (("county", "VARCHAR"), ("unit_id", "VARCHAR"), ("budget_year", "BIGINT"),
                ("fen", "BIGINT")),
    "broadcasters": (("county", "VARCHAR"), ("id", "VARCHAR"), ("station_id", "VARCHAR"),
                     ("trained", "DATE")),
    "demo_bases": (("county", "VARCHAR"), ("id", "VARCHAR"), ("unit_id", "VARCHAR"),
                   ("level", "VARCHAR"), ("base_year", "BIGINT")),
    "plan_entries": (("county", "VARCHAR"), ("id", "VARCHAR"), ("plan_year", "BIGINT"),
                     ("month", "BIGINT"), ("unit_id", "VARCHAR"), ("station_id", "VARCHAR")),
    "plan_entry_films": (("county", "VARCHAR"), ("entry_id", "VARCHAR"), ("pos", "BIGINT"),
                         ("film_id", "VARCHAR")),
}  # fmt: skip

#: the tree's tables every engine builds from the tree it is given
TREE_TABLES: dict[str, tuple[tuple[str, str], ...]] = {
    "t_units": (("id", "VARCHAR"), ("kind", "VARCHAR"), ("depth", "BIGINT")),
    "t_closure": (("anc", "VARCHAR"), ("des", "VARCHAR")),
    "t_targets": (("id", "VARCHAR"),),
}

#: the policy's tables (its parameters as data, so no query text is ever formatted)
POLICY_TABLES: dict[str, tuple[tuple[str, str], ...]] = {
    "p_params": (("year", "BIGINT"), ("production_due", "DATE"), ("info_required", "BIGINT")),
    "p_kinds": (("role", "VARCHAR"), ("kind", "VARCHAR")),
    "p_standard": (("standard", "VARCHAR"), ("feature", "VARCHAR")),
    "p_quarters": (("quarter", "BIGINT"), ("due", "DATE")),
    "p_supply": (("unit_id", "VARCHAR"), ("target_sets", "BIGINT")),
    "p_holdings": (("unit_id", "VARCHAR"), ("sets", "BIGINT")),
    "p_use_holdings": (("flag", "BIGINT"),),
    "p_steps": (("step", "VARCHAR"), ("pos", "BIGINT")),
    "p_archive": (
        ("minutes_per_hour", "BIGINT"),
        ("required_num", "BIGINT"),
        ("required_den", "BIGINT"),
    ),
    "p_demo_targets": (("unit_id", "VARCHAR"), ("target", "BIGINT")),
}

# -- the queries ---------------------------------------------------------------------------------
# Each returns unit_id, num, den for units of t_targets (a unit absent from the result has
# num 0 and den 0). Subtree measures join t_closure (anc = the unit asked for, des = a unit of
# its subtree); own measures join t_targets directly.

_ROLL = """
SELECT c.anc AS unit_id, SUM(o.num) AS num, SUM(o.den) AS den
FROM t_closure AS c JOIN t_targets AS t ON t.id = c.anc JOIN own AS o ON o.unit_id = c.des
GROUP BY c.anc"""

_COVERAGE = (
    """
WITH has AS (SELECT DISTINCT unit_id FROM y_stations),
own AS (
  SELECT u.id AS unit_id, CASE WHEN h.unit_id IS NULL THEN 0 ELSE 1 END AS num, 1 AS den
  FROM t_units AS u LEFT JOIN has AS h ON h.unit_id = u.id
  WHERE u.kind IN (SELECT kind FROM p_kinds WHERE role = 'coverage'))"""
    + _ROLL
)


def _standard_sql(standard: str) -> str:
    # standard is one of two fixed words of this module, never user text
    return (
        f"""
WITH st AS (
  SELECT s.county, s.id, s.unit_id FROM y_stations AS s JOIN t_units AS u ON u.id = s.unit_id
  WHERE u.kind IN (SELECT kind FROM p_kinds WHERE role = 'coverage')),
ok AS (
  SELECT f.county, f.station_id FROM y_station_features AS f
  JOIN p_standard AS p ON p.feature = f.feature AND p.standard = '{standard}'
  GROUP BY f.county, f.station_id
  HAVING COUNT(DISTINCT f.feature) =
         (SELECT COUNT(*) FROM p_standard WHERE standard = '{standard}')),
own AS (
  SELECT st.unit_id, COUNT(ok.station_id) AS num, COUNT(*) AS den
  FROM st LEFT JOIN ok ON ok.county = st.county AND ok.station_id = st.id
  GROUP BY st.unit_id)"""
        + _ROLL
    )


_FILM_SUPPLY = """
WITH held AS (
  SELECT unit_id, COUNT(*) AS sets FROM y_film_sets, p_params
  WHERE (SELECT flag FROM p_use_holdings) = 0
    AND (set_year IS NULL OR set_year <= p_params.year)
  GROUP BY unit_id
  UNION ALL
  SELECT unit_id, sets FROM p_holdings WHERE (SELECT flag FROM p_use_holdings) = 1),
rolled AS (
  SELECT c.anc AS unit_id, SUM(h.sets) AS sets
  FROM t_closure AS c JOIN t_targets AS t ON t.id = c.anc JOIN held AS h ON h.unit_id = c.des
  GROUP BY c.anc)
SELECT s.unit_id, COALESCE(r.sets, 0) AS num, s.target_sets AS den
FROM p_supply AS s JOIN t_targets AS t ON t.id = s.unit_id
LEFT JOIN rolled AS r ON r.unit_id = s.unit_id"""

_PLANS = (
    """
WITH st AS (
  SELECT s.county, s.id, s.unit_id,
         CASE WHEN s.established IS NULL OR year(s.established) < p.year THEN 1
              WHEN year(s.established) = p.year THEN month(s.established) END AS first_month
  FROM y_stations AS s, p_params AS p),
held AS (
  SELECT st.county, st.id, COUNT(DISTINCT month(v.date)) AS months
  FROM st JOIN y_sessions AS v ON v.county = st.county AND v.station_id = st.id, p_params AS p
  WHERE year(v.date) = p.year AND month(v.date) >= st.first_month
  GROUP BY st.county, st.id),
own AS (
  SELECT st.unit_id, SUM(COALESCE(h.months, 0)) AS num,
         SUM(CASE WHEN st.first_month IS NULL THEN 0 ELSE 13 - st.first_month END) AS den
  FROM st LEFT JOIN held AS h ON h.county = st.county AND h.id = st.id
  GROUP BY st.unit_id)"""
    + _ROLL
)

_ATTENDANCE = (
    """
WITH signed AS (
  SELECT county, session_id, COUNT(*) AS n FROM y_sign_ins GROUP BY county, session_id),
own AS (
  SELECT st.unit_id, SUM(COALESCE(v.signed_in_count, g.n, 0)) AS num, SUM(v.n_expected) AS den
  FROM y_sessions AS v JOIN y_stations AS st ON st.county = v.county AND st.id = v.station_id
  LEFT JOIN signed AS g ON g.county = v.county AND g.session_id = v.id, p_params AS p
  WHERE year(v.date) = p.year
  GROUP BY st.unit_id)"""
    + _ROLL
)


def _late_sql(kind: SubmissionKind) -> str:
    # kind.value is one of the enum's fixed words, never user text
    return f"""
SELECT s.unit_id, DATE_DIFF('day', p.production_due, MIN(s.date)) AS num, NULL AS den
FROM y_submissions AS s JOIN t_targets AS t ON t.id = s.unit_id, p_params AS p
WHERE s.kind = '{kind.value}' AND s.period_year = p.year
GROUP BY s.unit_id, p.production_due"""


_INFO_ITEMS = f"""
SELECT s.unit_id, COUNT(*) AS num, NULL AS den
FROM y_submissions AS s JOIN t_targets AS t ON t.id = s.unit_id, p_params AS p
WHERE s.kind = '{SubmissionKind.INFORMATION.value}' AND s.period_year = p.year
GROUP BY s.unit_id"""

_INFO_QUARTERS = f"""
WITH on_time AS (
  SELECT s.unit_id, s.period_quarter AS quarter, COUNT(*) AS n
  FROM y_submissions AS s JOIN t_targets AS t ON t.id = s.unit_id, p_params AS p
  JOIN p_quarters AS q ON q.quarter = s.period_quarter
  WHERE s.kind = '{SubmissionKind.INFORMATION.value}' AND s.period_year = p.year
    AND s.date <= q.due
  GROUP BY s.unit_id, s.period_quarter)
SELECT t.id AS unit_id,
       SUM(CASE WHEN COALESCE(o.n, 0) >= p.info_required THEN 1 ELSE 0 END) AS num, NULL AS den
FROM t_targets AS t CROSS JOIN p_quarters AS q CROSS JOIN p_params AS p
LEFT JOIN on_time AS o ON o.unit_id = t.id AND o.quarter = q.quarter
GROUP BY t.id"""

_MAGAZINE = (
    """
WITH ok AS (
  SELECT f.county, f.station_id FROM y_station_features AS f
  JOIN p_standard AS p ON p.feature = f.feature AND p.standard = 'two_machines_one_room'
  GROUP BY f.county, f.station_id
  HAVING COUNT(DISTINCT f.feature) =
         (SELECT COUNT(*) FROM p_standard WHERE standard = 'two_machines_one_room')),
orgs AS (
  SELECT DISTINCT s.unit_id FROM y_stations AS s
  JOIN ok ON ok.county = s.county AND ok.station_id = s.id
  JOIN t_units AS u ON u.id = s.unit_id
  WHERE u.kind IN (SELECT kind FROM p_kinds WHERE role = 'magazine')),
subscribed AS (
  SELECT DISTINCT m.unit_id FROM y_subscriptions AS m, p_params AS p WHERE m.sub_year = p.year),
own AS (
  SELECT o.unit_id, CASE WHEN b.unit_id IS NULL THEN 0 ELSE 1 END AS num, 1 AS den
  FROM orgs AS o LEFT JOIN subscribed AS b ON b.unit_id = o.unit_id)"""
    + _ROLL
)

# the effective target: the unit's own, else the sum of the nearest own targets below it (a
# target d counts for an ancestor u when no unit strictly between them has its own target,
# i.e. when u is at least as deep as d's nearest targeted strict ancestor)
_DEMO = """
WITH d AS (
  SELECT h.unit_id, SUM(h.achieved) AS achieved, SUM(h.target) AS target,
         COUNT(h.target) AS n_targets
  FROM y_demo_households AS h, p_params AS p WHERE h.demo_year = p.year GROUP BY h.unit_id),
own AS (SELECT unit_id, target FROM d WHERE n_targets > 0),
nearest AS (
  SELECT o.unit_id, MAX(CASE WHEN a.unit_id IS NULL THEN -1 ELSE u.depth END) AS depth
  FROM own AS o JOIN t_closure AS c ON c.des = o.unit_id AND c.anc <> o.unit_id
  JOIN t_units AS u ON u.id = c.anc LEFT JOIN own AS a ON a.unit_id = c.anc
  GROUP BY o.unit_id),
below AS (
  SELECT c.anc AS unit_id, SUM(o.target) AS target
  FROM t_closure AS c JOIN t_targets AS t ON t.id = c.anc
  JOIN own AS o ON o.unit_id = c.des AND c.anc <> c.des
  JOIN t_units AS u ON u.id = c.anc
  LEFT JOIN nearest AS n ON n.unit_id = o.unit_id
  WHERE u.depth >= COALESCE(n.depth, -1)
  GROUP BY c.anc),
achieved AS (
  SELECT c.anc AS unit_id, SUM(d.achieved) AS achieved
  FROM t_closure AS c JOIN t_targets AS t ON t.id = c.anc JOIN d ON d.unit_id = c.des
  GROUP BY c.anc)
SELECT t.id AS unit_id, COALESCE(a.achieved, 0) AS num, COALESCE(o.target, b.target) AS den
FROM t_targets AS t LEFT JOIN own AS o ON o.unit_id = t.id
LEFT JOIN below AS b ON b.unit_id = t.id LEFT JOIN achieved AS a ON a.unit_id = t.id"""

_INSTITUTION = """
SELECT DISTINCT i.unit_id, 1 AS num, NULL AS den
FROM y_institutions AS i JOIN t_targets AS t ON t.id = i.unit_id, p_params AS p
WHERE (i.established IS NULL OR year(i.established) <= p.year) AND i.staff > 0"""

_AWARDS = (
    f"""
WITH own AS (
  SELECT a.unit_id, COUNT(*) AS num, 0 AS den FROM y_awards AS a, p_params AS p
  WHERE a.award_year = p.year AND a.level = '{AwardLevel.PROVINCIAL.value}'
  GROUP BY a.unit_id)"""
    + _ROLL
)

_MISUSE = (
    """
WITH own AS (
  SELECT m.unit_id, COUNT(*) AS num, 0 AS den FROM y_funds_misuse AS m, p_params AS p
  WHERE year(m.date) = p.year GROUP BY m.unit_id)"""
    + _ROLL
)

#: the SQL definition of each measure (DuckDB dialect): returns ``unit_id, num, den``
SQL: dict[str, str] = {
    "station_coverage_rate": _COVERAGE,
    "two_machines_one_room_rate": _standard_sql("two_machines_one_room"),
    "six_haves_rate": _standard_sql("six_haves"),
    "film_supply_rate": _FILM_SUPPLY,
    "plans_held_rate": _PLANS,
    "attendance_rate": _ATTENDANCE,
    "news_item_days_late": _late_sql(SubmissionKind.NEWS_ITEM),
    "special_film_days_late": _late_sql(SubmissionKind.SPECIAL_FILM),
    "info_items": _INFO_ITEMS,
    "info_quarters_met": _INFO_QUARTERS,
    "magazine_subscription_rate": _MAGAZINE,
    "demo_households_rate": _DEMO,
    "institution_in_place": _INSTITUTION,
    "provincial_awards": _AWARDS,
    "funds_misused": _MISUSE,
}

# -- issues 13 and 17 ------------------------------------------------------------------------------
# A measure that is not applicable when the records keep none of its records at all ("the
# records do not keep them") gives rows only when its table has a row (``k.n > 0``).


def _rolled(own: str) -> str:
    """``own`` (a CTE body giving unit_id, num, den) rolled up the tree, as CTE ``rolled``."""
    return f"WITH own AS ({own}),\nrolled AS ({_ROLL})"


def _activities_sql(column: str) -> str:
    # column is one of two fixed expressions of this module, never user text
    return (
        _rolled(f"""
  SELECT a.unit_id, {column} AS num, 0 AS den FROM y_theme_activities AS a, p_params AS p
  WHERE year(a.start) = p.year GROUP BY a.unit_id""")
        + """
SELECT t.id AS unit_id, COALESCE(r.num, 0) AS num, NULL AS den
FROM t_targets AS t LEFT JOIN rolled AS r ON r.unit_id = t.id
CROSS JOIN (SELECT COUNT(*) AS n FROM y_theme_activities) AS k WHERE k.n > 0"""
    )


_TV_COLUMN = """
SELECT DISTINCT c.unit_id, 1 AS num, NULL AS den
FROM y_tv_columns AS c JOIN t_targets AS t ON t.id = c.unit_id, p_params AS p
WHERE c.tv_year = p.year AND (c.episodes > 0 OR c.concentrated > 0)"""

_LIAISON = """
SELECT m.unit_id, COUNT(DISTINCT quarter(m.date)) AS num, NULL AS den
FROM y_liaison_meetings AS m JOIN t_targets AS t ON t.id = m.unit_id, p_params AS p
WHERE year(m.date) = p.year GROUP BY m.unit_id"""

_QUOTA = f"""
WITH first AS (
  SELECT s.unit_id, s.kind, MIN(s.date) AS delivered
  FROM y_submissions AS s JOIN t_targets AS t ON t.id = s.unit_id, p_params AS p
  WHERE s.period_year = p.year
    AND s.kind IN ('{SubmissionKind.NEWS_ITEM.value}', '{SubmissionKind.SPECIAL_FILM.value}')
  GROUP BY s.unit_id, s.kind)
SELECT f.unit_id, 1 AS num, NULL AS den FROM first AS f, p_params AS p
WHERE f.delivered <= p.production_due GROUP BY f.unit_id HAVING COUNT(*) = 2"""

_BUDGET_SHARE = f"""
WITH spent AS (
  SELECT l.unit_id, SUM(l.fen) AS fen FROM y_ledger AS l, p_params AS p
  WHERE l.ledger_year = p.year AND l.source = '{FundSource.BUDGET.value}' GROUP BY l.unit_id)
SELECT b.unit_id, COALESCE(s.fen, 0) AS num, b.fen AS den
FROM y_budgets AS b JOIN t_targets AS t ON t.id = b.unit_id
LEFT JOIN spent AS s ON s.unit_id = b.unit_id, p_params AS p
WHERE b.budget_year = p.year"""

_EARMARKED = """
SELECT l.unit_id, SUM(CASE WHEN l.earmarked = 1 THEN l.fen ELSE 0 END) AS num,
       SUM(l.fen) AS den
FROM y_ledger AS l JOIN t_targets AS t ON t.id = l.unit_id, p_params AS p
WHERE l.ledger_year = p.year GROUP BY l.unit_id"""

_FINDINGS = (
    """
WITH found AS (
  SELECT l.unit_id FROM y_ledger AS l, p_params AS p
  WHERE l.ledger_year = p.year AND l.misuse = 1
  UNION ALL
  SELECT m.unit_id FROM y_funds_misuse AS m, p_params AS p WHERE year(m.date) = p.year),
own AS (SELECT unit_id, COUNT(*) AS num, 0 AS den FROM found GROUP BY unit_id)"""
    + _ROLL
)

_TRAINED = (
    """
WITH trained AS (
  SELECT DISTINCT b.county, b.station_id FROM y_broadcasters AS b, p_params AS p
  WHERE b.trained IS NOT NULL AND year(b.trained) <= p.year),
own AS (
  SELECT s.unit_id, COUNT(tr.station_id) AS num, COUNT(*) AS den
  FROM y_stations AS s LEFT JOIN trained AS tr ON tr.county = s.county AND tr.station_id = s.id
  GROUP BY s.unit_id),
rolled AS ("""
    + _ROLL
    + """)
SELECT r.unit_id, r.num, r.den FROM rolled AS r
CROSS JOIN (SELECT COUNT(*) AS n FROM y_broadcasters) AS k WHERE k.n > 0"""
)

_DEMO_BASES = (
    _rolled("""
  SELECT b.unit_id, COUNT(*) AS num, 0 AS den FROM y_demo_bases AS b, p_params AS p
  WHERE b.base_year <= p.year GROUP BY b.unit_id""")
    + """
SELECT g.unit_id, COALESCE(r.num, 0) AS num, g.target AS den
FROM p_demo_targets AS g JOIN t_targets AS t ON t.id = g.unit_id
LEFT JOIN rolled AS r ON r.unit_id = g.unit_id
CROSS JOIN (SELECT COUNT(*) AS n FROM y_demo_bases) AS k WHERE k.n > 0 AND g.target > 0"""
)

# the year's sessions at a known station, with the station's unit
_YEAR_SESSIONS = """
vs AS (
  SELECT v.county, v.id, st.unit_id
  FROM y_sessions AS v JOIN y_stations AS st ON st.county = v.county AND st.id = v.station_id,
  p_params AS p WHERE year(v.date) = p.year),
done AS (
  SELECT ss.county, ss.session_id, ps.pos
  FROM y_session_steps AS ss JOIN p_steps AS ps ON ps.step = ss.step
  GROUP BY ss.county, ss.session_id, ps.pos)"""

_STEPS_COMPLETE = (
    "WITH"
    + _YEAR_SESSIONS
    + """,
n_done AS (SELECT county, session_id, COUNT(*) AS n FROM done GROUP BY county, session_id),
own AS (
  SELECT vs.unit_id, SUM(CASE WHEN COALESCE(d.n, 0) = k.n THEN 1 ELSE 0 END) AS num,
         COUNT(*) AS den
  FROM vs LEFT JOIN n_done AS d ON d.county = vs.county AND d.session_id = vs.id
  CROSS JOIN (SELECT COUNT(*) AS n FROM p_steps) AS k
  GROUP BY vs.unit_id)"""
    + _ROLL
)

# per unit and step the sessions missing the step; the most missing, the first on a tie
_MOST_MISSING = (
    "WITH"
    + _YEAR_SESSIONS
    + """,
sub AS (
  SELECT c.anc AS unit_id, vs.county, vs.id
  FROM vs JOIN t_closure AS c ON c.des = vs.unit_id JOIN t_targets AS t ON t.id = c.anc),
total AS (SELECT unit_id, COUNT(*) AS n FROM sub GROUP BY unit_id),
has AS (
  SELECT sub.unit_id, d.pos, COUNT(*) AS n
  FROM sub JOIN done AS d ON d.county = sub.county AND d.session_id = sub.id
  GROUP BY sub.unit_id, d.pos),
missing AS (
  SELECT total.unit_id, ps.pos, total.n - COALESCE(has.n, 0) AS m
  FROM total CROSS JOIN p_steps AS ps
  LEFT JOIN has ON has.unit_id = total.unit_id AND has.pos = ps.pos),
ranked AS (
  SELECT unit_id, pos, m, ROW_NUMBER() OVER (PARTITION BY unit_id ORDER BY m DESC, pos) AS k
  FROM missing)
SELECT unit_id, pos AS num, NULL AS den FROM ranked WHERE k = 1 AND m > 0"""
)

# an entry is held when a session at its station in its month showed every film of it
_PLAN_ENTRIES = (
    """
WITH e AS (
  SELECT x.county, x.id, x.unit_id, x.station_id, x.plan_year, x.month
  FROM y_plan_entries AS x, p_params AS p WHERE x.plan_year = p.year AND x.station_id <> ''),
need AS (
  SELECT county, entry_id, COUNT(DISTINCT film_id) AS n FROM y_plan_entry_films
  GROUP BY county, entry_id),
cand AS (
  SELECT e.county, e.id, v.id AS vid FROM e JOIN y_sessions AS v
  ON v.county = e.county AND v.station_id = e.station_id
  AND year(v.date) = e.plan_year AND month(v.date) = e.month),
got AS (
  SELECT c.county, c.id, c.vid, COUNT(DISTINCT f.film_id) AS n
  FROM cand AS c JOIN y_plan_entry_films AS f ON f.county = c.county AND f.entry_id = c.id
  JOIN y_session_films AS s
  ON s.county = c.county AND s.session_id = c.vid AND s.film_id = f.film_id
  GROUP BY c.county, c.id, c.vid),
held AS (
  SELECT DISTINCT c.county, c.id FROM cand AS c
  LEFT JOIN need ON need.county = c.county AND need.entry_id = c.id
  LEFT JOIN got ON got.county = c.county AND got.id = c.id AND got.vid = c.vid
  WHERE COALESCE(got.n, 0) = COALESCE(need.n, 0)),
own AS (
  SELECT e.unit_id, COUNT(h.id) AS num, COUNT(*) AS den
  FROM e LEFT JOIN held AS h ON h.county = e.county AND h.id = e.id
  GROUP BY e.unit_id)"""
    + _ROLL
)

# a member's minutes: the sessions of the year they signed in to (the session's own minutes,
# else its films' running time, a film shown twice counting twice) plus their study records;
# minutes / minutes_per_hour >= required_hours compared as whole numbers
_STUDY_HOURS = (
    """
WITH film_minutes AS (
  SELECT sf.county, sf.session_id, SUM(f.minutes) AS minutes
  FROM y_session_films AS sf JOIN y_films AS f ON f.county = sf.county AND f.id = sf.film_id
  GROUP BY sf.county, sf.session_id),
vs AS (
  SELECT v.county, v.id, COALESCE(v.minutes, fm.minutes, 0) AS minutes
  FROM y_sessions AS v
  LEFT JOIN film_minutes AS fm ON fm.county = v.county AND fm.session_id = v.id, p_params AS p
  WHERE year(v.date) = p.year),
per AS (
  SELECT g.county, g.member_id, vs.minutes FROM y_sign_ins AS g
  JOIN vs ON vs.county = g.county AND vs.id = g.session_id
  UNION ALL
  SELECT r.county, r.member_id, r.minutes FROM y_study_records AS r, p_params AS p
  WHERE year(r.date) = p.year),
total AS (SELECT county, member_id, SUM(minutes) AS minutes FROM per GROUP BY county, member_id),
own AS (
  SELECT m.unit_id,
         SUM(CASE WHEN COALESCE(tt.minutes, 0) * a.required_den
                       >= a.required_num * a.minutes_per_hour THEN 1 ELSE 0 END) AS num,
         COUNT(*) AS den
  FROM y_members AS m LEFT JOIN total AS tt ON tt.county = m.county AND tt.member_id = m.id
  CROSS JOIN p_archive AS a
  GROUP BY m.unit_id)"""
    + _ROLL
)

#: count measures that are not applicable (``None``) for a unit without a row: a measure whose
#: records the bundle does not keep, the most missing step where none is missing
NULLABLE_COUNTS: frozenset[str] = frozenset(
    {"theme_activities", "theme_activity_participants", "most_missing_step"}
)

SQL.update(
    {
        "theme_activities": _activities_sql("COUNT(*)"),
        "theme_activity_participants": _activities_sql("SUM(a.participants)"),
        "tv_column_in_place": _TV_COLUMN,
        "liaison_quarters_met": _LIAISON,
        "production_quota_met": _QUOTA,
        "funds_budget_share": _BUDGET_SHARE,
        "funds_earmarked_rate": _EARMARKED,
        "funds_misuse_findings": _FINDINGS,
        "trained_broadcaster_rate": _TRAINED,
        "demo_bases_rate": _DEMO_BASES,
        "steps_complete_rate": _STEPS_COMPLETE,
        "most_missing_step": _MOST_MISSING,
        "plan_entries_held_rate": _PLAN_ENTRIES,
        "study_hours_met_rate": _STUDY_HOURS,
    }
)


# the year's sessions with signed-in ids and no minutes of their own naming a film the records
# do not hold: the learning archive cannot time them, and refuses them (build_archive)
_UNTIMED = """
SELECT v.id, sf.film_id
FROM y_sessions AS v
JOIN (SELECT DISTINCT county, session_id FROM y_sign_ins) AS g
  ON g.county = v.county AND g.session_id = v.id
JOIN y_session_films AS sf ON sf.county = v.county AND sf.session_id = v.id
LEFT JOIN y_films AS f ON f.county = sf.county AND f.id = sf.film_id, p_params AS p
WHERE year(v.date) = p.year AND v.minutes IS NULL AND f.id IS NULL
ORDER BY v.date, v.id, sf.pos"""

#: per measure, a query whose rows (session id, film id) the python engine refuses
#: ([`refused`][pmedu.facts.sql.refused] names them): the SQL engines refuse them alike
CHECKS: dict[str, str] = {"study_hours_met_rate": _UNTIMED}


def refused(rows: Iterable[Sequence[Any]]) -> list[Problem]:
    """The problems of a [`CHECKS`][pmedu.facts.sql.CHECKS] query's rows, as the python engine
    words them: one per session, its unknown films in order.

    >>> [str(p) for p in refused([("s1", "F9"), ("s1", "F8"), ("s2", "F9")])]
    ['film_ids: session s1: unknown film(s) F9, F8', 'film_ids: session s2: unknown film(s) F9']
    """
    films: dict[str, list[str]] = {}
    for session, film in rows:
        films.setdefault(session, []).append(film)
    return [
        Problem(f"session {sid}: unknown film(s) {', '.join(bad)}", field="film_ids")
        for sid, bad in films.items()
    ]


#: measures known to have no SQL definition yet (the engines refuse them, naming them); a
#: measure in neither this tuple nor [`SQL`][pmedu.facts.sql.SQL] fails the registry test
NO_SQL: tuple[str, ...] = ()


def missing_sql() -> list[str]:
    """The measures of [`MEASURES`][pmedu.facts.measures.MEASURES] with no SQL definition, in
    registry order (what the ``duckdb`` and ``spark`` engines cannot measure).

    >>> missing_sql()
    []
    """
    return [name for name in MEASURES if name not in SQL]


@functools.cache
def spark_sql(name: str, *, check: bool = False) -> str:
    """The SQL of measure ``name`` (its [`CHECKS`][pmedu.facts.sql.CHECKS] query with ``check``)
    in Spark's dialect (transpiled from DuckDB's by sqlglot, once); needs ``pmedu[spark]``.

    >>> "DATEDIFF" in spark_sql("news_item_days_late")  # doctest: +SKIP
    True
    """
    sqlglot = _sqlglot()
    text = CHECKS[name] if check else SQL[name]
    return str(sqlglot.transpile(text, read="duckdb", write="spark")[0])


def _sqlglot() -> Any:
    """sqlglot (``pmedu[spark]``), looked up when a measure is transpiled."""
    try:
        return importlib.import_module("sqlglot")
    except ImportError:
        raise MissingExtraError("spark", "sqlglot", "the spark engine") from None


# -- the tables from Python objects ----------------------------------------------------------------


def tree_columns(tree: OrgTree, *, units: Iterable[str] | None = None) -> dict[str, Columns]:
    """The tree's tables: ``t_units``, ``t_closure`` (every (ancestor, unit) pair, a unit its own
    ancestor) and ``t_targets`` (``units``, every unit for ``None``).

    >>> from pmedu import Unit
    >>> t = OrgTree.from_units([Unit(id="C", name="县", kind="县"),
    ...                         Unit(id="T", name="镇", kind="镇", parent_id="C")])
    >>> tables = tree_columns(t, units=["T"])
    >>> list(zip(tables["t_closure"]["anc"], tables["t_closure"]["des"]))
    [('C', 'C'), ('C', 'T'), ('T', 'T')]
    >>> tables["t_units"]["depth"], tables["t_targets"]["id"]
    ([0, 1], ['T'])
    """
    all_units = tree.units()
    parent = tree.parent_positions()
    ids = [u.id for u in all_units]
    depth = [0] * len(ids)
    anc: list[str] = []
    des: list[str] = []
    path: list[int] = []
    for k, p in enumerate(parent):
        while path and path[-1] != p:
            path.pop()
        path.append(k)
        depth[k] = len(path) - 1
        me = ids[k]
        for a in path:
            anc.append(ids[a])
            des.append(me)
    return {
        "t_units": {"id": ids, "kind": [u.kind.value for u in all_units], "depth": depth},
        "t_closure": {"anc": anc, "des": des},
        "t_targets": {"id": ids if units is None else list(dict.fromkeys(units))},
    }


def policy_columns(
    tree: OrgTree, year: int, policy: MeasurePolicy, *, film_sets: bool = True
) -> dict[str, Columns]:
    """The policy's tables for measuring ``year`` on ``tree`` (deadlines, kinds, the standards'
    features, the supply plan's target sets; ``policy.holdings`` when given).

    >>> from pmedu import Unit
    >>> t = OrgTree.from_units([Unit(id="C", name="县", kind="县")])
    >>> cols = policy_columns(t, 2025, MeasurePolicy())
    >>> cols["p_params"]["year"], sorted(set(cols["p_standard"]["standard"]))
    ([2025], ['six_haves', 'two_machines_one_room'])
    """
    schedule = policy.schedule
    std_rows = [
        (key, feature.value)
        for key, name in (
            ("two_machines_one_room", policy.two_machines_one_room),
            ("six_haves", policy.six_haves),
        )
        for feature in sorted(
            {f for item in Standard.preset(name=name).items for f in item.requires},
            key=lambda f: f.value,
        )
    ]
    kinds = [("coverage", k.value) for k in sorted(policy.coverage_kinds, key=str)] + [
        ("magazine", k.value) for k in sorted(policy.supply.magazine_kinds, key=str)
    ]
    plan = plan_supply(tree, policy=policy.supply)
    lines = [plan.line(u.id) for u in tree if u.id in plan]
    held = policy.holdings or {}
    archive = policy.archive
    demo = demo_base_targets(tree, policy.demo_targets)
    return {
        "p_params": {
            "year": [year],
            "production_due": [schedule.production_due(year)],
            "info_required": [schedule.info_per_quarter],
        },
        "p_kinds": {"role": [r for r, _ in kinds], "kind": [k for _, k in kinds]},
        "p_standard": {"standard": [s for s, _ in std_rows], "feature": [f for _, f in std_rows]},
        "p_quarters": {"quarter": [1, 2, 3, 4],
                       "due": [schedule.info_due(year, q) for q in range(1, 5)]},
        "p_supply": {"unit_id": [ln.unit_id for ln in lines],
                     "target_sets": [ln.target_sets for ln in lines]},
        "p_holdings": {"unit_id": list(held), "sets": list(held.values())},
        "p_use_holdings": {"flag": [0 if policy.holdings is None else 1]},
        "p_steps": {"step": [st.value for st in TeachingStep],
                    "pos": list(range(1, len(TeachingStep) + 1))},
        "p_archive": {"minutes_per_hour": [archive.minutes_per_hour],
                      "required_num": [archive.required_hours.numerator],
                      "required_den": [archive.required_hours.denominator]},
        "p_demo_targets": {"unit_id": list(demo), "target": list(demo.values())},
    }  # fmt: skip


def _rows(table: str, rows: Iterable[Sequence[Any]]) -> Columns:
    names = [c for c, _ in RECORD_TABLES[table]]
    cols: Columns = {n: [] for n in names}
    for row in rows:
        for n, x in zip(names, row, strict=True):
            cols[n].append(x)
    return cols


def record_columns(records: Records, *, county: str = "") -> dict[str, Columns]:
    """A records bundle as the record tables ([`RECORD_TABLES`][pmedu.facts.sql.RECORD_TABLES]),
    its ids in ``county``'s namespace: one list per column, no query text formatted.

    >>> from pmedu.stations import Station
    >>> cols = record_columns(Records(stations=[Station(id="S1", unit_id="V", features=["tv"])]))
    >>> cols["stations"]["id"], cols["station_features"]["feature"]
    (['S1'], ['television'])
    """
    c = county
    r = records
    return {
        "stations": _rows("stations", ((c, s.id, s.unit_id, s.established) for s in r.stations)),
        "station_features": _rows("station_features", (
            (c, s.id, f.value) for s in r.stations for f in sorted(s.features, key=str))),
        "sessions": _rows("sessions", (
            (c, v.id, v.station_id, v.date, v.n_expected, v.signed_in_count, v.minutes)
            for v in r.sessions)),
        "sign_ins": _rows("sign_ins", ((c, v.id, m) for v in r.sessions for m in v.signed_in)),
        "members": _rows("members", (
            (c, m.id, m.name, m.unit_id, m.standing.value, m.status.value, m.mobility.value)
            for m in r.members)),
        "study_records": _rows("study_records", (
            (c, e.id, e.member_id, e.date, e.kind.value, e.minutes) for e in r.study_records)),
        "film_sets": _rows("film_sets", ((c, f.id, f.unit_id, f.year) for f in r.film_sets)),
        "submissions": _rows("submissions", (
            (c, s.id, s.unit_id, s.kind.value, s.date, s.period_year, s.period_quarter)
            for s in r.submissions)),
        "subscriptions": _rows("subscriptions", (
            (c, m.unit_id, m.year, m.copies) for m in r.subscriptions)),
        "demo_households": _rows("demo_households", (
            (c, d.unit_id, d.year, d.target, d.achieved) for d in r.demo_households)),
        "institutions": _rows("institutions", (
            (c, i.unit_id, i.staff, i.established) for i in r.institutions)),
        "awards": _rows("awards", (
            (c, a.id, a.unit_id, a.year, a.level.value) for a in r.awards)),
        "funds_misuse": _rows("funds_misuse", ((c, m.id, m.unit_id, m.date)
                                               for m in r.funds_misuse)),
        **_more_columns(r, c),
    }  # fmt: skip


def _more_columns(r: Records, c: str) -> dict[str, Columns]:
    """The record tables of issues 13 and 17 (sessions' steps and films, films, activities,
    money, people, plans); money in whole fen."""
    return {
        "session_steps": _rows("session_steps", (
            (c, v.id, step.value) for v in r.sessions for step in TeachingStep
            if step in v.steps)),
        "session_films": _rows("session_films", (
            (c, v.id, k, f) for v in r.sessions for k, f in enumerate(v.film_ids))),
        "films": _rows("films", ((c, f.id, f.minutes) for f in r.films)),
        "theme_activities": _rows("theme_activities", (
            (c, a.id, a.unit_id, a.kind.value, a.start, a.participants)
            for a in r.theme_activities)),
        "tv_columns": _rows("tv_columns", (
            (c, t.unit_id, t.year, t.episodes, t.concentrated) for t in r.tv_columns)),
        "liaison_meetings": _rows("liaison_meetings", (
            (c, m.id, m.unit_id, m.date) for m in r.liaison_meetings)),
        "ledger": _rows("ledger", (
            (c, e.id, e.unit_id, e.year, e.source.value, e.fen, int(e.earmarked),
             int(e.for_e_education), e.audit_finding, int(e.misuse)) for e in r.ledger)),
        "budgets": _rows("budgets", ((c, b.unit_id, b.year, fen(b.total)) for b in r.budgets)),
        "broadcasters": _rows("broadcasters", (
            (c, b.id, b.station_id, b.trained) for b in r.broadcasters)),
        "demo_bases": _rows("demo_bases", (
            (c, b.id, b.unit_id, b.level.value, b.year) for b in r.demo_bases)),
        "plan_entries": _rows("plan_entries", (
            (c, e.id, e.year, e.month, e.unit_id, e.station_id) for e in r.plan_entries)),
        "plan_entry_films": _rows("plan_entry_films", (
            (c, e.id, k, f) for e in r.plan_entries for k, f in enumerate(e.film_ids))),
    }  # fmt: skip


# -- the one function that forms values ------------------------------------------------------------


def _value(kind: str, num: Any, den: Any) -> Value:
    if kind == "nullable":
        return None if num is None else int(num)
    if kind == "rate":
        return rate(int(num or 0), int(den or 0))
    if kind == "days":
        return None if num is None else int(num)
    return int(num or 0)


def form_rows(
    ids: Sequence[str],
    names: Sequence[str],
    found: Mapping[tuple[str, str], tuple[Any, Any]],
) -> list[tuple[str, str, Value]]:
    """The ``(unit_id, measure, value)`` rows of the units ``ids`` and the measures ``names`` from
    the whole numerators and denominators an engine found (a pair absent: 0 and 0): a rate is
    [`rate`][pmedu.facts.measures.rate] (the python engine's own), a count the numerator, a number
    of days the numerator or no row at all (an undelivered item) — the order and the values of
    [`measure_rows`][pmedu.facts.compute.measure_rows].

    >>> form_rows(["T"], ["news_item_days_late", "attendance_rate"], {})
    [('T', 'attendance_rate', None)]
    """
    out: list[tuple[str, str, Value]] = []
    kinds = [(n, "nullable" if n in NULLABLE_COUNTS else MEASURES[n].kind) for n in names]
    for uid in ids:
        for name, kind in kinds:
            num, den = found.get((uid, name), (None, None))
            value = _value(kind, num, den)
            if value is not None or kind != "days":
                out.append((uid, name, value))
    return out
