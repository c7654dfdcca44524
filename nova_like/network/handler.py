# SPDX-License-Identifier: Apache-2.0
"""THE route table of the Networking API and the dispatcher that uses it.

A path that matches no route is 404; a method the route does not have is
405 with an Allow header. Paths may end in .json, as old clients send.
"""

import routes

from nova_like.network.db import api as db_api
from nova_like.network import errors
from nova_like.network.handlers import networks
from nova_like.network.handlers import ports
from nova_like.network.handlers import quotas
from nova_like.network.handlers import root
from nova_like.network.handlers import security_group_rules
from nova_like.network.handlers import security_groups
from nova_like.network.handlers import subnets

ROUTE_DECLARATIONS = {
    '/': {'GET': root.versions},
    '/v2.0': {'GET': root.index},
    '/v2.0/extensions': {'GET': root.list_extensions},
    '/v2.0/extensions/{alias}': {'GET': root.show_extension},
    '/v2.0/networks': {
        'GET': networks.list_networks,
        'POST': networks.create_network,
    },
    '/v2.0/networks/{id}': {
        'GET': networks.show_network,
        'PUT': networks.update_network,
        'DELETE': networks.delete_network,
    },
    '/v2.0/subnets': {
        'GET': subnets.list_subnets,
        'POST': subnets.create_subnet,
    },
    '/v2.0/subnets/{id}': {
        'GET': subnets.show_subnet,
        'PUT': subnets.update_subnet,
        'DELETE': subnets.delete_subnet,
    },
    '/v2.0/ports': {
        'GET': ports.list_ports,
        'POST': ports.create_port,
    },
    '/v2.0/ports/{id}': {
        'GET': ports.show_port,
        'PUT': ports.update_port,
        'DELETE': ports.delete_port,
    },
    '/v2.0/security-groups': {
        'GET': security_groups.list_security_groups,
        'POST': security_groups.create_security_group,
    },
    '/v2.0/security-groups/{id}': {
        'GET': security_groups.show_security_group,
        'PUT': security_groups.update_security_group,
        'DELETE': security_groups.delete_security_group,
    },
    '/v2.0/security-group-rules': {
        'GET': security_group_rules.list_security_group_rules,
        'POST': security_group_rules.create_security_group_rule,
    },
    '/v2.0/security-group-rules/{id}': {
        'GET': security_group_rules.show_security_group_rule,
        'DELETE': security_group_rules.delete_security_group_rule,
    },
    '/v2.0/quotas': {'GET': quotas.list_quotas},
    '/v2.0/quotas/{project_id}': {
        'GET': quotas.show_quota,
        'PUT': quotas.update_quota,
        'DELETE': quotas.delete_quota,
    },
    '/v2.0/quotas/{project_id}/default': {
        'GET': quotas.show_quota_default,
    },
    '/v2.0/quotas/{project_id}/details': {
        'GET': quotas.show_quota_details,
    },
}


class Dispatcher:
    """Route a webob request to its handler; 404/405 as errors."""

    def __init__(self, declarations=None):
        self.declarations = declarations or ROUTE_DECLARATIONS
        self.mapper = routes.Mapper()
        for path in self.declarations:
            self.mapper.connect(path, path, route_path=path)

    @db_api.retry_on_lost_transaction
    def __call__(self, req):
        """The handler's answer; a request whose transaction the
        database rolled back (a deadlock) runs again from the start:
        nothing of it was committed, and the DHCP seam is only told
        after a commit."""
        path = req.path_info or '/'
        if path.endswith('.json'):
            path = path[:-len('.json')]
        if len(path) > 1:
            path = path.rstrip('/')
        match = self.mapper.match(path)
        if match is None:
            raise errors.NotFound()
        methods = self.declarations[match.pop('route_path')]
        handler = methods.get(req.method)
        if handler is None and req.method == 'HEAD':
            handler = methods.get('GET')
        if handler is None:
            exc = errors.MethodNotAllowed(method=req.method)
            exc.headers = {'Allow': ', '.join(sorted(methods))}
            raise exc
        req.urlvars = match
        return handler(req)
