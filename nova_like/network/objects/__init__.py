# SPDX-License-Identifier: Apache-2.0
"""Networking resources in the database, as API-shaped dicts.

What the handlers and the manager call.
"""
