# SPDX-License-Identifier: Apache-2.0
"""Rules of flavors, their extra specs and access lists (Nova's names)."""

from nova_like.api.policies import base

RULES = {
    'os_compute_api:os-flavor-manage:create': base.ADMIN,
    'os_compute_api:os-flavor-manage:update': base.ADMIN,
    'os_compute_api:os-flavor-manage:delete': base.ADMIN,
    'os_compute_api:os-flavor-extra-specs:index': base.ANY,
    'os_compute_api:os-flavor-extra-specs:show': base.ANY,
    'os_compute_api:os-flavor-extra-specs:create': base.ADMIN,
    'os_compute_api:os-flavor-extra-specs:update': base.ADMIN,
    'os_compute_api:os-flavor-extra-specs:delete': base.ADMIN,
    'os_compute_api:os-flavor-access': base.ADMIN,
    'os_compute_api:os-flavor-access:add_tenant_access': base.ADMIN,
    'os_compute_api:os-flavor-access:remove_tenant_access': base.ADMIN,
}
