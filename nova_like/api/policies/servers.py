# SPDX-License-Identifier: Apache-2.0
"""Rules of the servers resource (Nova's os_compute_api:servers:* names)."""

from nova_like.api.policies import base

PREFIX = 'os_compute_api:servers:%s'

RULES = {
    PREFIX % 'index': base.PROJECT_READER_OR_ADMIN,
    PREFIX % 'detail': base.PROJECT_READER_OR_ADMIN,
    PREFIX % 'index:get_all_tenants': base.ADMIN,
    PREFIX % 'detail:get_all_tenants': base.ADMIN,
    PREFIX % 'allow_all_filters': base.ADMIN,
    PREFIX % 'show': base.PROJECT_READER_OR_ADMIN,
    PREFIX % 'show:host_status': base.ADMIN,
    PREFIX % 'create': base.PROJECT_MEMBER_OR_ADMIN,
    PREFIX % 'create:forced_host': base.ADMIN,
    PREFIX % 'update': base.PROJECT_MEMBER_OR_ADMIN,
    PREFIX % 'delete': base.PROJECT_MEMBER_OR_ADMIN,
    'os_compute_api:os-extended-server-attributes': base.ADMIN,
}
