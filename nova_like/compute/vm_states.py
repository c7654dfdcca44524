# SPDX-License-Identifier: Apache-2.0
"""vm_state: the stable state of a server (Nova's vocabulary)."""

ACTIVE = 'active'
BUILDING = 'building'
PAUSED = 'paused'
SUSPENDED = 'suspended'
STOPPED = 'stopped'
DELETED = 'deleted'
SOFT_DELETED = 'soft-delete'
ERROR = 'error'
