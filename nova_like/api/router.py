# SPDX-License-Identifier: Apache-2.0
"""THE route table of the Compute API, and the dispatcher that applies it.

Each route maps HTTP methods to a handler, or to a tuple of handlers with
disjoint microversion ranges (behaviour that changed at a microversion is a
second function). A path that matches no route is 404; a method the route
does not have is 405 with an Allow header; a handler whose range does not
hold the request's version is 404, as in Nova.
"""

import logging

import routes
import webob.exc

from nova_like.api import errors
from nova_like.api.handlers import aggregates
from nova_like.api.handlers import attach_interfaces
from nova_like.api.handlers import availability_zone
from nova_like.api.handlers import extensions
from nova_like.api.handlers import flavor_access
from nova_like.api.handlers import flavor_extra_specs
from nova_like.api.handlers import flavors
from nova_like.api.handlers import healthcheck
from nova_like.api.handlers import hosts
from nova_like.api.handlers import hypervisors
from nova_like.api.handlers import image_metadata
from nova_like.api.handlers import images
from nova_like.api.handlers import instance_actions
from nova_like.api.handlers import instance_usage_audit_log
from nova_like.api.handlers import ips
from nova_like.api.handlers import keypairs
from nova_like.api.handlers import migrations
from nova_like.api.handlers import networks
from nova_like.api.handlers import quota_classes
from nova_like.api.handlers import quotas
from nova_like.api.handlers import security_group_proxy
from nova_like.api.handlers import security_group_rules
from nova_like.api.handlers import security_groups
from nova_like.api.handlers import server_actions
from nova_like.api.handlers import server_diagnostics
from nova_like.api.handlers import server_external_events
from nova_like.api.handlers import server_groups
from nova_like.api.handlers import server_metadata
from nova_like.api.handlers import server_password
from nova_like.api.handlers import server_tags
from nova_like.api.handlers import servers
from nova_like.api.handlers import services
from nova_like.api.handlers import simple_tenant_usage
from nova_like.api.handlers import tenant_networks
from nova_like.api.handlers import versions
from nova_like.api.handlers import volumes_attachments
from nova_like.api import microversion
from nova_like import exception

LOG = logging.getLogger(__name__)

# path -> {method: handler or (handlers with disjoint version ranges)}.
# Handlers under /v2.1 run after authentication.
ROUTES = {
    '/': {'GET': versions.list_versions},
    '/healthcheck': {'GET': healthcheck.healthcheck},
    '/v2': {'GET': versions.show_v20},
    '/v2/': {'GET': versions.show_v20},
    '/v2.1': {'GET': versions.show_v21},
    '/v2.1/': {'GET': versions.show_v21},
    '/v2.1/extensions': {'GET': extensions.index},
    '/v2.1/extensions/{alias}': {'GET': extensions.show},
    '/v2.1/servers': {
        'GET': servers.index,
        'POST': servers.create,
    },
    '/v2.1/servers/detail': {'GET': servers.detail},
    '/v2.1/servers/{server_id}': {
        'GET': servers.show,
        'PUT': servers.update,
        'DELETE': servers.delete,
    },
    '/v2.1/servers/{server_id}/action': {'POST': server_actions.action},
    '/v2.1/servers/{server_id}/metadata': {
        'GET': server_metadata.index,
        'POST': server_metadata.create,
        'PUT': server_metadata.update_all,
    },
    '/v2.1/servers/{server_id}/metadata/{key}': {
        'GET': server_metadata.show,
        'PUT': server_metadata.update,
        'DELETE': server_metadata.delete,
    },
    '/v2.1/servers/{server_id}/tags': {
        'GET': server_tags.index,
        'PUT': server_tags.update_all,
        'DELETE': server_tags.delete_all,
    },
    '/v2.1/servers/{server_id}/tags/{tag}': {
        'GET': server_tags.show,
        'PUT': server_tags.update,
        'DELETE': server_tags.delete,
    },
    '/v2.1/servers/{server_id}/ips': {'GET': ips.index},
    '/v2.1/servers/{server_id}/ips/{network_label}': {'GET': ips.show},
    '/v2.1/servers/{server_id}/os-interface': {
        'GET': attach_interfaces.index,
        'POST': attach_interfaces.create,
    },
    '/v2.1/servers/{server_id}/os-interface/{port_id}': {
        'GET': attach_interfaces.show,
        'DELETE': attach_interfaces.delete,
    },
    '/v2.1/servers/{server_id}/os-volume_attachments': {
        'GET': volumes_attachments.index,
        'POST': volumes_attachments.create,
    },
    '/v2.1/servers/{server_id}/os-volume_attachments/{volume_id}': {
        'GET': volumes_attachments.show,
        'PUT': volumes_attachments.update,
        'DELETE': volumes_attachments.delete,
    },
    '/v2.1/servers/{server_id}/os-security-groups': {
        'GET': security_groups.index,
    },
    '/v2.1/servers/{server_id}/diagnostics': {
        'GET': server_diagnostics.index},
    '/v2.1/servers/{server_id}/os-server-password': {
        'GET': server_password.index,
        'DELETE': server_password.clear,
    },
    '/v2.1/servers/{server_id}/os-instance-actions': {
        'GET': instance_actions.index,
    },
    '/v2.1/servers/{server_id}/os-instance-actions/{request_id}': {
        'GET': instance_actions.show,
    },
    '/v2.1/flavors': {
        'GET': flavors.index,
        'POST': flavors.create,
    },
    '/v2.1/flavors/detail': {'GET': flavors.detail},
    '/v2.1/flavors/{flavor_id}': {
        'GET': flavors.show,
        'PUT': flavors.update,
        'DELETE': flavors.delete,
    },
    '/v2.1/flavors/{flavor_id}/action': {'POST': flavor_access.action},
    '/v2.1/flavors/{flavor_id}/os-flavor-access': {
        'GET': flavor_access.index,
    },
    '/v2.1/flavors/{flavor_id}/os-extra_specs': {
        'GET': flavor_extra_specs.index,
        'POST': flavor_extra_specs.create,
    },
    '/v2.1/flavors/{flavor_id}/os-extra_specs/{key}': {
        'GET': flavor_extra_specs.show,
        'PUT': flavor_extra_specs.update,
        'DELETE': flavor_extra_specs.delete,
    },
    '/v2.1/images': {
        'GET': (images.index, microversion.removed_since('2.36'))},
    '/v2.1/images/detail': {
        'GET': (images.detail, microversion.removed_since('2.36'))},
    '/v2.1/images/{image_id}': {
        'GET': (images.show, microversion.removed_since('2.36')),
        'DELETE': (images.delete, microversion.removed_since('2.36')),
    },
    '/v2.1/images/{image_id}/metadata': {
        'GET': (image_metadata.index, microversion.removed_since('2.36')),
        'POST': (image_metadata.create, microversion.removed_since('2.36')),
        'PUT': (image_metadata.update_all, microversion.removed_since('2.36')),
    },
    '/v2.1/images/{image_id}/metadata/{key}': {
        'GET': (image_metadata.show, microversion.removed_since('2.36')),
        'PUT': (image_metadata.update, microversion.removed_since('2.36')),
        'DELETE': (image_metadata.delete, microversion.removed_since('2.36')),
    },
    '/v2.1/os-keypairs': {
        'GET': keypairs.index,
        'POST': keypairs.create,
    },
    '/v2.1/os-keypairs/{keypair_name}': {
        'GET': keypairs.show,
        'DELETE': keypairs.delete,
    },
    '/v2.1/os-quota-sets/{tenant_id}': {
        'GET': quotas.show,
        'PUT': quotas.update,
        'DELETE': quotas.delete,
    },
    '/v2.1/os-quota-sets/{tenant_id}/detail': {'GET': quotas.detail},
    '/v2.1/os-quota-sets/{tenant_id}/defaults': {'GET': quotas.defaults},
    '/v2.1/os-quota-class-sets/{quota_class}': {
        'GET': quota_classes.show,
        'PUT': quota_classes.update,
    },
    '/v2.1/limits': {'GET': quotas.limits},
    '/v2.1/os-services': {'GET': services.index},
    '/v2.1/os-services/{service_id}': {
        'PUT': (services.legacy_update, services.update),
        'DELETE': services.delete,
    },
    '/v2.1/os-hypervisors': {'GET': hypervisors.index},
    '/v2.1/os-hypervisors/detail': {'GET': hypervisors.detail},
    '/v2.1/os-hypervisors/statistics': {
        'GET': (hypervisors.statistics, microversion.removed_since('2.88'))},
    '/v2.1/os-hypervisors/{hypervisor_id}': {'GET': hypervisors.show},
    '/v2.1/os-hypervisors/{hypervisor_id}/uptime': {
        'GET': (hypervisors.uptime, microversion.removed_since('2.88'))},
    '/v2.1/os-hypervisors/{pattern}/search': {
        'GET': (hypervisors.search, microversion.removed_since('2.53'))},
    '/v2.1/os-hypervisors/{pattern}/servers': {
        'GET': (hypervisors.servers, microversion.removed_since('2.53'))},
    '/v2.1/os-hosts': {
        'GET': (hosts.index, microversion.removed_since('2.43'))},
    '/v2.1/os-hosts/{host_name}': {
        'GET': (hosts.show, microversion.removed_since('2.43')),
        'PUT': (hosts.update, microversion.removed_since('2.43'))},
    '/v2.1/os-hosts/{host_name}/reboot': {
        'GET': (hosts.reboot, microversion.removed_since('2.43'))},
    '/v2.1/os-hosts/{host_name}/shutdown': {
        'GET': (hosts.shutdown, microversion.removed_since('2.43'))},
    '/v2.1/os-hosts/{host_name}/startup': {
        'GET': (hosts.startup, microversion.removed_since('2.43'))},
    '/v2.1/os-availability-zone': {'GET': availability_zone.index},
    '/v2.1/os-availability-zone/detail': {'GET': availability_zone.detail},
    '/v2.1/os-aggregates': {
        'GET': aggregates.index,
        'POST': aggregates.create,
    },
    '/v2.1/os-aggregates/{aggregate_id}': {
        'GET': aggregates.show,
        'PUT': aggregates.update,
        'DELETE': aggregates.delete,
    },
    '/v2.1/os-aggregates/{aggregate_id}/action': {'POST': aggregates.action},
    '/v2.1/os-server-groups': {
        'GET': server_groups.index,
        'POST': server_groups.create,
    },
    '/v2.1/os-server-groups/{server_group_id}': {
        'GET': server_groups.show,
        'DELETE': server_groups.delete,
    },
    '/v2.1/os-networks': {
        'GET': (networks.index, microversion.removed_since('2.36'))},
    '/v2.1/os-networks/{network_id}': {
        'GET': (networks.show, microversion.removed_since('2.36'))},
    '/v2.1/os-tenant-networks': {
        'GET': (tenant_networks.index, microversion.removed_since('2.36'))},
    '/v2.1/os-tenant-networks/{network_id}': {
        'GET': (tenant_networks.show, microversion.removed_since('2.36'))},
    '/v2.1/os-security-groups': {
        'GET': (security_group_proxy.index,
                microversion.removed_since('2.36')),
        'POST': (security_group_proxy.create,
                 microversion.removed_since('2.36'))},
    '/v2.1/os-security-groups/{security_group_id}': {
        'GET': (security_group_proxy.show,
                microversion.removed_since('2.36')),
        'PUT': (security_group_proxy.update,
                microversion.removed_since('2.36')),
        'DELETE': (security_group_proxy.delete,
                   microversion.removed_since('2.36'))},
    '/v2.1/os-security-group-rules': {
        'POST': (security_group_rules.create,
                 microversion.removed_since('2.36'))},
    '/v2.1/os-security-group-rules/{rule_id}': {
        'DELETE': (security_group_rules.delete,
                   microversion.removed_since('2.36'))},
    '/v2.1/os-instance_usage_audit_log': {
        'GET': instance_usage_audit_log.index},
    '/v2.1/os-instance_usage_audit_log/{before_timestamp}': {
        'GET': instance_usage_audit_log.show},
    '/v2.1/os-migrations': {'GET': migrations.index},
    '/v2.1/os-server-external-events': {
        'POST': server_external_events.create},
    '/v2.1/os-simple-tenant-usage': {'GET': simple_tenant_usage.index},
    '/v2.1/os-simple-tenant-usage/{tenant_id}': {
        'GET': simple_tenant_usage.show},
}

PUBLIC_PATHS = ('/', '/healthcheck', '/v2', '/v2/', '/v2.1', '/v2.1/')


def unknown_route(request):
    """The 404 message of a path no route matches: Nova's words, and what
    was asked, so that a client's typo or a missing API shows."""
    path = request.path_info
    if len(path) > 200:
        path = path[:200] + '...'
    return ('The resource could not be found: the Compute API has no %s %s.'
            % (request.method, path))


def make_mapper():
    mapper = routes.Mapper()
    # Literal paths first, so that /servers/detail is not /servers/{id}.
    for path in sorted(ROUTES, key=lambda p: ('{' in p, p)):
        mapper.connect(path, route_path=path)
    return mapper


class Router:
    """Finds the handler for (path, method, version); Nova's error bodies."""

    def __init__(self):
        self.mapper = make_mapper()

    def _match(self, environ, path):
        # No trailing slash is dropped, as in Nova: /os-simple-tenant-usage/
        # names an empty id, not the collection (a 404).
        return self.mapper.match(environ=environ, url=path)

    def __call__(self, environ, start_response):
        request = webob.Request(environ)
        match = self._match(environ, request.path_info)
        if match is None:
            response = errors.fault_response(404, unknown_route(request))
            return response(environ, start_response)
        methods = ROUTES[match.pop('route_path')]
        handlers = methods.get(request.method)
        if handlers is None:
            response = errors.fault_response(
                405, 'The method %s is not allowed for this resource.'
                % request.method,
                headers={'Allow': ', '.join(sorted(methods))})
            return response(environ, start_response)
        handler = microversion.select(handlers, microversion.of(request))
        match.pop('controller', None)
        request.urlvars = match
        try:
            if handler is None:
                raise webob.exc.HTTPNotFound(
                    explanation='The resource could not be found.')
            response = handler(request)
        except webob.exc.HTTPException as exc:
            response = errors.fault_response(exc.code, exc.explanation or
                                             exc.title)
        except exception.NovaLikeException as exc:
            if exc.code >= 500:
                LOG.exception('%s %s failed', request.method, request.path)
            response = errors.fault_response(exc.code, exc.message)
        return response(environ, start_response)
