# SPDX-License-Identifier: Apache-2.0
"""Turning a RequestSpec into a Placement allocation-candidates query."""

import os_resource_classes as orc

_FLAVOR_RESOURCES = 'resources:'
_FLAVOR_TRAIT = 'trait:'


def resources_from_request_spec(spec):
    """{resource class: amount} the server needs, flavor extra specs applied.

    ``resources:VCPU=0`` in extra specs removes a class;
    ``resources:CUSTOM_X=1`` adds one.
    """
    flavor = spec.flavor
    disk = flavor.root_gb + flavor.ephemeral_gb + (flavor.swap + 1023) // 1024
    resources = {orc.VCPU: flavor.vcpus, orc.MEMORY_MB: flavor.memory_mb,
                 orc.DISK_GB: disk}
    for key, value in (flavor.extra_specs or {}).items():
        if key.startswith(_FLAVOR_RESOURCES):
            name = key[len(_FLAVOR_RESOURCES):]
            amount = int(value)
            if amount:
                resources[name] = amount
            else:
                resources.pop(name, None)
    return {rc: n for rc, n in resources.items() if n > 0}


def traits_from_request_spec(spec):
    """(required, forbidden) trait names from trait:X=required|forbidden."""
    required, forbidden = [], []
    for key, value in (spec.flavor.extra_specs or {}).items():
        if key.startswith(_FLAVOR_TRAIT):
            name = key[len(_FLAVOR_TRAIT):]
            if value == 'required':
                required.append(name)
            elif value == 'forbidden':
                forbidden.append(name)
    return sorted(required), sorted(forbidden)


def resources_text(resources):
    return ','.join('%s:%d' % (rc, n) for rc, n in sorted(resources.items()))


def destination_of(spec):
    """(host, node) an admin asked for (forced with az:host:node, or 2.74's
    host / hypervisor_hostname), either part None; None when no one did."""
    if spec.force_hosts or spec.force_nodes:
        return ((spec.force_hosts or [None])[0],
                (spec.force_nodes or [None])[0])
    wanted = spec.obj_attr_is_set('requested_destination') and \
        spec.requested_destination
    if wanted:
        return wanted.get('host'), wanted.get('node')
    return None


def candidates_query(spec, limit):
    """Query parameters of GET /allocation_candidates for spec (no limit
    when limit is None)."""
    resources = resources_from_request_spec(spec)
    query = {'resources': resources_text(resources)}
    if limit is not None:
        query['limit'] = str(limit)
    required, forbidden = traits_from_request_spec(spec)
    if required or forbidden:
        query['required'] = ','.join(required + ['!' + t for t in forbidden])
    return query
