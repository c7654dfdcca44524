# SPDX-License-Identifier: Apache-2.0
"""Placement REST handlers: plain functions, one module per resource."""
