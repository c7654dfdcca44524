# SPDX-License-Identifier: Apache-2.0
"""The scheduler's RPC endpoint: candidates -> filters -> weighers -> claim.

select_destinations asks Placement for allocation candidates, keeps the
compute nodes that pass every enabled filter, orders them with the
weighers, and claims the best one in Placement for each instance (moving
to the next host when another scheduler won the race for the capacity).
Each instance also gets up to max_attempts - 1 alternates in the same cell,
each carrying its own allocation request, for reschedules. When nothing is
left, NoValidHost says what removed the hosts.
"""

import collections
import logging
import random

import oslo_messaging as messaging
from oslo_serialization import jsonutils

from nova_like.clients import placement as placement_client
from nova_like import conf
from nova_like import context as nl_context
from nova_like.db.main import instances as instance_db
from nova_like import exception
from nova_like import objects
from nova_like.scheduler import filters
from nova_like.scheduler import host_manager
from nova_like.scheduler import utils
from nova_like.scheduler import weighers
from nova_like import versions

CONF = conf.CONF
LOG = logging.getLogger(__name__)


class SchedulerManager:
    """Endpoint of the scheduler topic."""

    target = messaging.Target(version=versions.rpc_version('scheduler'))

    def __init__(self, host=None, placement=None):
        self.host = host or CONF.host
        self.placement = placement or placement_client.PlacementClient()
        self.filters = filters.load(CONF.filter_scheduler.enabled_filters)

    def ping(self, context):
        return {'host': self.host}

    def select_destinations(self, context, request_spec, instance_uuids):
        try:
            return self._select(context, request_spec, instance_uuids)
        except exception.NoValidHost:
            raise messaging.ExpectedException()

    def _select(self, context, spec, instance_uuids):
        resources = utils.resources_from_request_spec(spec)
        wanted = utils.destination_of(spec)
        # A host asked for must not fall outside Placement's first page.
        query = utils.candidates_query(
            spec, None if wanted else CONF.scheduler.max_placement_results)
        requests, summaries = self.placement.get_allocation_candidates(query)
        if not requests:
            traits = (' with traits %s' % query['required']
                      if 'required' in query else '')
            raise exception.NoValidHost(
                reason='Placement returned 0 candidates for %s%s.'
                % (query['resources'], traits))
        by_node = collections.defaultdict(list)
        for request in requests:
            for rp_uuid in request['allocations']:
                by_node[rp_uuid].append(request)
        states = host_manager.get_host_states(context, list(summaries))
        for rp_uuid, state in states.items():
            state.set_summary(summaries[rp_uuid])
        candidates, unknown = len(summaries), len(summaries) - len(states)
        if wanted:
            states = self._at_destination(states, wanted, len(summaries))
            candidates, unknown = len(states), 0
        group = self._server_group(context, spec)
        if group is not None or self._needs_instances(spec):
            self._load_instances(context, states.values())
        if group is not None:
            self._set_group(group, states.values())
        passing, removed = self._filter(list(states.values()), spec)
        if not passing:
            raise exception.NoValidHost(reason=self._explain(
                candidates, removed, unknown))
        selections = []
        for index, uuid in enumerate(instance_uuids):
            if group is not None and index:
                # Each server of a group changes where the next may go.
                self._set_group(group, states.values())
                passing, removed = self._filter(list(states.values()), spec)
                if not passing:
                    self._undo_claims(instance_uuids, selections)
                    raise exception.NoValidHost(reason=self._explain(
                        candidates, removed, unknown))
            ordered = self._order(passing)
            chosen = None
            for state in ordered:
                request = by_node[state.uuid][0]
                if self.placement.claim_resources(
                        uuid, request, spec.project_id, spec.user_id):
                    chosen = self._selection(state, request)
                    state.consume(resources)
                    state.instance_uuids.add(uuid)
                    break
            if chosen is None:
                self._undo_claims(instance_uuids, selections)
                raise exception.NoValidHost(
                    reason='%d hosts passed the filters but their capacity '
                           'was taken by concurrent requests.' % len(ordered))
            others = [s for s in ordered
                      if s.uuid != chosen.compute_node_uuid
                      and s.cell_uuid == chosen.cell_uuid]
            alternates = [self._selection(s, by_node[s.uuid][0]) for s in
                          others[:CONF.scheduler.max_attempts - 1]]
            selections.append([chosen] + alternates)
        return selections

    def _undo_claims(self, instance_uuids, selections):
        for uuid, _hosts in zip(instance_uuids, selections):
            self.placement.delete_allocation_for_instance(uuid)

    @staticmethod
    def _server_group(context, spec):
        wanted = (spec.scheduler_hints or {}).get('group')
        if not wanted:
            return None
        try:
            return objects.InstanceGroup.get_by_uuid(context, wanted[0])
        except exception.InstanceGroupNotFound:
            raise exception.NoValidHost(reason='server group %s is gone'
                                        % wanted[0])

    @staticmethod
    def _set_group(group, states):
        members = set(group.members)
        hosts = set(group.hosts) | {s.host for s in states
                                    if members & s.instance_uuids}
        for state in states:
            state.server_group = group
            state.group_hosts = hosts

    @staticmethod
    def _needs_instances(spec):
        hints = spec.scheduler_hints or {}
        return bool(hints.get('same_host') or hints.get('different_host'))

    @staticmethod
    def _load_instances(context, states):
        by_host = collections.defaultdict(list)
        for state in states:
            by_host[state.cell_uuid].append(state)
        ctx = context.elevated()
        for cell_uuid, cell_states in by_host.items():
            cell = objects.CellMapping.get_by_uuid(ctx, cell_uuid)
            with nl_context.target_cell(ctx, cell) as cctx:
                uuids = instance_db.instance_uuids_by_host(
                    cctx, [s.host for s in cell_states])
            for state in cell_states:
                state.instance_uuids = uuids.get(state.host, set())

    @staticmethod
    def _at_destination(states, wanted, candidates):
        """The states on the (host, node) asked for.

        :raises: NoValidHost naming it when none is.
        """
        host, node = wanted
        found = {uuid: state for uuid, state in states.items()
                 if (host is None or state.host == host)
                 and (node is None or state.nodename == node)}
        if not found:
            raise exception.NoValidHost(reason=(
                'the requested destination %s is not among the %d '
                'candidates from Placement (unknown, or without room)'
                % (':'.join(part for part in (host, node) if part),
                   candidates)))
        return found

    def _filter(self, states, spec):
        removed = collections.Counter()
        passing = []
        if spec.force_hosts or spec.force_nodes:
            return states, removed  # forced by an admin: no filter applies
        for state in states:
            for host_filter in self.filters:
                reason = host_filter.host_passes(state, spec)
                if reason is not None:
                    removed[(type(host_filter).__name__, reason)] += 1
                    break
            else:
                passing.append(state)
        return passing, removed

    @staticmethod
    def _order(states):
        ordered = weighers.weigh(states)
        subset = min(CONF.filter_scheduler.host_subset_size, len(ordered))
        if subset > 1:
            first = random.choice(ordered[:subset])
            ordered.remove(first)
            ordered.insert(0, first)
        return ordered

    @staticmethod
    def _explain(candidates, removed, unknown):
        parts = ['%d removed by %s (%s)' % (n, name, reason)
                 for (name, reason), n in sorted(removed.items())]
        if unknown:
            parts.append('%d not known as compute nodes in any cell' % unknown)
        return '%d candidates from Placement: %s.' % (candidates,
                                                       ', '.join(parts))

    @staticmethod
    def _selection(state, request):
        return objects.Selection(
            compute_node_uuid=state.uuid, service_host=state.host,
            nodename=state.nodename, cell_uuid=state.cell_uuid,
            allocation_request=jsonutils.dumps(request),
            allocation_request_version='1.39')
