# SPDX-License-Identifier: Apache-2.0
"""The alembic tree of the Placement database."""
