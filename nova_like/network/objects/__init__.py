# SPDX-License-Identifier: Apache-2.0
"""Networking resources in the database: what handlers and the manager
call. Each returns API-shaped dicts."""
