# SPDX-License-Identifier: Apache-2.0
"""Placement objects: plain classes over SQL, never sent over RPC."""
