# SPDX-License-Identifier: Apache-2.0
"""Clients of the other OpenStack services nova_like calls over HTTP (Placement, Glance)."""
