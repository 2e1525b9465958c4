"""The organisation tree (组织体系): [`OrgTree`][pmedu.network.tree.OrgTree], its hierarchy rules
and coverage.

>>> from pmedu.network import OrgTree, HierarchyRules, Coverage
>>> HierarchyRules.presets()
['default', 'strict']
"""

from pmedu.network.rules import HierarchyRules
from pmedu.network.tree import Coverage, OrgTree, UnitMap

__all__ = ["Coverage", "HierarchyRules", "OrgTree", "UnitMap"]
