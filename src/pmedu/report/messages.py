"""The report's words, in one place: a small message catalogue, Chinese and English.

Every heading, column header and note the HTML report and the Excel workbook show comes from
[`MESSAGES`][pmedu.report.messages.MESSAGES]; nothing user-facing is spelled anywhere else. Chinese
(``"zh"``) is the default; ``"en"`` is the English text. Adding a language means adding one dict
with the same keys (a test checks that the keys agree).

>>> msg = messages("zh")
>>> msg["section.coverage"]
'各乡镇播放网点建点率'
>>> messages("en")["section.coverage"]
'Station coverage by township'
>>> messages("fr")
Traceback (most recent call last):
...
ValueError: unknown language 'fr'; available: zh, en
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

__all__ = ["DEFAULT_LANG", "LANGS", "MESSAGES", "messages"]

#: the language used when none is given
DEFAULT_LANG = "zh"

_ZH: dict[str, str] = {
    "report.title": "{root} 党员电化教育年度报告",
    "report.year": "{year} 年度",
    "report.generated": "由 pmedu {version} 生成",
    "report.contents": "目录",
    "report.not_available": "未提供数据，本节从略。",
    "report.sortable": "点击表头可排序。",
    # tree summary
    "section.tree": "组织体系概况",
    "tree.intro": "{root} 共有 {units} 个单位、党员 {members} 名。",
    "col.kind": "类型",
    "col.units": "单位数",
    "col.members": "党员数",
    "col.with_station": "有播放网点",
    # coverage
    "section.coverage": "各乡镇播放网点建点率",
    "coverage.intro": "建点率 = 已建播放网点的{kinds}数 / {kinds}总数；每个{by}一行。",
    "coverage.chart_title": "各乡镇建点率",
    "coverage.chart_limited": "图中仅列出建点率最低的 {shown} 个（共 {total} 个）。",
    "coverage.no_chart": "未绘制图表（未安装绘图组件，或已关闭图表）。",
    "coverage.total": "合计",
    "col.unit": "单位",
    "col.unit_id": "编号",
    "col.covered": "已建点",
    "col.total": "总数",
    "col.rate": "建点率",
    # station gaps
    "section.gaps": "未达标的播放网点及所缺项目",
    "gaps.intro": "共 {count} 个播放网点未达到标准。",
    "gaps.none": "所有播放网点均已达标。",
    "col.station": "播放网点",
    "col.path": "所属",
    "col.standard": "标准",
    "col.missing": "所缺项目",
    # supply
    "section.supply": "供片计划与缺口",
    "supply.intro": (
        "目标套数 {target}，征订通用教材 {subscribed}，需补充教材 {supplementary}，"
        "现有 {held}，缺口 {shortfall}。"
    ),
    "col.level": "层级",
    "col.villages": "行政村数",
    "col.target_sets": "目标套数",
    "col.subscribed_sets": "征订通用教材套数",
    "col.supplementary_sets": "补充教材套数",
    "col.held": "现有套数",
    "col.shortfall": "缺口",
    "col.magazines": "《党员电化教育》订数",
    "level.township": "乡镇（街道）",
    "level.county": "县（市、区）",
    "level.total": "合计",
    # assessment
    "section.assessment": "目标考核排名",
    "assessment.intro": "考核细则：{rubric}；共考核 {count} 个单位。",
    "assessment.breakdown": "{name} 逐项得分（总分 {total}，{grade}）",
    "col.rank": "名次",
    "col.score": "总分",
    "col.grade": "等次",
    "col.bonus": "加分",
    "col.veto": "一票否决",
    "col.code": "代码",
    "col.indicator": "考核指标",
    "col.actual": "实际值",
    "col.target": "目标值",
    "col.rule": "评分规则",
    "col.points": "得分",
    "col.possible": "分值",
    "col.note": "说明",
    "col.section": "类别",
    "col.tied": "并列",
    "assessment.indicators": "指标得分",
    "assessment.bonus": "加分（已封顶）",
    "assessment.total": "总分",
    "assessment.veto_failed": "未通过：{effect}",
    "assessment.veto_passed": "通过",
    "yes": "是",
    "no": "否",
    # workbook sheet names (Excel allows 31 characters, no []:*?/\)
    "sheet.supply": "供片计划",
    "sheet.ranking": "考核排名",
    "sheet.lines": "考核指标明细",
    "sheet.gaps": "网点缺项",
    "sheet.coverage": "建点率",
    "sheet.tree": "组织体系概况",
    # summary (executive summary, up front)
    "section.summary": "摘要",
    "summary.units": "{root}共有单位 {units} 个、党员 {members} 名。",
    "summary.coverage": "{kinds}播放网点建点率 {rate}（{covered} / {total}）。",
    "summary.supply": "供片目标 {target} 套，现有 {held} 套，缺口 {shortfall} 套。",
    "summary.ranking": (
        "共考核 {count} 个单位：第一名 {best}（{best_total} 分），"
        "末位 {worst}（{worst_total} 分）。"
    ),
    "summary.grades": "各等次单位数：{grades}。",
    "summary.grade": "{grade} {count} 个",
    "summary.gaps": "{count} 个播放网点未达标，明细见附录。",
    "summary.no_assessment": "未提供考核数据。",
    "summary.comparison": "与 {previous} 年度比较",
    "summary.no_comparison": "未提供上一年度结果，不作比较。",
    "compare.figure": "指标",
    "compare.current": "{year} 年度",
    "compare.previous": "{year} 年度",
    "compare.change": "变化",
    "compare.units_title": "各单位总分与名次变化",
    "compare.total_now": "本年总分",
    "compare.total_before": "上年总分",
    "compare.rank_now": "本年名次",
    "compare.rank_before": "上年名次",
    "compare.rank_change": "名次变化",
    "fig.units": "单位数",
    "fig.members": "党员数",
    "fig.coverage": "建点率",
    "fig.target_sets": "供片目标套数",
    "fig.held_sets": "现有套数",
    "fig.shortfall": "供片缺口",
    "fig.assessed": "考核单位数",
    # appendix
    "section.appendix": "附录",
    "section.scorecards": "各单位逐项得分",
    "scorecards.intro": "按名次排列，每个单位一张得分表。",
    "section.compare_units": "各单位与上年比较",
    # issuing unit and date (落款)
    "report.issued": "{year}年{month}月{day}日",
    # the coverage chart's legend
    "chart.full": "全覆盖（100%）",
    "chart.mid": "60%～99%",
    "chart.low": "低于 60%",
    # values on the scorecards
    "value.not_applicable": "不适用",
    "value.missing": "无数据",
    "value.not_delivered": "未报送",
    "value.early": "提前 {days} 天",
    "value.late": "逾期 {days} 天",
    "value.on_time": "按期",
    # scoring rules, from their parameters
    "rule.ratio": "按完成比例计分：达到 {target} 得 {possible} 分，未达到按比例折算",
    "rule.threshold": "达到 {target} 得 {possible} 分{steps}；否则 0 分",
    "rule.step": "；达到 {at} 得 {points} 分",
    "rule.per_item": "每项 {per_item} 分，最多 {cap} 分",
    "rule.deduction": "满分 {possible} 分，低于 {target} 时每差 1 扣 {per_unit} 分，扣完为止",
    "rule.deadline": (
        "按期报送得 {possible} 分；逾期 {grace} 天以内得 {late} 分；逾期更久或未报送 0 分"
    ),
    "rule.bands": "分段计分：{bands}",
    "rule.band": "{lo} 以上至 {hi} 得 {points} 分",
    "rule.band_sep": "；",
    "rule.other": "按评分细则计分",
    # notes on the scorecards
    "note.missing": "缺少数据，计 0 分",
    "note.not_delivered": "未报送，计 0 分",
    "note.na.full": "不适用，计满分",
    "note.na.rescale": "不适用，不计入，总分折算",
    "note.na.zero": "不适用，计 0 分",
    "note.on_time": "按期报送",
    "note.late": "逾期 {days} 天，在宽限期 {grace} 天以内",
    "note.too_late": "逾期 {days} 天，超过宽限期 {grace} 天",
    "note.veto_no_fact": "无数据，未适用",
    "note.rescaled": "有不适用指标，总分按适用分值折算",
    "effect.lowest_grade": "降为最低等次",
    "effect.zero": "总分计零",
    "list.sep": "、",
}

_EN: dict[str, str] = {
    "report.title": "{root}: party-member e-education yearly report",
    "report.year": "Year {year}",
    "report.generated": "Generated by pmedu {version}",
    "report.contents": "Contents",
    "report.not_available": "No data given: this section is left out.",
    "report.sortable": "Click a column header to sort.",
    "section.tree": "The organisation tree",
    "tree.intro": "{root} has {units} units and {members} party members.",
    "col.kind": "Kind",
    "col.units": "Units",
    "col.members": "Members",
    "col.with_station": "With station",
    "section.coverage": "Station coverage by township",
    "coverage.intro": "Coverage = {kinds} with a viewing station / all {kinds}; one row per {by}.",
    "coverage.chart_title": "Station coverage by township",
    "coverage.chart_limited": "The chart shows the {shown} lowest of {total}.",
    "coverage.no_chart": "No chart (pmedu[report] not installed, or charts turned off).",
    "coverage.total": "Total",
    "col.unit": "Unit",
    "col.unit_id": "ID",
    "col.covered": "With station",
    "col.total": "Total",
    "col.rate": "Coverage",
    "section.gaps": "Stations that fall short, and what they miss",
    "gaps.intro": "{count} stations do not meet their standard.",
    "gaps.none": "Every station meets its standard.",
    "col.station": "Station",
    "col.path": "Under",
    "col.standard": "Standard",
    "col.missing": "Missing",
    "section.supply": "Film supply plan and shortfall",
    "supply.intro": (
        "Target {target} sets, subscribed {subscribed}, supplementary {supplementary}, "
        "held {held}, shortfall {shortfall}."
    ),
    "col.level": "Level",
    "col.villages": "Villages",
    "col.target_sets": "Target sets",
    "col.subscribed_sets": "Subscribed sets",
    "col.supplementary_sets": "Supplementary sets",
    "col.held": "Held",
    "col.shortfall": "Shortfall",
    "col.magazines": "Magazine copies",
    "level.township": "township",
    "level.county": "county",
    "level.total": "total",
    "section.assessment": "Assessment ranking",
    "assessment.intro": "Rubric: {rubric}; {count} units assessed.",
    "assessment.breakdown": "{name}, point by point (total {total}, {grade})",
    "col.rank": "Rank",
    "col.score": "Total",
    "col.grade": "Grade",
    "col.bonus": "Bonus",
    "col.veto": "Veto",
    "col.code": "Code",
    "col.indicator": "Indicator",
    "col.actual": "Actual",
    "col.target": "Target",
    "col.rule": "Rule",
    "col.points": "Points",
    "col.possible": "Possible",
    "col.note": "Note",
    "col.section": "Section",
    "col.tied": "Tied",
    "assessment.indicators": "Indicator points",
    "assessment.bonus": "Bonus (capped)",
    "assessment.total": "Total",
    "assessment.veto_failed": "failed: {effect}",
    "assessment.veto_passed": "passed",
    "yes": "yes",
    "no": "no",
    "sheet.supply": "Supply plan",
    "sheet.ranking": "Ranking",
    "sheet.lines": "Indicator lines",
    "sheet.gaps": "Station gaps",
    "sheet.coverage": "Coverage",
    "sheet.tree": "Organisation tree",
    "section.summary": "Summary",
    "summary.units": "{root} has {units} units and {members} party members.",
    "summary.coverage": ("Station coverage ({kinds}): {rate} ({covered} of {total})."),
    "summary.supply": "Film sets: target {target}, held {held}, shortfall {shortfall}.",
    "summary.ranking": (
        "{count} units assessed: first {best} ({best_total} points), "
        "last {worst} ({worst_total} points)."
    ),
    "summary.grades": "Units per grade: {grades}.",
    "summary.grade": "{grade} {count}",
    "summary.gaps": "{count} stations fall short of their standard (see the appendix).",
    "summary.no_assessment": "No assessment data given.",
    "summary.comparison": "Compared with {previous}",
    "summary.no_comparison": "No previous year given: no comparison.",
    "compare.figure": "Figure",
    "compare.current": "{year}",
    "compare.previous": "{year}",
    "compare.change": "Change",
    "compare.units_title": "Each unit's total and rank, this year and last",
    "compare.total_now": "Total",
    "compare.total_before": "Last year's total",
    "compare.rank_now": "Rank",
    "compare.rank_before": "Last year's rank",
    "compare.rank_change": "Places gained",
    "fig.units": "Units",
    "fig.members": "Members",
    "fig.coverage": "Station coverage",
    "fig.target_sets": "Target film sets",
    "fig.held_sets": "Sets held",
    "fig.shortfall": "Shortfall",
    "fig.assessed": "Units assessed",
    "section.appendix": "Appendix",
    "section.scorecards": "Point by point, unit by unit",
    "scorecards.intro": "In rank order, one scorecard per unit.",
    "section.compare_units": "Each unit compared with last year",
    "report.issued": "{year}-{month:02d}-{day:02d}",
    "chart.full": "full coverage (100%)",
    "chart.mid": "60% to 99%",
    "chart.low": "below 60%",
    "value.not_applicable": "not applicable",
    "value.missing": "no data",
    "value.not_delivered": "not delivered",
    "value.early": "{days} days early",
    "value.late": "{days} days late",
    "value.on_time": "on time",
    "rule.ratio": "in proportion: {possible} points at {target}, less in proportion below",
    "rule.threshold": "{possible} points at {target} or more{steps}; else 0",
    "rule.step": "; {points} at {at} or more",
    "rule.per_item": "{per_item} per item, at most {cap}",
    "rule.deduction": (
        "{possible} points, less {per_unit} for each 1 short of {target}, at least 0"
    ),
    "rule.deadline": (
        "on time: {possible}; at most {grace} days late: {late}; later or not delivered: 0"
    ),
    "rule.bands": "bands: {bands}",
    "rule.band": "above {lo} up to {hi}: {points}",
    "rule.band_sep": "; ",
    "rule.other": "as the rubric says",
    "note.missing": "missing fact: 0 points",
    "note.not_delivered": "not delivered: 0 points",
    "note.na.full": "not applicable: full points",
    "note.na.rescale": "not applicable: left out, the total rescaled",
    "note.na.zero": "not applicable: 0 points",
    "note.on_time": "on time",
    "note.late": "{days} days late, within the {grace} days' grace",
    "note.too_late": "{days} days late, beyond the {grace} days' grace",
    "note.veto_no_fact": "no fact: not applied",
    "note.rescaled": "some indicators do not apply: the total is rescaled",
    "effect.lowest_grade": "lowest grade",
    "effect.zero": "total set to 0",
    "list.sep": ", ",
}

# issues 13 and 17: members and the learning archive, plans and teaching steps, activities
_ZH.update(
    {
        "section.members": "党员与学习档案",
        "members.intro": (
            "{year} 年，名册上 {roster} 名党员中 {met} 名学时达到 {hours} 学时（每学时 "
            "{minutes} 分钟），达标率 {rate}；{branches} 个党组织有未达标的党员。"
        ),
        "members.reconcile": "各单位党员数与党员名册核对（{units} 个单位）：{differences} 处不符。",
        "members.teams": (
            "党员志愿者服务队 {teams} 支（每队至少 {size} 人），{with_team} 个社区已组建"
            "（共 {communities} 个社区）。下表只列人数，不列姓名。"
        ),
        "members.caption": "各乡镇（街道）学时达标情况",
        "members.teams_caption": "党员志愿者服务队（按专长）",
        "col.roster": "党员",
        "col.below": "未达标",
        "col.met_rate": "达标率",
        "col.e_share": "电教占比",
        "col.skill": "专长",
        "col.teams": "服务队",
        "col.team_members": "队员",
        "col.too_few": "人数不足",
        "section.teaching": "播放计划与五步教学",
        "teaching.plan": (
            "{year} 年每月播放收看计划 {entries} 场次，其中有播放网点的 {with_station} 场次，"
            "已落实 {held} 场次，落实率 {rate}（当月在该网点播放了计划的片目才算落实）。"
        ),
        "teaching.no_plan": "记录中没有 {year} 年的播放计划。",
        "teaching.steps": (
            "全年收看 {sessions} 场，五步教学齐全的 {complete} 场，齐全率 {rate}；"
            "最常缺少的步骤：{step}。"
        ),
        "teaching.registers": (
            "三簿一册：讨论记录 {discussions} 条，信息反馈 {feedback} 条（已办结 {closed} 条），"
            "签到 {signed} 人次。"
        ),
        "teaching.caption": "各乡镇（街道）播放计划落实",
        "teaching.steps_caption": "各乡镇（街道）五步教学",
        "col.complete": "五步齐全",
        "teaching.registers_caption": "各乡镇（街道）三簿一册登记",
        "col.entries": "计划场次",
        "col.plan_held": "已落实",
        "col.held_rate": "落实率",
        "col.sessions": "收看场次",
        "col.complete_rate": "齐全率",
        "col.most_missing": "最常缺少",
        "col.discussions": "讨论",
        "col.feedback": "反馈",
        "col.feedback_closed": "已办结",
        "col.signed_in": "签到人次",
        "section.activities": "主题活动、电视栏目与经费",
        "activities.intro": (
            "电视栏目、通联会议和经费各列是该单位本级的；主题活动、经费违规、播放员和"
            "示范基地各列含所辖单位。末行为{root}。"
        ),
        "activities.caption": "主题实践活动、党建电视栏目、通联会议",
        "activities.money_caption": "电教经费",
        "activities.people_caption": "播放员培训与科技示范基地",
        "col.theme_activities": "活动",
        "col.participants": "参加人次",
        "col.tv_column": "电视栏目",
        "col.liaison": "通联季度",
        "col.budget_share": "占预算比例",
        "col.earmarked": "专款专用比例",
        "col.misuse": "违规问题",
        "col.trained": "播放员培训率",
        "col.bases_built": "示范基地已建",
        "col.bases_target": "目标",
        "col.bases_rate": "完成率",
        "value.yes": "有",
        "value.no": "无",
    }
)
_EN.update(
    {
        "section.members": "Members and the learning archive",
        "members.intro": (
            "In {year}, {met} of the {roster} members on the roster reach {hours} study hours "
            "({minutes} minutes each): {rate}; {branches} party organisations have members "
            "below."
        ),
        "members.reconcile": (
            "The units' member counts against the roster ({units} units): {differences} "
            "differences."
        ),
        "members.teams": (
            "{teams} volunteer teams (at least {size} members each) in {with_team} of "
            "{communities} communities. Counts only, no names."
        ),
        "members.caption": "Study hours by township",
        "members.teams_caption": "Volunteer teams by skill",
        "col.roster": "Members",
        "col.below": "Below",
        "col.met_rate": "Meeting",
        "col.e_share": "E-education share",
        "col.skill": "Skill",
        "col.teams": "Teams",
        "col.team_members": "Team members",
        "col.too_few": "Too few",
        "section.teaching": "Monthly plans and the five teaching steps",
        "teaching.plan": (
            "{year}'s monthly plan has {entries} entries, {with_station} of them at a station; "
            "{held} were held: {rate} (held: the station showed the planned films that month)."
        ),
        "teaching.no_plan": "The records have no monthly plan for {year}.",
        "teaching.steps": (
            "{sessions} sessions in the year, {complete} with all five teaching steps: {rate}; "
            "the step most often missing: {step}."
        ),
        "teaching.registers": (
            "The registers: {discussions} discussion entries, {feedback} feedback entries "
            "({closed} closed), {signed} members signed in."
        ),
        "teaching.caption": "Monthly plan held by township",
        "teaching.steps_caption": "The five teaching steps by township",
        "col.complete": "All five",
        "teaching.registers_caption": "The registers by township",
        "col.entries": "Plan entries",
        "col.plan_held": "Held",
        "col.held_rate": "Held rate",
        "col.sessions": "Sessions",
        "col.complete_rate": "Share",
        "col.most_missing": "Most missing",
        "col.discussions": "Discussion",
        "col.feedback": "Feedback",
        "col.feedback_closed": "Closed",
        "col.signed_in": "Signed in",
        "section.activities": "Theme activities, the TV column and money",
        "activities.intro": (
            "The TV column, liaison meetings and money columns are the unit's own; theme "
            "activities, misuse findings, broadcasters and bases include the units below. The "
            "last row is {root}."
        ),
        "activities.caption": "Theme activities, party-building TV column, liaison meetings",
        "activities.money_caption": "E-education funds",
        "activities.people_caption": "Trained broadcasters and demonstration bases",
        "col.theme_activities": "Theme activities",
        "col.participants": "Participants",
        "col.tv_column": "TV column",
        "col.liaison": "Liaison quarters",
        "col.budget_share": "Budget share",
        "col.earmarked": "Earmarked",
        "col.misuse": "Misuse findings",
        "col.trained": "Trained broadcasters",
        "col.bases_built": "Bases built",
        "col.bases_target": "Target",
        "col.bases_rate": "Built rate",
        "value.yes": "yes",
        "value.no": "no",
    }
)

#: language code → message key → text (read-only)
MESSAGES: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {"zh": MappingProxyType(_ZH), "en": MappingProxyType(_EN)}
)

#: the languages the report can be written in
LANGS: tuple[str, ...] = tuple(MESSAGES)


def messages(lang: str) -> Mapping[str, str]:
    """The message catalogue for ``lang`` (``"zh"`` or ``"en"``).

    >>> messages("zh")["col.rate"], messages("en")["col.rate"]
    ('建点率', 'Coverage')
    """
    try:
        return MESSAGES[lang]
    except KeyError:
        raise ValueError(f"unknown language {lang!r}; available: {', '.join(LANGS)}") from None
