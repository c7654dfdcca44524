# SPDX-License-Identifier: Apache-2.0
"""A server's security groups: list, addSecurityGroup, removeSecurityGroup.

The groups themselves live in nova-like-network; Nova's proxies of them
(/os-security-groups, /os-security-group-rules, 2.1 to 2.35) are in
security_group_proxy.py and security_group_rules.py.
"""

from nova_like.api import errors
from nova_like.api.handlers import server_networks
from nova_like.api.handlers import servers
from nova_like.api import policies
from nova_like.api.policies import security_groups as rules
from nova_like.api.schemas import security_groups as schema
from nova_like.api.views import security_groups as view
from nova_like.api import wsgi_util


def index(request):
    """GET /servers/{server_id}/os-security-groups."""
    context, instance = servers.get_authorized_server(request, rules.LIST)
    with server_networks.unreachable_is_503():
        groups = servers.compute_api().security_groups_of(context,
                                                          instance)
    return wsgi_util.json_response(view.index(groups))


def _group_name(body, action):
    """The group named in {action: {"name": ...}}, with Nova's 400s."""
    arguments = body[action]
    if not isinstance(arguments, dict):
        raise errors.bad_request('Missing parameter dict')
    if 'name' not in arguments:
        raise errors.bad_request('Security group not specified')
    name = arguments['name']
    if not isinstance(name, str) or not name.strip():
        raise errors.bad_request('Security group name cannot be empty')
    return name


def add(request, context, instance, body):
    """Server action addSecurityGroup (202)."""
    policies.authorize(context, rules.ADD,
                       {'project_id': instance.project_id})
    name = _group_name(body, 'addSecurityGroup')
    with server_networks.unreachable_is_503():
        servers.compute_api().add_security_group(context, instance, name)
    return wsgi_util.empty_response(202)


def remove(request, context, instance, body):
    """Server action removeSecurityGroup (202)."""
    policies.authorize(context, rules.REMOVE,
                       {'project_id': instance.project_id})
    name = _group_name(body, 'removeSecurityGroup')
    with server_networks.unreachable_is_503():
        servers.compute_api().remove_security_group(context, instance,
                                                    name)
    return wsgi_util.empty_response(202)


add.schema = lambda request: schema.action('addSecurityGroup')
remove.schema = lambda request: schema.action('removeSecurityGroup')
