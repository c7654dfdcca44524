# SPDX-License-Identifier: Apache-2.0
"""Virt drivers: the hypervisor interface and its implementations."""
