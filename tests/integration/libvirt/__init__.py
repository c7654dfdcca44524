# SPDX-License-Identifier: Apache-2.0
"""Integration tests of the libvirt driver on a real libvirtd and QEMU."""
