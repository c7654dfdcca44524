# SPDX-License-Identifier: Apache-2.0
"""The Placement database: models, sessions and the alembic tree."""
