# SPDX-License-Identifier: Apache-2.0
"""ComputeNode and ComputeNodeList against a real SQLite cell database."""

import pytest

from nova_like import exception
from nova_like import objects


def _node(ctx, host='host1', nodename=None, **kwargs):
    values = dict(host=host, hypervisor_hostname=nodename or host,
                  hypervisor_type='fake', vcpus=8, memory_mb=16384,
                  local_gb=100)
    values.update(kwargs)
    node = objects.ComputeNode(ctx, **values)
    node.create()
    return node


def test_create_generates_uuid_and_defaults(dbs, admin_context):
    node = _node(admin_context)
    assert node.id is not None
    assert len(node.uuid) == 36
    assert (node.vcpus_used, node.memory_mb_used, node.local_gb_used,
            node.running_vms, node.mapped) == (0, 0, 0, 0, 0)
    assert node.cpu_info == '{}'
    assert node.obj_what_changed() == set()


def test_create_keeps_a_given_uuid(dbs, admin_context):
    uuid = '5b0b2b5e-8f0e-4a39-9d55-5d0e6b8b4a11'
    assert _node(admin_context, uuid=uuid).uuid == uuid


def test_create_twice_is_refused(dbs, admin_context):
    node = _node(admin_context)
    with pytest.raises(exception.ObjectActionError):
        node.create()


def test_same_host_and_nodename_is_a_duplicate(dbs, admin_context):
    _node(admin_context)
    with pytest.raises(exception.DuplicateEntry) as info:
        _node(admin_context)
    assert 'host1' in info.value.message


def test_get_by_host_and_nodename(dbs, admin_context):
    created = _node(admin_context, nodename='node-a')
    _node(admin_context, nodename='node-b')
    found = objects.ComputeNode.get_by_host_and_nodename(
        admin_context, 'host1', 'node-a')
    assert (found.id, found.uuid, found.vcpus) == (created.id, created.uuid,
                                                   8)
    with pytest.raises(exception.ComputeNodeNotFound) as info:
        objects.ComputeNode.get_by_host_and_nodename(admin_context, 'host2',
                                                     'node-a')
    assert 'node-a' in info.value.message


def test_save_updates_changed_fields(dbs, admin_context):
    node = _node(admin_context)
    node.vcpus_used = 3
    node.cpu_allocation_ratio = 4.0
    node.save()
    again = objects.ComputeNode.get_by_host_and_nodename(
        admin_context, 'host1', 'host1')
    assert (again.vcpus_used, again.cpu_allocation_ratio) == (3, 4.0)
    assert again.updated_at is not None


def test_save_without_changes_does_not_touch_the_row(dbs, admin_context):
    node = _node(admin_context)
    node.save()
    again = objects.ComputeNode.get_by_host_and_nodename(
        admin_context, 'host1', 'host1')
    assert again.updated_at is None


def test_lists_all_by_host_and_unmapped(dbs, admin_context):
    _node(admin_context, host='host1', nodename='a')
    mapped = _node(admin_context, host='host1', nodename='b')
    _node(admin_context, host='host2', nodename='c')
    mapped.mapped = 1
    mapped.save()
    everything = objects.ComputeNodeList.get_all(admin_context)
    assert [n.hypervisor_hostname for n in everything] == ['a', 'b', 'c']
    on_host1 = objects.ComputeNodeList.get_all_by_host(admin_context,
                                                       'host1')
    assert [n.hypervisor_hostname for n in on_host1] == ['a', 'b']
    unmapped = objects.ComputeNodeList.get_unmapped(admin_context)
    assert [n.hypervisor_hostname for n in unmapped] == ['a', 'c']


def test_destroy_by_host_soft_deletes_that_hosts_nodes(dbs, admin_context):
    a = _node(admin_context, host='host1', nodename='a')
    b = _node(admin_context, host='host1', nodename='b')
    _node(admin_context, host='host2', nodename='c')
    assert sorted(objects.ComputeNodeList.destroy_by_host(
        admin_context, 'host1')) == sorted([a.uuid, b.uuid])
    assert [n.hypervisor_hostname for n in objects.ComputeNodeList.get_all(
        admin_context)] == ['c']
    assert objects.ComputeNodeList.destroy_by_host(admin_context,
                                                   'host1') == []
    # Soft-deleted: the same host and node name can come back.
    _node(admin_context, host='host1', nodename='a')
