# SPDX-License-Identifier: Apache-2.0
"""The operator's view of hosts across cells.

Services, compute nodes, zones, and removing a compute host.
"""

import logging

import oslo_messaging as messaging
from oslo_utils import uuidutils

from nova_like.clients import placement as placement_client
from nova_like.compute import rpcapi as compute_rpcapi
from nova_like import conf
from nova_like import context as nl_context
from nova_like import exception
from nova_like import objects
from nova_like.objects import aggregate as aggregate_obj
from nova_like.objects import service as service_obj

CONF = conf.CONF
LOG = logging.getLogger(__name__)


def cells(context):
    """The cells that hold hosts (every enabled one but cell0)."""
    return [c for c in objects.CellMappingList.get_all(context)
            if not c.is_cell0 and not c.disabled]


def service_list(context, host=None, binary=None):
    """[(Service, CellMapping)] of every cell."""
    found = []
    for cell in cells(context):
        with nl_context.target_cell(context, cell) as cctx:
            found.extend((s, cell) for s in objects.ServiceList.get_all(
                cctx, binary=binary, host=host))
    return found


def service_get(context, service_id):
    """The (Service, CellMapping) of an id (below 2.53) or uuid.

    :raises: ServiceNotFound.
    """
    is_uuid = uuidutils.is_uuid_like(service_id)
    if not is_uuid and not str(service_id).isdigit():
        raise exception.ServiceNotFound(service_id=service_id)
    for service, cell in service_list(context):
        if (service.uuid == service_id if is_uuid
                else service.id == int(service_id)):
            return service, cell
    raise exception.ServiceNotFound(service_id=service_id)


def service_update(context, service, cell, values):
    with nl_context.target_cell(context, cell) as cctx:
        service._context = cctx
        for key, value in values.items():
            setattr(service, key, value)
        service.save()
    return service


def service_delete(context, service, cell, placement=None):
    """Delete a service; a compute service takes its nodes along.

    :raises: ServiceInUse when instances still run on the compute host.
    """
    with nl_context.target_cell(context, cell) as cctx:
        if service.binary == service_obj.COMPUTE_BINARY:
            count = len(objects.InstanceList.get_by_hosts(
                cctx, [service.host]))
            if count:
                raise exception.ServiceInUse(host=service.host, count=count)
            placement = placement or placement_client.PlacementClient()
            for node_uuid in objects.ComputeNodeList.destroy_by_host(
                    cctx, service.host):
                placement.delete_resource_provider(node_uuid)
            for aggregate in aggregate_obj.Aggregate.get_all(
                    context, host=service.host):
                aggregate.delete_host(service.host)
            try:
                objects.HostMapping.get_by_host(context,
                                                service.host).destroy()
            except exception.HostMappingNotFound:
                pass
        service._context = cctx
        service.destroy()


def host_zones(context):
    """{host: zone} of hosts that aggregates put in a zone."""
    zones = {}
    for aggregate in aggregate_obj.Aggregate.get_all(context):
        zone = aggregate.availability_zone
        if zone:
            for host in aggregate.hosts:
                zones[host] = zone
    return zones


def zone_of_service(service, zones):
    if service.binary != service_obj.COMPUTE_BINARY:
        return CONF.internal_service_availability_zone
    return zones.get(service.host, CONF.default_availability_zone)


def hypervisor_list(context):
    """[(ComputeNode, Service or None, CellMapping)] of every cell."""
    found = []
    for cell in cells(context):
        with nl_context.target_cell(context, cell) as cctx:
            services = {s.host: s for s in objects.ServiceList.get_all(
                cctx, binary=service_obj.COMPUTE_BINARY)}
            found.extend((node, services.get(node.host), cell)
                         for node in objects.ComputeNodeList.get_all(cctx))
    return found


def host_uptime(context, node, service, cell):
    """The `uptime` text of node's host, asked of its compute daemon; None
    when its driver has none.

    :raises: ComputeServiceUnavailable when the service is down or gone,
        ComputeUnavailable when it does not answer within
        [compute] console_output_timeout.
    """
    if service is None or not service.is_up(CONF.service_down_time):
        raise exception.ComputeServiceUnavailable(host=node.host)
    timeout = CONF.compute.console_output_timeout
    with nl_context.target_cell(context, cell) as cctx:
        try:
            return compute_rpcapi.ComputeAPI().get_host_uptime(
                cctx, node.host, timeout=timeout)
        except messaging.MessagingTimeout:
            raise exception.ComputeUnavailable(
                host=node.host, what='the uptime request', timeout=timeout)


def servers_on(context, hypervisors):
    """{node uuid: [{'uuid', 'name'}]} of the instances on each node's host."""
    result = {}
    by_cell = {}
    for node, _service, cell in hypervisors:
        by_cell.setdefault(cell.uuid, (cell, []))[1].append(node)
    for cell, nodes in by_cell.values():
        with nl_context.target_cell(context, cell) as cctx:
            instances = objects.InstanceList.get_by_hosts(
                cctx, {n.host for n in nodes})
        found = {}
        for instance in instances:
            found.setdefault(instance.host, []).append(
                {'uuid': instance.uuid, 'name': instance.display_name})
        for node in nodes:
            result[node.uuid] = found.get(node.host, [])
    return result


def available_zones(context):
    """The zones a server may ask for: those of enabled compute services."""
    zones = host_zones(context)
    return {zone_of_service(service, zones)
            for service, _cell in service_list(
                context.elevated(), binary=service_obj.COMPUTE_BINARY)
            if not service.disabled}


def compute_service(context, host):
    """The (Service, CellMapping) of host's compute service.

    :raises: ComputeHostNotFound.
    """
    for service, cell in service_list(context, host=host,
                                      binary=service_obj.COMPUTE_BINARY):
        return service, cell
    raise exception.ComputeHostNotFound(host=host)


def host_usage(context, host):
    """(the host's first ComputeNode, its instances) for os-hosts show.

    :raises: ComputeHostNotFound when host has no compute node.
    """
    for cell in cells(context):
        with nl_context.target_cell(context, cell) as cctx:
            nodes = [n for n in objects.ComputeNodeList.get_all(cctx)
                     if n.host == host]
            if nodes:
                return nodes[0], list(objects.InstanceList.get_by_filters(
                    cctx, {'host': host, 'deleted': False}))
    raise exception.ComputeHostNotFound(host=host)
