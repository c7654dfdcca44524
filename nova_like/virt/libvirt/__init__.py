# SPDX-License-Identifier: Apache-2.0
"""The libvirt virt driver.

[DEFAULT] compute_driver = libvirt.LibvirtDriver.
"""

from nova_like.virt.libvirt.driver import LibvirtDriver

__all__ = ['LibvirtDriver']
