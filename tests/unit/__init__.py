# SPDX-License-Identifier: Apache-2.0
"""Unit tests: one module of nova_like at a time."""
