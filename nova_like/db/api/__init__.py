# SPDX-License-Identifier: Apache-2.0
"""The API database: flavors, build requests, request specs, cell mappings."""
