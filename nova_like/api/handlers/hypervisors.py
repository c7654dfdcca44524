# SPDX-License-Identifier: Apache-2.0
"""/os-hypervisors: list, detail, show, statistics, uptime, search, servers.

Statistics and uptime until 2.88, search and servers until 2.53.
"""

import fnmatch
import logging

from oslo_utils import uuidutils

from nova_like.api import errors
from nova_like.api import microversion
from nova_like.api import policies
from nova_like.api.policies import hypervisors as rules
from nova_like.api.schemas import common as common_schema
from nova_like.api.schemas import hypervisors as schema
from nova_like.api import validation
from nova_like.api.views import common as common_view
from nova_like.api.views import hypervisors as view
from nova_like.api import wsgi_util
from nova_like.compute.api import hosts as host_api
from nova_like import exception

LOG = logging.getLogger(__name__)


def _matching(context, pattern):
    found = host_api.hypervisor_list(context.elevated())
    if pattern is None:
        return found
    return [h for h in found
            if fnmatch.fnmatch(h[0].hypervisor_hostname, '*%s*' % pattern)]


def _with_servers(context, found, wanted):
    if not wanted:
        return {}
    servers = host_api.servers_on(context.elevated(), found)
    return {uuid: [{'uuid': s['uuid'], 'name': s['name']} for s in items]
            for uuid, items in servers.items()}


def _page(request, found, params):
    marker = validation.last(params, 'marker')
    if marker is not None:
        ids = [str(view.public_id(request, node)) for node, _s, _c in found]
        if marker not in ids:
            raise errors.bad_request('marker [%s] not found' % marker)
        found = found[ids.index(marker) + 1:]
    if 'limit' in params:
        return found[:common_view.limit_of(params)]
    return found


def _list(request, rule, render, key):
    context = wsgi_util.context_of(request)
    policies.authorize(context, rule)
    version = microversion.of(request)
    params = validation.query(request, schema.list_query(version))
    pattern = validation.last(params, 'hypervisor_hostname_pattern')
    with_servers = common_schema.to_bool(
        validation.last(params, 'with_servers', False))
    if pattern is not None and ('limit' in params or 'marker' in params):
        raise errors.bad_request('Paging over a list of hypervisors using '
                                 'the hypervisor_hostname_pattern query '
                                 'parameter is not supported.')
    found = _page(request, _matching(context, pattern), params)
    if pattern is not None and not found:
        raise errors.not_found('No hypervisor matching %s could be found.'
                               % pattern)
    servers = _with_servers(context, found, with_servers)
    body = {key: [render(request, node, service,
                         servers.get(node.uuid) if with_servers else None)
                  for node, service, _cell in found]}
    if 'limit' in params and version >= (2, 33):
        links = common_view.next_links(
            request, 'os-hypervisors', [view.public_id(request, n)
                                        for n, _s, _c in found],
            common_view.limit_of(params), 'id')
        if links:
            body['hypervisors_links'] = links
    return wsgi_util.json_response(body)


def index(request):
    """GET /os-hypervisors."""
    return _list(request, rules.LIST, view.summary, 'hypervisors')


def detail(request):
    """GET /os-hypervisors/detail."""
    return _list(request, rules.LIST_DETAIL, view.detail, 'hypervisors')


def _one(request, context):
    hypervisor_id = request.urlvars['hypervisor_id']
    if microversion.at_least(request, '2.53'):
        if not uuidutils.is_uuid_like(hypervisor_id):
            raise errors.bad_request('Invalid uuid %s' % hypervisor_id)
    for node, service, cell in host_api.hypervisor_list(context.elevated()):
        if str(view.public_id(request, node)) == hypervisor_id:
            return node, service, cell
    raise errors.not_found('Hypervisor with ID %s could not be found.'
                           % hypervisor_id)


def show(request):
    """GET /os-hypervisors/{hypervisor_id}."""
    context = wsgi_util.context_of(request)
    policies.authorize(context, rules.SHOW)
    with_servers = False
    if microversion.at_least(request, '2.53'):
        params = validation.query(request, schema.SHOW_V253)
        with_servers = common_schema.to_bool(
            validation.last(params, 'with_servers', False))
    found = _one(request, context)
    servers = _with_servers(context, [found], with_servers)
    uptime_text = None
    if microversion.at_least(request, '2.88'):
        # As Nova: the host's answer when it gives one, else null.
        try:
            uptime_text = host_api.host_uptime(context.elevated(), *found)
        except (exception.ComputeServiceUnavailable,
                exception.ComputeUnavailable,
                exception.HypervisorError,
                exception.RPCPinnedToOldVersion) as exc:
            LOG.info('No uptime for hypervisor %s: %s',
                     found[0].hypervisor_hostname, exc.message)
    return wsgi_util.json_response({'hypervisor': view.detail(
        request, found[0], found[1],
        servers.get(found[0].uuid) if with_servers else None,
        uptime=uptime_text)})


@microversion.version_handler('2.1', '2.87')
def uptime(request):
    """GET /os-hypervisors/{hypervisor_id}/uptime (until 2.88).

    400 when the host's compute service is down, 501 when its driver has
    no uptime.
    """
    context = wsgi_util.context_of(request)
    policies.authorize(context, rules.UPTIME)
    node, service, cell = _one(request, context)
    text = host_api.host_uptime(context.elevated(), node, service, cell)
    if text is None:
        raise errors.not_implemented(
            'Virt driver does not implement uptime function.')
    body = view.summary(request, node, service)
    body['uptime'] = text
    return wsgi_util.json_response({'hypervisor': body})


@microversion.version_handler('2.1', '2.87')
def statistics(request):
    """GET /os-hypervisors/statistics (until 2.88)."""
    context = wsgi_util.context_of(request)
    policies.authorize(context, rules.STATISTICS)
    nodes = [n for n, _s, _c in host_api.hypervisor_list(context.elevated())]
    return wsgi_util.json_response(
        {'hypervisor_statistics': view.statistics(nodes)})


def _by_pattern(request, rule, with_servers):
    context = wsgi_util.context_of(request)
    policies.authorize(context, rule)
    pattern = request.urlvars['pattern']
    found = _matching(context, pattern)
    if not found:
        raise errors.not_found('No hypervisor matching %s could be found.'
                               % pattern)
    servers = _with_servers(context, found, with_servers)
    return wsgi_util.json_response({'hypervisors': [
        view.summary(request, node, service,
                     servers.get(node.uuid) if with_servers else None)
        for node, service, _cell in found]})


@microversion.version_handler('2.1', '2.52')
def search(request):
    """GET /os-hypervisors/{pattern}/search (until 2.53)."""
    return _by_pattern(request, rules.SEARCH, False)


@microversion.version_handler('2.1', '2.52')
def servers(request):
    """GET /os-hypervisors/{pattern}/servers (until 2.53)."""
    return _by_pattern(request, rules.SERVERS, True)
