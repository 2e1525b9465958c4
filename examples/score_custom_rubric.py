"""Score townships with your own rubric (考核细则), written as a TOML file.

The rubric below is the one from the documentation's "write your own rubric" page; the facts
are the bundled sample county's 2025 facts. Change a number in the TOML and run it again.
"""

from pathlib import Path

from pmedu.datasets import sample_county, sample_facts
from pmedu.io.rubrics import load_rubric
from pmedu.scoring import assess

RUBRIC = """
name = "某县乡镇党员电教目标考核"
total = 40
bonus_cap = 5
grades = [ { name = "优秀", min = 36 }, { name = "良好", min = 30 },
           { name = "合格", min = 24 }, { name = "不合格", min = 0 } ]

[[indicators]]
code = "ST2"
name = "两机一室普及率"
category = "stations"
points = 20
measure = "two_machines_one_room_rate"
rule = { type = "ratio", target = 1.0 }

[[indicators]]
code = "VW2"
name = "出席率"
category = "viewing"
points = 20
measure = "attendance_rate"
rule = { type = "threshold", target = 0.9, steps = [[0.8, 15], [0.6, 8]] }

[[bonus]]
code = "B1"
name = "省级表彰"
measure = "provincial_awards"
rule = { type = "per_item", per_item = 3 }

[[veto]]
code = "V1"
name = "电教经费挪用"
measure = "funds_misused"
fails_when = { op = ">", value = 0 }
effect = "lowest_grade"
"""

path = Path("my_rubric.toml")
path.write_text(RUBRIC, encoding="utf-8")
rubric = load_rubric(path)

tree = sample_county()
assessment = assess(tree, sample_facts(), rubric, kind=["乡镇", "街道"])
print(assessment.ranking().table())
best = assessment.ranking().entries[0].unit_id
print()
print(assessment.scorecard(best).explain())
