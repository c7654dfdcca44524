# SPDX-License-Identifier: Apache-2.0
"""Server bodies for create, show, update, list, detail by microversion."""

import functools
import hashlib

from oslo_serialization import jsonutils

from nova_like.api import microversion
from nova_like.api import policies
from nova_like.api.policies import flavors as flavor_rules
from nova_like.api.policies import servers as server_rules
from nova_like.api.views import common
from nova_like.api.views import ips as ips_view
from nova_like.api.views import server_status
from nova_like.api.views import volumes_attachments as volumes_view
from nova_like import conf
from nova_like.network import model as network_model
from nova_like.objects import base as obj_base

_PROGRESS_STATUSES = ('ACTIVE', 'BUILD', 'REBUILD', 'RESIZE',
                      'VERIFY_RESIZE', 'MIGRATING')
_FAULT_STATUSES = ('ERROR', 'DELETED')
# Image facts Nova keeps beside the properties; not shown as properties.
_IMAGE_BASE_KEYS = ('min_ram', 'min_disk', 'disk_format',
                    'container_format', 'base_image_ref')
# Before 2.75 PUT answered a shorter body than GET.
_NOT_IN_UPDATE_BEFORE_2_75 = ('OS-EXT-AZ:', 'OS-EXT-SRV-ATTR:', 'OS-EXT-STS:',
                              'OS-SRV-USG:', 'config_drive', 'key_name',
                              'os-extended-volumes:', 'host_status',
                              'security_groups')


def host_id(instance):
    """Nova's opaque hostId: the host hashed with the project."""
    if not instance.obj_attr_is_set('host'):
        return ''
    return host_id_of(instance.project_id, instance.host)


@functools.lru_cache(maxsize=1024)
def host_id_of(project_id, host):
    """hostId of host as project_id sees it ('' without a host)."""
    if not host:
        return ''
    return hashlib.sha224((project_id + host).encode()).hexdigest()


_get = obj_base.field_value


def _sysmeta(instance):
    return _get(instance, 'system_metadata', {}) or {}


def image_properties(instance):
    return {key[len('image_'):]: value
            for key, value in _sysmeta(instance).items()
            if key.startswith('image_')
            and key[len('image_'):] not in _IMAGE_BASE_KEYS}


def _image(request, instance):
    image_ref = _get(instance, 'image_ref')
    if not image_ref:
        return ''
    image = {'id': image_ref,
             'links': [{'rel': 'bookmark', 'href': common.bookmark_href(
                 request, 'images', image_ref)}]}
    if microversion.at_least(request, '2.98'):
        image['properties'] = image_properties(instance)
    return image


def _allowed(request, rule):
    """rule checked against the caller's own project, once a request:
    the same answer for every server of a list."""
    memo = request.environ.setdefault('nova_like.policy_memo', {})
    allowed = memo.get(rule)
    if allowed is None:
        allowed = memo[rule] = policies.authorize(
            request.environ['nova_like.context'], rule, fatal=False)
    return allowed


def _flavor(request, instance):
    flavor = instance.flavor
    if not microversion.at_least(request, '2.47'):
        return {'id': flavor.flavorid,
                'links': [{'rel': 'bookmark', 'href': common.bookmark_href(
                    request, 'flavors', flavor.flavorid)}]}
    body = {'vcpus': flavor.vcpus, 'ram': flavor.memory_mb,
            'disk': flavor.root_gb, 'ephemeral': flavor.ephemeral_gb,
            'swap': flavor.swap, 'original_name': flavor.name}
    if _allowed(request, flavor_rules.EXTRA_SPECS_INDEX):
        body['extra_specs'] = dict(flavor.extra_specs)
    return body


def _fault(request, instance):
    fault = _get(instance, 'fault')
    if fault is None:
        return None
    body = {'code': fault.code, 'created': common.isotime(fault.created_at),
            'message': fault.message}
    if fault.details and (_allowed(
            request, server_rules.EXTENDED_SERVER_ATTRIBUTES) or
            fault.code != 500):
        body['details'] = fault.details
    return body


def _instance_name(instance):
    if not instance.obj_attr_is_set('id'):
        return ''
    return 'instance-%08x' % instance.id


def basic(request, instance):
    """The list (non-detail) view: id, name, links."""
    return {'id': instance.uuid, 'name': instance.display_name,
            'links': common.links(request, 'servers', instance.uuid)}


def _extended_attributes(request, instance, server):
    """OS-EXT-SRV-ATTR:*, admin only (hostname for everyone from 2.90)."""
    is_admin = _allowed(request, server_rules.EXTENDED_SERVER_ATTRIBUTES)
    v2_3 = microversion.at_least(request, '2.3')
    if is_admin:
        server['OS-EXT-SRV-ATTR:host'] = _get(instance, 'host')
        server['OS-EXT-SRV-ATTR:instance_name'] = _instance_name(instance)
        server['OS-EXT-SRV-ATTR:hypervisor_hostname'] = _get(instance, 'node')
    if v2_3 and (is_admin or microversion.at_least(request, '2.90')):
        server['OS-EXT-SRV-ATTR:hostname'] = _get(instance, 'hostname')
    if v2_3 and is_admin:
        sysmeta = _sysmeta(instance)
        server.update({
            'OS-EXT-SRV-ATTR:kernel_id': sysmeta.get('kernel_id', ''),
            'OS-EXT-SRV-ATTR:launch_index': _get(instance, 'launch_index', 0),
            'OS-EXT-SRV-ATTR:ramdisk_id': sysmeta.get('ramdisk_id', ''),
            'OS-EXT-SRV-ATTR:reservation_id': _get(instance,
                                                   'reservation_id'),
            'OS-EXT-SRV-ATTR:root_device_name': sysmeta.get(
                'root_device_name'),
            'OS-EXT-SRV-ATTR:user_data': _get(instance, 'user_data'),
        })


def host_status(instance, services):
    """'' without a host, else UP, DOWN, MAINTENANCE or UNKNOWN."""
    host = _get(instance, 'host')
    if not host:
        return ''
    service = services.get(host)
    if service is None:
        return ''
    if service.forced_down:
        return 'DOWN'
    if service.disabled:
        return 'MAINTENANCE'
    return 'UP' if service.is_up(conf.CONF.service_down_time) else 'UNKNOWN'


def show(request, instance, services=None, is_detail=False, volumes=None):
    """The full server body of GET /servers/{id} and /servers/detail.

    :param services: {host: Service} for host_status (2.16), or None when
        the caller may not see it.
    :param volumes: {instance uuid: its volume BlockDeviceMappings}.
    """
    status = server_status.status_from_state(_get(instance, 'vm_state'),
                                             _get(instance, 'task_state'))
    created = _get(instance, 'created_at')
    server = {
        'id': instance.uuid,
        'name': instance.display_name,
        'status': status,
        'tenant_id': instance.project_id,
        'user_id': instance.user_id,
        'metadata': dict(_get(instance, 'metadata', {})),
        'hostId': host_id(instance),
        'image': _image(request, instance),
        'flavor': _flavor(request, instance),
        'created': common.isotime(created),
        'updated': common.isotime(_get(instance, 'updated_at', created)),
        'addresses': network_model.addresses(
            _get(instance, 'network_info', [])),
        'accessIPv4': str(_get(instance, 'access_ip_v4', '')),
        'accessIPv6': str(_get(instance, 'access_ip_v6', '')),
        'links': common.links(request, 'servers', instance.uuid),
        'OS-DCF:diskConfig': _sysmeta(instance).get('disk_config', 'MANUAL'),
        'OS-EXT-AZ:availability_zone': _get(instance, 'availability_zone',
                                            ''),
        'config_drive': _get(instance, 'config_drive', ''),
        'key_name': _get(instance, 'key_name'),
        'OS-SRV-USG:launched_at': common.usage_time(
            _get(instance, 'launched_at')),
        'OS-SRV-USG:terminated_at': common.usage_time(
            _get(instance, 'terminated_at')),
        'OS-EXT-STS:task_state': _get(instance, 'task_state'),
        'OS-EXT-STS:vm_state': _get(instance, 'vm_state'),
        'OS-EXT-STS:power_state': _get(instance, 'power_state', 0),
        'os-extended-volumes:volumes_attached':
            volumes_view.volumes_attached(
                request, (volumes or {}).get(instance.uuid, [])),
    }
    if status in _PROGRESS_STATUSES:
        server['progress'] = _get(instance, 'progress', 0)
    groups = security_group_names(_get(instance, 'network_info', []))
    if groups:
        server['security_groups'] = [{'name': name} for name in groups]
    if status in _FAULT_STATUSES:
        fault = _fault(request, instance)
        if fault:
            server['fault'] = fault
    _extended_attributes(request, instance, server)
    at = microversion.at_least
    sysmeta = _sysmeta(instance)
    if at(request, '2.9'):
        server['locked'] = bool(_get(instance, 'locked', False))
    if at(request, '2.16') and services is not None:
        server['host_status'] = host_status(instance, services)
    if at(request, '2.19'):
        server['description'] = _get(instance, 'display_description')
    if at(request, '2.26'):
        server['tags'] = list(_get(instance, 'tags', []))
    if at(request, '2.63'):
        certs = sysmeta.get('trusted_image_certificates')
        server['trusted_image_certificates'] = (
            jsonutils.loads(certs) if certs else None)
    if at(request, '2.71') and not is_detail:
        server['server_groups'] = []
    if at(request, '2.73'):
        server['locked_reason'] = sysmeta.get('locked_reason')
    if at(request, '2.96'):
        server['pinned_availability_zone'] = sysmeta.get(
            'pinned_availability_zone')
    if at(request, '2.100'):
        hints = sysmeta.get('scheduler_hints')
        server['scheduler_hints'] = jsonutils.loads(hints) if hints else {}
    return server


def update(request, instance, services=None, volumes=None):
    """The server of PUT /servers/{id}: GET's from 2.75; before, without
    the extended attributes and security groups, and addresses without
    their MAC and type, as Nova's update answers."""
    server = show(request, instance, services, volumes=volumes)
    if microversion.at_least(request, '2.75'):
        return server
    server = {key: value for key, value in server.items()
              if not key.startswith(_NOT_IN_UPDATE_BEFORE_2_75)}
    server['addresses'] = ips_view.by_network(
        _get(instance, 'network_info', []))
    return server


def security_group_names(network_info):
    """The names of the groups on a server's ports, each once, in order."""
    return list(dict.fromkeys(
        group['name'] for vif in network_info or []
        for group in vif.get('security_groups') or []))


def create(request, instance, admin_password=None, security_groups=None):
    """The 202 body of POST /servers for one server.

    :param security_groups: the names asked for (None: the default group).
    """
    server = {'id': instance.uuid,
              'links': common.links(request, 'servers', instance.uuid),
              'OS-DCF:diskConfig': _sysmeta(instance).get('disk_config',
                                                          'MANUAL'),
              'security_groups': [{'name': name} for name in
                                  security_groups or ['default']]}
    if admin_password is not None:
        server['adminPass'] = admin_password
    return {'server': server}


def index(request, instances, limit):
    body = {'servers': [basic(request, i) for i in instances]}
    links = common.next_links(request, 'servers',
                              [i.uuid for i in instances], limit,
                              'servers_links')
    if links:
        body['servers_links'] = links
    return body


def detail(request, instances, limit, services=None, volumes=None):
    body = {'servers': [show(request, i, services, is_detail=True,
                             volumes=volumes)
                        for i in instances]}
    links = common.next_links(request, 'servers/detail',
                              [i.uuid for i in instances], limit,
                              'servers_links')
    if links:
        body['servers_links'] = links
    return body
