# SPDX-License-Identifier: Apache-2.0
"""Rules of flavors, their extra specs and access lists (Nova's names)."""

from nova_like.api.policies import base

MANAGE = 'os_compute_api:os-flavor-manage:%s'
EXTRA_SPECS = 'os_compute_api:os-flavor-extra-specs:%s'
ACCESS = 'os_compute_api:os-flavor-access'
_SPECS_PATH = '/flavors/{flavor_id}/os-extra_specs'

rules = [
    base.operation(MANAGE % 'create', base.ADMIN, 'Create a flavor.',
                   ('POST', '/flavors')),
    base.operation(MANAGE % 'update', base.ADMIN,
                   "Update a flavor's description.",
                   ('PUT', '/flavors/{flavor_id}')),
    base.operation(MANAGE % 'delete', base.ADMIN, 'Delete a flavor.',
                   ('DELETE', '/flavors/{flavor_id}')),
    base.operation(EXTRA_SPECS % 'index', base.ANY,
                   "List a flavor's extra specs (also shown in flavor "
                   "and server views).", ('GET', _SPECS_PATH)),
    base.operation(EXTRA_SPECS % 'show', base.ANY,
                   'Show one extra spec.', ('GET', _SPECS_PATH + '/{key}')),
    base.operation(EXTRA_SPECS % 'create', base.ADMIN,
                   'Create extra specs.', ('POST', _SPECS_PATH)),
    base.operation(EXTRA_SPECS % 'update', base.ADMIN,
                   'Update one extra spec.', ('PUT', _SPECS_PATH + '/{key}')),
    base.operation(EXTRA_SPECS % 'delete', base.ADMIN,
                   'Delete one extra spec.',
                   ('DELETE', _SPECS_PATH + '/{key}')),
    base.operation(ACCESS, base.ADMIN,
                   'List the projects that may use a private flavor.',
                   ('GET', '/flavors/{flavor_id}/os-flavor-access')),
    base.operation(ACCESS + ':add_tenant_access', base.ADMIN,
                   'Let a project use a private flavor.',
                   ('POST', '/flavors/{flavor_id}/action (addTenantAccess)')),
    base.operation(ACCESS + ':remove_tenant_access', base.ADMIN,
                   'Take a private flavor away from a project.',
                   ('POST',
                    '/flavors/{flavor_id}/action (removeTenantAccess)')),
]


def list_rules():
    return rules
