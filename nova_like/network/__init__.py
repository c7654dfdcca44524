# SPDX-License-Identifier: Apache-2.0
"""nova-like-network: the Networking v2.0 API, IPAM and host plumbing."""
