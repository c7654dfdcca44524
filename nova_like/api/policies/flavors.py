# SPDX-License-Identifier: Apache-2.0
"""Rules of flavors, their extra specs and access lists (Nova's names)."""

from nova_like.api.policies import base

MANAGE = 'os_compute_api:os-flavor-manage'
MANAGE_CREATE = MANAGE + ':create'
MANAGE_UPDATE = MANAGE + ':update'
MANAGE_DELETE = MANAGE + ':delete'
EXTRA_SPECS = 'os_compute_api:os-flavor-extra-specs'
EXTRA_SPECS_INDEX = EXTRA_SPECS + ':index'
EXTRA_SPECS_SHOW = EXTRA_SPECS + ':show'
EXTRA_SPECS_CREATE = EXTRA_SPECS + ':create'
EXTRA_SPECS_UPDATE = EXTRA_SPECS + ':update'
EXTRA_SPECS_DELETE = EXTRA_SPECS + ':delete'
ACCESS = 'os_compute_api:os-flavor-access'
ACCESS_ADD = ACCESS + ':add_tenant_access'
ACCESS_REMOVE = ACCESS + ':remove_tenant_access'
_SPECS_PATH = '/flavors/{flavor_id}/os-extra_specs'

rules = [
    base.operation(MANAGE_CREATE, base.ADMIN, 'Create a flavor.',
                   ('POST', '/flavors')),
    base.operation(MANAGE_UPDATE, base.ADMIN,
                   "Update a flavor's description.",
                   ('PUT', '/flavors/{flavor_id}')),
    base.operation(MANAGE_DELETE, base.ADMIN, 'Delete a flavor.',
                   ('DELETE', '/flavors/{flavor_id}')),
    base.operation(EXTRA_SPECS_INDEX, base.ANY,
                   "List a flavor's extra specs (also shown in flavor "
                   "and server views).", ('GET', _SPECS_PATH)),
    base.operation(EXTRA_SPECS_SHOW, base.ANY,
                   'Show one extra spec.', ('GET', _SPECS_PATH + '/{key}')),
    base.operation(EXTRA_SPECS_CREATE, base.ADMIN,
                   'Create extra specs.', ('POST', _SPECS_PATH)),
    base.operation(EXTRA_SPECS_UPDATE, base.ADMIN,
                   'Update one extra spec.', ('PUT', _SPECS_PATH + '/{key}')),
    base.operation(EXTRA_SPECS_DELETE, base.ADMIN,
                   'Delete one extra spec.',
                   ('DELETE', _SPECS_PATH + '/{key}')),
    base.operation(ACCESS, base.ADMIN,
                   'List the projects that may use a private flavor.',
                   ('GET', '/flavors/{flavor_id}/os-flavor-access')),
    base.operation(ACCESS_ADD, base.ADMIN,
                   'Let a project use a private flavor.',
                   ('POST', '/flavors/{flavor_id}/action (addTenantAccess)')),
    base.operation(ACCESS_REMOVE, base.ADMIN,
                   'Take a private flavor away from a project.',
                   ('POST',
                    '/flavors/{flavor_id}/action (removeTenantAccess)')),
]


def list_rules():
    return rules
