"""Issue 13, deliverables 1, 2 and 6: the roster against the tree (reconciliation, 一社区一支部,
every member in a branch, 不漏一个党员), volunteer teams, who is expected at a session, the
learning archive per member (学时 = minutes ÷ 45, 32 a year) and its measure, on rules stated as
properties and on the sample county."""

from __future__ import annotations

import contextlib
import io
from fractions import Fraction

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pmedu.cli import main
from pmedu.cli.members_cmd import demo_section
from pmedu.datasets import sample_county, sample_path, sample_records
from pmedu.facts import measure_rows
from pmedu.members import (
    MemberPolicy,
    check_branches,
    expected_by_station,
    reconcile,
    volunteer_teams,
)
from pmedu.model import Member, MemberStatus, Station, StudyEntry, Unit, ViewingSession
from pmedu.network import OrgTree
from pmedu.records import Records
from pmedu.records.check import check_records
from pmedu.viewing import ArchivePolicy, build_archive, requirement_counts, shortfall
from strategies import counted_trees, rosters_for, study_minutes

# ---- reconciliation ---------------------------------------------------------------------------


@given(st.data())
def test_a_roster_built_from_the_counts_reconciles_to_zero(data: st.DataObject) -> None:
    tree = data.draw(counted_trees())
    roster = data.draw(rosters_for(tree))
    rec = reconcile(tree, roster)
    assert rec.ok
    assert rec.differences == ()
    assert rec.members == len(roster) == sum(u.members for u in tree)


@given(st.data())
def test_removing_one_member_makes_one_difference_per_field_it_counts_in(
    data: st.DataObject,
) -> None:
    tree = data.draw(counted_trees())
    roster = data.draw(rosters_for(tree))
    if not roster:
        return
    gone = roster[data.draw(st.integers(0, len(roster) - 1))]
    rest = [m for m in roster if m is not gone]
    unit = tree.unit(gone.unit_id)
    affected = {"members"}
    if gone.mobile and unit.mobile is not None:
        affected.add("mobile")
    if gone.status is MemberStatus.RETIRED and unit.retired is not None:
        affected.add("retired")
    if not gone.transferred and unit.not_transferred is not None:
        affected.add("not_transferred")
    diffs = reconcile(tree, rest).differences
    assert sorted(d.field for d in diffs) == sorted(affected)
    assert all(d.unit_id == gone.unit_id and d.gap == 1 for d in diffs)


def test_a_blank_count_is_not_compared_and_a_member_outside_the_tree_counts_nowhere() -> None:
    t = OrgTree.from_units([Unit(id="V", name="石桥村", kind="村", members=1)])
    roster = [
        Member(id="a", name="甲", unit_id="V", mobility="流出", status="退休"),
        Member(id="b", name="乙", unit_id="X"),
    ]
    rec = reconcile(t, roster)
    assert rec.ok
    assert rec.outside == 1
    assert rec.to_records() == []


# ---- branches ---------------------------------------------------------------------------------


def _street() -> OrgTree:
    return OrgTree.from_units([
        Unit(id="S", name="城关街道", kind="街道", org_type="党委"),
        Unit(id="C1", name="东社区", kind="社区", parent_id="S", members=2, org_type="党总支"),
        Unit(id="C2", name="西社区", kind="社区", parent_id="S", members=0),
        Unit(id="E", name="某公司", kind="非公有制企业", parent_id="C2", members=3,
             org_type="党支部"),
        Unit(id="C3", name="南社区", kind="社区", parent_id="S"),
        Unit(id="G", name="南社区居民小组", kind="社区", parent_id="S", members=1),
    ])  # fmt: skip


def test_one_community_one_branch_an_enterprise_branch_is_not_the_communitys() -> None:
    r = check_branches(_street(), [])
    assert r.communities_without_branch == ("C2", "C3", "G")
    assert r.missing_roster == (("C1", 2), ("E", 3), ("G", 1))
    assert not r.ok


def test_every_member_in_a_branch() -> None:
    roster = [Member(id="a", name="甲", unit_id="C1"), Member(id="b", name="乙", unit_id="G"),
              Member(id="c", name="丙", unit_id="nowhere")]  # fmt: skip
    r = check_branches(_street(), roster)
    assert [(o.member_id, o.reason) for o in r.outside] == [
        ("b", "not_party_organisation"),
        ("c", "unknown_unit"),
    ]
    rows = [x for x in r.to_records() if x["check"] == "member_in_branch"]
    named = [x for x in r.to_records(with_names=True) if x["check"] == "member_in_branch"]
    assert "name" not in rows[-1]
    assert named[-1]["name"] == "丙"


# ---- volunteer teams and who is expected ------------------------------------------------------


def test_teams_need_the_policy_size_and_count_dual_managed_but_not_away_members() -> None:
    t = _street()
    roster = [
        Member(id="a", name="甲", unit_id="C1", skills=["法律咨询"]),
        Member(id="b", name="乙", unit_id="E", dual_unit_id="C1", skills=["法律咨询"]),
        Member(id="c", name="丙", unit_id="C1", skills=["法律咨询"], mobility="流出"),
        Member(id="d", name="丁", unit_id="E", skills=["法律咨询"]),
    ]
    teams = {(x.community_id, x.skill): x for x in volunteer_teams(t, roster).teams}
    assert teams["C1", "法律咨询"].member_ids == ("a", "b")
    assert teams["C2", "法律咨询"].member_ids == ("b", "d")  # E lies in 西社区
    assert not any(x.formed for x in teams.values())
    two = volunteer_teams(t, roster, policy=MemberPolicy(min_team_size=2))
    assert len(two.formed) == 2
    assert "names" not in two.to_records()[0]
    assert two.to_records(with_names=True)[0]["names"] == ["甲", "乙"]


def test_an_away_member_is_expected_only_when_the_policy_says_so() -> None:
    roster = [Member(id="a", name="甲", unit_id="V"),
              Member(id="b", name="乙", unit_id="V", mobility="流出", mobile_to="深圳"),
              Member(id="c", name="丙", unit_id="A", dual_unit_id="V")]  # fmt: skip
    st_ = [Station(id="S", unit_id="V")]
    assert expected_by_station(st_, roster) == {"S": ("a", "c")}
    assert expected_by_station(st_, roster, policy=MemberPolicy(away_expected=True)) == {
        "S": ("a", "b", "c")
    }


def test_the_records_check_warns_of_an_away_member_listed_as_expected() -> None:
    r = Records(
        year=2025,
        members=[Member(id="b", name="乙", unit_id="V", mobility="流出")],
        sessions=[ViewingSession(id="s", station_id="S", date="2025-03-01", expected=["b"])],
    )
    assert [p.field for p in r.check().warnings] == ["$.sessions[0].expected"]
    assert check_records(r, away_expected=True).warnings == ()


# ---- the learning archive ---------------------------------------------------------------------


@given(study_minutes, st.integers(min_value=0, max_value=300))
def test_hours_are_the_minutes_over_45_summed_exactly(minutes: list[int], own: int) -> None:
    studies = [StudyEntry(id=f"L{i}", member_id="m", date="2025-03-01", kind="培训班",
                          minutes=x) for i, x in enumerate(minutes)]  # fmt: skip
    sessions = [ViewingSession(id="s", station_id="S", date="2025-04-01", signed_in=["m"],
                               minutes=own)]  # fmt: skip
    a = build_archive(sessions, [], study_records=studies, year=2025)
    e = a.get("m")
    assert e.hours == Fraction(sum(minutes) + own, 45)
    assert e.meets == (sum(minutes) + own >= 32 * 45)
    if e.minutes:
        assert e.e_share == Fraction(own, sum(minutes) + own)


@pytest.mark.parametrize(("minutes", "meets"), [(1440, True), (1439, False), (1441, True)])
def test_a_member_with_exactly_32_hours_meets_the_requirement(minutes: int, meets: bool) -> None:
    entry = StudyEntry(id="L", member_id="m", date="2025-06-01", kind="党校", minutes=minutes)
    a = build_archive([], [], study_records=[entry], year=2025)
    assert a.get("m").meets is meets
    assert (a.get("m").hours == 32) is (minutes == 1440)


def test_the_policy_changes_the_hour_and_the_requirement() -> None:
    entry = StudyEntry(id="L", member_id="m", date="2025-06-01", kind="党校", minutes=1200)
    pol = ArchivePolicy(minutes_per_hour=60, required_hours=20)
    assert build_archive([], [], study_records=[entry], year=2025, policy=pol).get("m").meets
    assert not build_archive([], [], study_records=[entry], year=2025).get("m").meets
    with pytest.raises(TypeError):
        ArchivePolicy(required_hours=32.0)


def test_a_session_without_minutes_counts_its_films_and_other_years_do_not_count() -> None:
    r = sample_records()
    films = {f.id: f for f in r.films}
    s = ViewingSession(id="x", station_id="S", date="2025-05-01", film_ids=["F001", "F002"],
                       signed_in=["m"], theme="学习党章")  # fmt: skip
    old = attrs.evolve(s, id="y", date="2024-05-01")
    e = build_archive([s, old], r.films, year=2025).get("m")
    assert e.session_minutes == films["F001"].minutes + films["F002"].minutes
    assert (e.sessions, e.themes) == (1, ("学习党章",))


def test_shortfall_per_branch_and_township_counts_by_default() -> None:
    t = OrgTree.from_units([
        Unit(id="T", name="东镇", kind="镇"),
        Unit(id="V1", name="一村", kind="村", parent_id="T"),
        Unit(id="V2", name="二村", kind="村", parent_id="T"),
    ])  # fmt: skip
    roster = [Member(id="a", name="甲", unit_id="V1"), Member(id="b", name="乙", unit_id="V2")]
    studies = [StudyEntry(id="L", member_id="a", date="2025-06-01", kind="党校", minutes=1440)]
    a = build_archive([], [], study_records=studies, members=roster, year=2025)
    s = shortfall(t, a)
    assert [(x.unit_id, x.members, x.below) for x in s.by_branch] == [("V2", 1, 1)]
    assert [(x.unit_id, x.members, x.below) for x in s.by_township] == [("T", 2, 1)]
    assert all("member_ids" not in r for r in s.to_records())
    assert s.to_records(with_names=True)[0]["names"] == ["乙"]
    met, total = requirement_counts(t, a)
    assert (met["T"], total["T"], met["V2"], total["V2"]) == (1, 2, 0, 1)


# ---- the sample county ------------------------------------------------------------------------


def test_the_sample_roster_matches_every_count_and_every_check_passes() -> None:
    tree, r = sample_county(), sample_records()
    assert reconcile(tree, r.members).ok
    assert check_branches(tree, r.members).ok
    assert r.check(tree=tree).warnings == ()
    kinds = {(m.mobility.value, m.dual_unit_id is not None, bool(m.skills)) for m in r.members}
    assert {k[0] for k in kinds} == {"none", "inflow", "outflow"}
    assert any(k[1] for k in kinds)
    assert any(k[2] for k in kinds)
    assert any(m.status is MemberStatus.RETIRED for m in r.members)


def test_every_sample_session_lists_its_members_by_id() -> None:
    r = sample_records()
    roster = {m.id for m in r.members}
    for s in r.sessions:
        assert s.expected_count is None
        assert s.signed_in_count is None
        assert set(s.signed_in) <= set(s.expected) <= roster


def test_the_share_of_members_meeting_the_requirement_is_a_measure() -> None:
    tree, r = sample_county(), sample_records()
    rows = measure_rows(tree, r, 2025, units=[tree.root.id], measures=["study_hours_met_rate"])
    a = build_archive(r.sessions, r.films, study_records=r.study_records, members=r.members,
                      year=2025)  # fmt: skip
    assert rows == [(tree.root.id, "study_hours_met_rate", a.meeting / len(a))]
    assert 0.5 < a.meeting / len(a) < 0.9


# ---- the command --------------------------------------------------------------------------------


def _members(*extra: str) -> tuple[int, str]:
    buf = io.StringIO()
    argv = ["members", str(sample_path()), str(sample_path(name="records_2025.json")), *extra]
    with contextlib.redirect_stdout(buf):
        status = main(argv=argv)
    return status, buf.getvalue()


def test_the_command_names_members_only_when_asked() -> None:
    status, text = _members("--year", "2025")
    assert status == 0
    assert "0 differences" in text
    assert "学习档案" in text
    some = sample_records().members[0]
    assert some.id not in text
    status, named = _members("--year", "2025", "--with-names")
    assert status == 0
    below = next(e for e in build_archive(
        sample_records().sessions, sample_records().films,
        study_records=sample_records().study_records, members=sample_records().members,
        year=2025).entries if not e.meets)  # fmt: skip
    assert f"{below.member_id} {below.name}" in named


def test_the_demo_section_shows_the_archive_and_the_teams() -> None:
    out = io.StringIO()
    demo_section(sample_county(), out)
    text = out.getvalue()
    assert "学时" in text
    assert "teams" in text
    assert "示例县（合计）" in text
    assert sample_records().members[0].id not in text
