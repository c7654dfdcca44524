# SPDX-License-Identifier: Apache-2.0
"""Placement tests (functional/placement tier)."""
