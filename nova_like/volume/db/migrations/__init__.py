# SPDX-License-Identifier: Apache-2.0
"""The alembic tree of the volume database."""
