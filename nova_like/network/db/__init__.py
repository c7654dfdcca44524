# SPDX-License-Identifier: Apache-2.0
"""The network database: models, the Database handle, migrations."""
