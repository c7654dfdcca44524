# SPDX-License-Identifier: Apache-2.0
"""Fixtures for the scheduler's unit tests.

HostStates, request specs and a Placement stand-in.
"""

import datetime
import json

from nova_like import objects
from nova_like.objects import service as service_obj
from nova_like.scheduler import host_manager
from tests import factories

CELL1 = '3d6a8c4e-0000-4000-8000-000000000001'
# What PlacementStandIn's candidates allocate on their node.
ALLOCATION = {'VCPU': 1, 'MEMORY_MB': 512, 'DISK_GB': 1}


def service(host='cmp1', **values):
    """An enabled compute Service of host that heartbeat just now."""
    fields = dict(host=host, binary=service_obj.COMPUTE_BINARY,
                  disabled=False, forced_down=False,
                  last_seen_up=datetime.datetime.now(datetime.timezone.utc))
    fields.update(values)
    return objects.Service(**fields)


def host_state(host='cmp1', uuid=None, hypervisor_type='QEMU',
               arch='x86_64', free=None, instance_uuids=(), aggregates=(),
               **service_values):
    """A HostState of node host/host in CELL1.

    :param free: {resource class: amount free}, as Placement's summary
        would give it.
    """
    node = {'uuid': uuid or 'node-%s' % host, 'host': host,
            'hypervisor_hostname': host, 'hypervisor_type': hypervisor_type,
            'cpu_info': json.dumps({'arch': arch})}
    state = host_manager.HostState(node, service(host, **service_values),
                                   CELL1)
    state.set_aggregates(list(aggregates))
    state.free = dict(free or {})
    state.instance_uuids = set(instance_uuids)
    return state


def aggregate(name, hosts=(), **metadata):
    """An aggregate as aggregate_get_all gives it."""
    return {'name': name, 'hosts': list(hosts), 'metadata': metadata}


def group(policy, members=(), rules=None):
    """An InstanceGroup of policy with members (instance uuids)."""
    return objects.InstanceGroup(uuid='6c9a3a4e-0000-4000-8000-00000000000a',
                                 policy=policy, members=list(members),
                                 rules=rules or {}, hosts=[])


def request_spec(flavor=None, image=None, availability_zone=None,
                 scheduler_hints=None, **values):
    """An unsaved RequestSpec for one m1.tiny server."""
    return objects.RequestSpec(
        instance_uuid='7c9e6679-7425-40de-944b-e07fc1f90ae7',
        project_id='proj', user_id='alice',
        flavor=flavor or factories.flavor(), image=image or {},
        availability_zone=availability_zone,
        scheduler_hints=scheduler_hints or {}, **values)


class PlacementStandIn:
    """Allocation candidates on the nodes given, with vcpus[node] (else 8)
    VCPUs free; claims succeed until claims_left runs out."""

    def __init__(self, nodes=(), vcpus=None, claims_left=None):
        self.nodes = list(nodes)
        self.vcpus = vcpus or {}
        self.claims_left = claims_left
        self.queries = []
        self.claims = []
        self.deleted = []

    def get_allocation_candidates(self, query):
        self.queries.append(query)
        requests = [{'allocations': {n: {'resources': ALLOCATION}}}
                    for n in self.nodes]
        summaries = {n: {'resources': {
            'VCPU': {'capacity': self.vcpus.get(n, 8), 'used': 0},
            'MEMORY_MB': {'capacity': 16384, 'used': 0},
            'DISK_GB': {'capacity': 100, 'used': 0}}} for n in self.nodes}
        return requests, summaries

    def claim_resources(self, consumer_uuid, request, project_id, user_id):
        if self.claims_left == 0:
            return False
        if self.claims_left is not None:
            self.claims_left -= 1
        [node] = request['allocations']
        self.claims.append((consumer_uuid, node))
        return True

    def delete_allocation_for_instance(self, consumer_uuid):
        self.deleted.append(consumer_uuid)
        return True
