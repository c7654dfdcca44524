# SPDX-License-Identifier: Apache-2.0
"""/servers: create, list, show, update and delete servers."""

import secrets
import string

from nova_like.api import errors
from nova_like.api.handlers import server_filters
from nova_like.api.handlers import server_networks
from nova_like.api import microversion
from nova_like.api import policies
from nova_like.api.policies import flavors as flavor_rules
from nova_like.api.policies import servers as rules
from nova_like.api.schemas import common as common_schema
from nova_like.api.schemas import servers as schema
from nova_like.api import validation
from nova_like.api.views import common as common_view
from nova_like.api.views import servers as view
from nova_like.api import wsgi_util
from nova_like.compute import api as compute
from nova_like.compute.api import hosts as host_api
from nova_like import conf
from nova_like import context as nl_context
from nova_like import exception
from nova_like import objects
from nova_like.objects import keypair
from nova_like.objects import service as service_obj

CONF = conf.CONF
_compute_api = None
_PASSWORD_CHARS = string.ascii_letters + string.digits


def compute_api():
    """The process's compute facade (tests may set their own)."""
    global _compute_api
    if _compute_api is None:
        _compute_api = compute.API()
    return _compute_api


def set_compute_api(api):
    global _compute_api
    _compute_api = api


def get_server(request, server_id):
    """The server, or 404 when it does not exist or is not the caller's."""
    context = wsgi_util.context_of(request)
    try:
        instance = compute_api().get(context, server_id)
    except exception.InstanceNotFound as exc:
        raise errors.not_found(exc.message)
    if not policies.authorize(context, rules.SHOW,
                              {'project_id': instance.project_id},
                              fatal=False):
        raise errors.not_found(
            exception.InstanceNotFound(instance_id=server_id).message)
    return instance


def get_authorized_server(request, rule):
    """(context, the server of the URL) once policy allows rule on it.

    A server the caller may not even see is 404 before the rule is asked.
    """
    context = wsgi_util.context_of(request)
    instance = get_server(request, request.urlvars['server_id'])
    policies.authorize(context, rule, {'project_id': instance.project_id})
    return context, instance


def _host_services(context, instances):
    """{host: Service} of the compute services the instances run on."""
    hosts = {}
    for instance in instances:
        if instance.host and getattr(instance, 'cell_mapping', None):
            hosts.setdefault(instance.cell_mapping.uuid,
                             (instance.cell_mapping, set()))[1].add(
                                 instance.host)
    services = {}
    for cell, cell_hosts in hosts.values():
        with nl_context.target_cell(context, cell) as cctx:
            for service in objects.ServiceList.get_all(
                    cctx, binary=service_obj.COMPUTE_BINARY):
                if service.host in cell_hosts:
                    services[service.host] = service
    return services


def _services_if_allowed(request, instances):
    context = wsgi_util.context_of(request)
    if not microversion.at_least(request, '2.16'):
        return None
    if not policies.authorize(context, rules.SHOW_HOST_STATUS,
                              fatal=False):
        return None
    return _host_services(context, instances)


# Read

def index(request):
    """GET /servers: id, name and links of the caller's servers."""
    instances, limit = _list(request, rules.INDEX, rules.INDEX_ALL_TENANTS)
    return wsgi_util.json_response(view.index(request, instances, limit))


def detail(request):
    """GET /servers/detail: the full body of each server."""
    instances, limit = _list(request, rules.DETAIL, rules.DETAIL_ALL_TENANTS)
    services = _services_if_allowed(request, instances)
    volumes = compute_api().volume_bdms_by_instance(
        wsgi_util.context_of(request), instances)
    return wsgi_util.json_response(
        view.detail(request, instances, limit, services, volumes))


def _list(request, rule, all_tenants_rule):
    context = wsgi_util.context_of(request)
    params = validation.query(request, common_schema.for_version(
        schema.QUERY, microversion.of(request)))
    policies.authorize(context, rule)
    search = server_filters.from_query(request, context, params,
                                       all_tenants_rule)
    if search is None:
        return [], common_view.limit_of(params)
    limit = common_view.limit_of(params)
    try:
        instances = compute_api().get_all(
            context, search.filters, limit=limit, marker=search.marker,
            sort_keys=search.sort_keys, sort_dirs=search.sort_dirs)
    except exception.MarkerNotFound:
        raise errors.bad_request('marker [%s] not found' % search.marker)
    return instances, limit


def show(request):
    """GET /servers/{server_id}."""
    instance = get_server(request, request.urlvars['server_id'])
    services = _services_if_allowed(request, [instance])
    volumes = compute_api().volume_bdms_by_instance(
        wsgi_util.context_of(request), [instance])
    return wsgi_util.json_response(
        {'server': view.show(request, instance, services, volumes=volumes)})


# Create

def _count(server, key, default):
    value = server.get(key, default)
    return int(value)


def _flavor(context, flavor_ref):
    flavor_id = str(flavor_ref)
    try:
        flavor = objects.Flavor.get_by_flavor_id(context, flavor_id)
    except exception.FlavorNotFound as exc:
        raise errors.bad_request(exc.message)
    if not flavor.is_public and not policies.authorize(
            context, flavor_rules.MANAGE_CREATE, fatal=False) \
            and context.project_id not in flavor.projects:
        raise errors.bad_request(
            exception.FlavorNotFound(flavor_id=flavor_id).message)
    return flavor


def _availability_zone(context, server):
    """(zone, forced host, forced node) of availability_zone: 'az',
    or an admin's 'az:host', 'az:host:node', 'az::node' (az may be empty)."""
    zone = server.get('availability_zone')
    if not zone:
        return None, None, None
    host = node = None
    if ':' in zone:
        policies.authorize(context, rules.CREATE_FORCED_HOST)
        zone, _, rest = zone.partition(':')
        host, _, node = rest.partition(':')
        host, node = host or None, node or None
        if server.get('host') or server.get('hypervisor_hostname'):
            raise errors.bad_request(
                'Forcing a host with availability_zone cannot be combined '
                'with host or hypervisor_hostname.')
        zone = zone or None
    if zone and zone not in host_api.available_zones(context):
        raise errors.bad_request('The requested availability zone is not '
                                 'available')
    return zone, host, node


def _requested_destination(context, server):
    """2.74's {'host', 'node'}, once both name a compute node (400 else)."""
    host = server.get('host')
    node = server.get('hypervisor_hostname')
    if not (host or node):
        return None
    policies.authorize(context, rules.CREATE_REQUESTED_DESTINATION)
    for compute_node, _service, _cell in host_api.hypervisor_list(
            context.elevated()):
        if (host is None or compute_node.host == host) and (
                node is None or compute_node.hypervisor_hostname == node):
            return {'host': host, 'node': node}
    raise errors.bad_request(exception.ComputeHostNotFound(
        host=host or node).message)


def _check_block_device_mapping(server):
    """Accept only the image boot the CLI describes as a mapping."""
    for bdm in server.get('block_device_mapping_v2') or []:
        source = bdm.get('source_type')
        destination = bdm.get('destination_type', 'local')
        image_boot = (source == 'image' and destination == 'local' and
                      str(bdm.get('boot_index')) == '0')
        if not image_boot:
            raise errors.bad_request(
                'Block device mapping with source_type %s and '
                'destination_type %s is not supported: there is no volume '
                'service yet.' % (source, destination))
        if server.get('imageRef') and bdm.get('uuid') != server['imageRef']:
            raise errors.bad_request(
                'Block device mapping uuid %s does not match imageRef %s.'
                % (bdm.get('uuid'), server['imageRef']))
        server.setdefault('imageRef', bdm.get('uuid'))


def _key_data(context, key_name):
    """The public key of the caller's key pair key_name (None for none)."""
    if not key_name:
        return None
    try:
        return keypair.get(context.user_id, key_name)['public_key']
    except exception.KeypairNotFound:
        raise errors.bad_request('Invalid key_name provided.')


def create(request):
    """POST /servers: accept one or more servers for building (202)."""
    context = wsgi_util.context_of(request)
    version = microversion.of(request)
    body = validation.body(request, common_schema.for_version(schema.CREATE,
                                                       version))
    server = body['server']
    policies.authorize(context, rules.CREATE,
                       {'project_id': context.project_id})
    _check_block_device_mapping(server)
    if not server.get('imageRef'):
        raise errors.bad_request('Missing imageRef attribute: booting from '
                                 'a volume is not supported yet.')
    key_data = _key_data(context, server.get('key_name'))
    if server.get('personality'):
        raise errors.bad_request('Personality files are not supported.')
    min_count = _count(server, 'min_count', 1)
    max_count = _count(server, 'max_count', min_count)
    if min_count > max_count:
        raise errors.bad_request('min_count must be <= max_count')
    requested_networks = server_networks.requested_networks(server,
                                                            max_count)
    security_groups = server_networks.security_groups(server)
    flavor = _flavor(context, server['flavorRef'])
    zone, forced_host, forced_node = _availability_zone(context, server)
    destination = _requested_destination(context, server)
    hints = body.get('os:scheduler_hints') or body.get(
        'OS-SCH-HNT:scheduler_hints') or {}
    try:
        with server_networks.boot_errors():
            instances, reservation_id = compute_api().create(
                context, flavor, server['imageRef'],
                display_name=server['name'], min_count=min_count,
                max_count=max_count,
                display_description=server.get('description'),
                metadata=server.get('metadata'), availability_zone=zone,
                user_data=server.get('user_data'),
                tags=server.get('tags'), hostname=server.get('hostname'),
                key_name=server.get('key_name'), key_data=key_data,
                scheduler_hints=hints,
                access_ip_v4=server.get('accessIPv4'),
                access_ip_v6=server.get('accessIPv6'),
                config_drive=common_schema.to_bool(server['config_drive'])
                if server.get('config_drive') not in (None, '') else False,
                disk_config=server.get('OS-DCF:diskConfig', 'MANUAL'),
                trusted_certs=server.get('trusted_image_certificates'),
                requested_networks=requested_networks,
                security_groups=security_groups, forced_host=forced_host,
                forced_node=forced_node,
                requested_destination=destination)
    except exception.ImageNotFound:
        raise errors.bad_request('Can not find requested image')
    except (exception.Invalid, exception.ImageNotActive) as exc:
        raise errors.bad_request(exc.message)
    if common_schema.to_bool(server.get('return_reservation_id', False)):
        return wsgi_util.json_response({'reservation_id': reservation_id},
                                       status=202)
    password = None
    if CONF.api.enable_instance_password:
        password = server.get('adminPass') or ''.join(
            secrets.choice(_PASSWORD_CHARS) for _ in range(12))
    first = instances[0]
    return wsgi_util.json_response(
        view.create(request, first, password, security_groups), status=202,
        headers={'Location': common_view.self_href(request, 'servers',
                                                   first.uuid)})


# Update and delete

_UPDATE_FIELDS = {'name': 'display_name', 'description':
                  'display_description', 'hostname': 'hostname',
                  'accessIPv4': 'access_ip_v4',
                  'accessIPv6': 'access_ip_v6'}


def update(request):
    """PUT /servers/{server_id}: name, description (2.19), hostname (2.90)."""
    body = validation.body(request, common_schema.for_version(
        schema.UPDATE, microversion.of(request)))
    context, instance = get_authorized_server(request, rules.UPDATE)
    updates = {_UPDATE_FIELDS[key]: value
               for key, value in body['server'].items()
               if key in _UPDATE_FIELDS}
    if 'OS-DCF:diskConfig' in body['server']:
        sysmeta = dict(instance.system_metadata)
        sysmeta['disk_config'] = body['server']['OS-DCF:diskConfig']
        updates['system_metadata'] = sysmeta
    try:
        instance = compute_api().update(context, instance, updates)
    except exception.InstanceNotFound as exc:
        raise errors.not_found(exc.message)
    services = _services_if_allowed(request, [instance]) if \
        microversion.at_least(request, '2.75') else None
    volumes = compute_api().volume_bdms_by_instance(context, [instance])
    return wsgi_util.json_response(
        {'server': view.update(request, instance, services, volumes)})


def delete(request):
    """DELETE /servers/{server_id} (204)."""
    context, instance = get_authorized_server(request, rules.DELETE)
    try:
        compute_api().delete(context, instance)
    except exception.InstanceNotFound as exc:
        raise errors.not_found(exc.message)
    return wsgi_util.empty_response(204)
