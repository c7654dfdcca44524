# SPDX-License-Identifier: Apache-2.0
"""The volume database's alembic tree: upgrade, current, head."""

import os

from nova_like.db import alembic_tree

_TREE = alembic_tree.AlembicTree(
    os.path.join(os.path.dirname(__file__), 'migrations'))

head = _TREE.head
upgrade = _TREE.upgrade
current = _TREE.current
