# SPDX-License-Identifier: Apache-2.0
"""HTTP clients of the other OpenStack services: Placement and Glance."""
