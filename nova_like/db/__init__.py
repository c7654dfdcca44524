# SPDX-License-Identifier: Apache-2.0
"""Databases: the API DB, the cell DBs and the engine layer they share."""
