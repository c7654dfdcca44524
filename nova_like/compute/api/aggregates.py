# SPDX-License-Identifier: Apache-2.0
"""Host aggregates: membership rules, zones, and their mirror in Placement.

Each is mirrored as a Placement aggregate.
"""

import logging

from nova_like.clients import placement as placement_client
from nova_like.compute.api import hosts as host_api
from nova_like import conf
from nova_like import exception
from nova_like.objects import aggregate as aggregate_obj
from nova_like.objects import service as service_obj

CONF = conf.CONF
LOG = logging.getLogger(__name__)

ZONE = aggregate_obj.ZONE


class AggregateAPI:

    def __init__(self, placement=None):
        self._placement = placement

    @property
    def placement(self):
        if self._placement is None:
            self._placement = placement_client.PlacementClient()
        return self._placement

    @staticmethod
    def _check_zone_name(zone):
        if zone == CONF.internal_service_availability_zone:
            raise exception.Invalid(
                reason='The availability zone of an aggregate may not be '
                       '%s, the zone of internal services.' % zone)

    @staticmethod
    def get(context, aggregate_id):
        """:raises: AggregateNotFound."""
        return aggregate_obj.Aggregate.get_by_id(context, aggregate_id)

    @staticmethod
    def get_all(context, host=None):
        return aggregate_obj.Aggregate.get_all(context, host=host)

    def create(self, context, name, zone=None):
        self._check_zone_name(zone)
        aggregate = aggregate_obj.Aggregate(
            context, name=name, metadata={ZONE: zone} if zone else None)
        aggregate.create()
        return aggregate

    def update(self, context, aggregate_id, name=None, zone=None,
               set_zone=False):
        aggregate = aggregate_obj.Aggregate(context, id=aggregate_id)
        metadata = None
        if set_zone:
            self._check_zone_name(zone)
            self._check_hosts_fit_zone(aggregate, zone)
            metadata = {ZONE: zone}
        aggregate.update(name=name, metadata=metadata)
        return aggregate

    def set_metadata(self, context, aggregate_id, metadata):
        aggregate = aggregate_obj.Aggregate(context, id=aggregate_id)
        if ZONE in metadata:
            self._check_zone_name(metadata[ZONE])
            self._check_hosts_fit_zone(aggregate, metadata[ZONE])
        aggregate.update(metadata=metadata)
        return aggregate

    @staticmethod
    def _check_hosts_fit_zone(aggregate, zone):
        if zone is None:
            return
        hosts = aggregate.hosts_in_other_zones(zone)
        if hosts:
            raise exception.AggregateAZConflict(
                host=', '.join(hosts), aggregate_id=aggregate.id,
                zones='other than %s' % zone)

    def delete(self, context, aggregate_id):
        aggregate = aggregate_obj.Aggregate.get_by_id(context, aggregate_id)
        if aggregate.hosts:
            raise exception.Invalid(
                reason='Cannot delete aggregate %s: it still has hosts %s.'
                % (aggregate_id, ', '.join(aggregate.hosts)))
        aggregate.destroy()

    def add_host(self, context, aggregate_id, host):
        """:raises: ComputeHostNotFound, AggregateNotFound,
        AggregateHostExists, AggregateAZConflict."""
        nodes = self._nodes(context, host)
        aggregate = aggregate_obj.Aggregate(context, id=aggregate_id)
        aggregate.add_host(host)
        self._mirror(nodes, aggregate.uuid, add=True)
        return aggregate

    def remove_host(self, context, aggregate_id, host):
        """:raises: ComputeHostNotFound, AggregateNotFound,
        AggregateHostNotFound."""
        nodes = self._nodes(context, host)
        aggregate = aggregate_obj.Aggregate(context, id=aggregate_id)
        aggregate.delete_host(host)
        self._mirror(nodes, aggregate.uuid, add=False)
        return aggregate

    @staticmethod
    def _nodes(context, host):
        found = host_api.service_list(context.elevated(), host=host,
                                      binary=service_obj.COMPUTE_BINARY)
        if not found:
            raise exception.ComputeHostNotFound(host=host)
        return [node for node, _service, _cell in host_api.hypervisor_list(
            context.elevated()) if node.host == host]

    def _mirror(self, nodes, aggregate_uuid, add):
        for node in nodes:
            change = {'add' if add else 'remove': [aggregate_uuid]}
            try:
                if not self.placement.update_provider_aggregates(node.uuid,
                                                                 **change):
                    LOG.warning('Compute node %s has no resource provider: '
                                'aggregate %s not mirrored', node.uuid,
                                aggregate_uuid)
            except (exception.PlacementError,
                    exception.PlacementUnavailable) as exc:
                # Nova too keeps the membership and warns: the next host
                # action re-applies it.
                LOG.warning('Could not mirror aggregate %s on provider %s: '
                            '%s', aggregate_uuid, node.uuid, exc.message)
