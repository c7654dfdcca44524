# SPDX-License-Identifier: Apache-2.0
"""nova-like-compute: one per hypervisor host, drives the virt driver."""
