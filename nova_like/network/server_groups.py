# SPDX-License-Identifier: Apache-2.0
"""Servers' security groups and the networks a project may use.

As the compute API asks for them (its os-security-groups and os-networks
views).

Meant for network RPC 1.1 (compute/api/network_rpc.py's PendingNetworkAPI
sends them); the manager serves them once the version table says 1.1.
"""

import sqlalchemy as sa

from nova_like import exception
from nova_like.network import allocation
from nova_like.network.db import models
from nova_like.network.objects import network as network_obj
from nova_like.network.objects import port as port_obj
from nova_like.network.objects import security_group as sg_obj


def _ports(session, instance_uuid):
    rows = allocation.instance_ports(session, instance_uuid)
    if not rows:
        raise exception.PortNotFound(port_id='(any of instance %s)'
                                     % instance_uuid)
    return rows


def groups_of_instance(session, instance_uuid):
    """Networking views of the groups on the instance's ports, each once,
    in the order first seen."""
    ids = []
    rows = allocation.instance_ports(session, instance_uuid)
    bound = port_obj.groups_of(session, [row.id for row in rows])
    for row in rows:
        for group_id in sorted(bound[row.id]):
            if group_id not in ids:
                ids.append(group_id)
    if not ids:
        return []
    groups = {g.id: g for g in session.execute(sa.select(
        models.SecurityGroup).where(
        models.SecurityGroup.id.in_(ids))).scalars()}
    rules = sg_obj._rules_of(session, ids)
    return [sg_obj.to_dict(groups[i], rules[i]) for i in ids if i in groups]


def add(session, ctx, instance_uuid, name):
    [group_id] = allocation.resolve_groups(session, ctx, [name])
    for row in _ports(session, instance_uuid):
        if group_id not in port_obj.groups_of(session, [row.id])[row.id]:
            session.add(models.PortSecurityGroup(
                port_id=row.id, security_group_id=group_id))
            row.revision_number += 1


def remove(session, ctx, instance_uuid, name):
    [group_id] = allocation.resolve_groups(session, ctx, [name])
    table = models.PortSecurityGroup
    port_ids = [row.id for row in _ports(session, instance_uuid)]
    gone = session.execute(sa.delete(table).where(
        table.port_id.in_(port_ids),
        table.security_group_id == group_id)).rowcount
    if not gone:
        raise exception.SecurityGroupNotFound(id=name)


def networks(ctx):
    """The networks ctx's project may use: own and shared (all for an
    admin), provider attributes for an admin only."""
    found = [view for view in network_obj.list_all(ctx)
             if ctx.admin or view['shared'] or
             view['project_id'] == ctx.project_id]
    return [_shown(ctx, view) for view in found]


def network(ctx, network_id):
    return _shown(ctx, network_obj.get(ctx, network_id))


def _shown(ctx, view):
    if not ctx.admin:
        for key in list(view):
            if key.startswith('provider:'):
                del view[key]
    return view
