# SPDX-License-Identifier: Apache-2.0
"""nova-like-placement: the OpenStack Placement-compatible REST service."""
