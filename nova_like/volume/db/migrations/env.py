# SPDX-License-Identifier: Apache-2.0
"""alembic environment of the volume database (config built in code)."""

from nova_like.db import alembic_tree
from nova_like.volume.db import models

alembic_tree.run_online(models.Base.metadata)
