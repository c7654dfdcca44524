# SPDX-License-Identifier: Apache-2.0
"""The volume database: models, the Database handle, migrations."""
