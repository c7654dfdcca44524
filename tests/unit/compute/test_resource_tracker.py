# SPDX-License-Identifier: Apache-2.0
"""ResourceTracker keeps ComputeNode rows in step with the fake driver.

On real SQLite.
"""

from nova_like.compute import resource_tracker
from nova_like import objects
from nova_like.virt import fake


def _tracker(host='cmp1'):
    fake_driver = fake.FakeDriver()
    fake_driver.init_host(host)
    return resource_tracker.ResourceTracker(host, fake_driver)


def _nodes(ctx):
    return list(objects.ComputeNodeList.get_all(ctx))


def test_first_audit_creates_the_node(dbs, admin_context):
    tracker = _tracker()
    tracker.update_available_resource(admin_context)
    [node] = _nodes(admin_context)
    assert (node.host, node.hypervisor_hostname, node.hypervisor_type,
            node.hypervisor_version) == ('cmp1', 'cmp1', 'fake', 1000)
    assert (node.vcpus, node.memory_mb, node.local_gb) == (16, 32768, 1024)
    assert (node.vcpus_used, node.running_vms, node.mapped) == (0, 0, 0)
    assert tracker.compute_nodes['cmp1'].uuid == node.uuid


def test_later_audits_do_not_create_again_or_write_without_change(
        dbs, admin_context):
    tracker = _tracker()
    tracker.update_available_resource(admin_context)
    tracker.update_available_resource(admin_context)
    tracker.update_available_resource(admin_context)
    [node] = _nodes(admin_context)
    assert node.updated_at is None


def test_a_change_is_written(dbs, admin_context, conf):
    tracker = _tracker()
    tracker.update_available_resource(admin_context)
    conf.set_override('vcpus', 32, group='fake_driver')
    conf.set_override('memory_mb', 65536, group='fake_driver')
    tracker.update_available_resource(admin_context)
    [node] = _nodes(admin_context)
    assert (node.vcpus, node.memory_mb, node.local_gb) == (32, 65536, 1024)
    assert node.updated_at is not None


def test_a_restarted_tracker_finds_its_node(dbs, admin_context, conf):
    _tracker().update_available_resource(admin_context)
    first = _nodes(admin_context)[0]
    conf.set_override('disk_gb', 10, group='fake_driver')
    restarted = _tracker()
    restarted.update_available_resource(admin_context)
    [node] = _nodes(admin_context)
    assert (node.id, node.uuid, node.local_gb) == (first.id, first.uuid, 10)


def test_each_host_gets_its_own_node(dbs, admin_context):
    _tracker('cmp1').update_available_resource(admin_context)
    _tracker('cmp2').update_available_resource(admin_context)
    assert sorted(n.host for n in _nodes(admin_context)) == ['cmp1', 'cmp2']


def test_an_audit_does_not_undo_discover_hosts(dbs, admin_context, conf):
    tracker = _tracker()
    tracker.update_available_resource(admin_context)
    # nova-like-manage cell_v2 discover_hosts marks the node mapped while
    # the compute daemon keeps its own copy of the node.
    [node] = _nodes(admin_context)
    node.mapped = 1
    node.save()
    conf.set_override('vcpus', 8, group='fake_driver')
    tracker.update_available_resource(admin_context)
    [node] = _nodes(admin_context)
    assert (node.mapped, node.vcpus) == (1, 8)


def test_host_ip_is_my_ip_and_follows_it(dbs, admin_context, conf):
    conf.set_override('my_ip', '192.0.2.7')
    _tracker().update_available_resource(admin_context)
    assert _nodes(admin_context)[0].host_ip == '192.0.2.7'
    conf.set_override('my_ip', '192.0.2.8')
    _tracker().update_available_resource(admin_context)
    assert _nodes(admin_context)[0].host_ip == '192.0.2.8'
