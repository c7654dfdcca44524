# SPDX-License-Identifier: Apache-2.0
"""nova-like-api: the Compute API v2.1 with microversions."""
