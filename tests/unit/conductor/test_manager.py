# SPDX-License-Identifier: Apache-2.0
"""The conductor's object indirection, in-process via the RPC serializer."""

import oslo_messaging as messaging
from oslo_serialization import jsonutils
from oslo_versionedobjects import base as ovo_base
import pytest

from nova_like.compute import task_states
from nova_like.conductor import manager
from nova_like import exception
from nova_like import objects
from nova_like.objects import base
from nova_like import rpc


class LocalConductor(ovo_base.VersionedObjectIndirectionAPI):
    """What nova-like-compute's indirection API does, minus the broker.

    Arguments and answers cross as JSON through the same serializer the RPC
    layer uses; an ExpectedException is unwrapped as oslo.messaging does for
    the caller.
    """

    def __init__(self):
        self.manager = manager.ConductorManager(host='ctl')
        self.serializer = rpc.RequestContextSerializer()
        self.calls = []

    def _wire(self, context, value):
        text = jsonutils.dumps(self.serializer.serialize_entity(context,
                                                                value))
        return self.serializer.deserialize_entity(context,
                                                  jsonutils.loads(text))

    def _call(self, context, method, **kwargs):
        self.calls.append(method)
        ctx = self.serializer.deserialize_context(
            jsonutils.loads(jsonutils.dumps(
                self.serializer.serialize_context(context))))
        kwargs = {k: self._wire(context, v) for k, v in kwargs.items()}
        # The conductor process itself has no indirection API.
        base.NovaLikeObject.indirection_api = None
        try:
            result = getattr(self.manager, method)(ctx, **kwargs)
        except messaging.ExpectedException as exc:
            raise exc.exc_info[1]
        finally:
            base.NovaLikeObject.indirection_api = self
        return self._wire(context, result)

    def object_class_action_versions(self, context, objname, objmethod,
                                     object_versions, args, kwargs):
        return self._call(context, 'object_class_action_versions',
                          objname=objname, objmethod=objmethod,
                          object_versions=object_versions, args=args,
                          kwargs=kwargs)

    def object_action(self, context, objinst, objmethod, args, kwargs):
        return self._call(context, 'object_action', objinst=objinst,
                          objmethod=objmethod, args=args, kwargs=kwargs)

    def object_backport_versions(self, context, objinst, object_versions):
        return self._call(context, 'object_backport_versions',
                          objinst=objinst, object_versions=object_versions)


@pytest.fixture
def conductor(dbs):
    """Remotable methods of this test run through LocalConductor."""
    local = LocalConductor()
    base.NovaLikeObject.indirection_api = local
    yield local
    base.NovaLikeObject.indirection_api = None


def test_create_runs_in_the_conductor_and_updates_the_caller(
        conductor, admin_context):
    svc = objects.Service(admin_context, host='cmp1',
                          binary='nova-like-compute')
    svc.create()
    assert conductor.calls == ['object_action']
    assert svc.id is not None
    assert len(svc.uuid) == 36
    assert svc.obj_what_changed() == set()


def test_classmethods_run_in_the_conductor(conductor, admin_context):
    objects.Service(admin_context, host='cmp1',
                    binary='nova-like-compute').create()
    found = objects.Service.get_by_host_and_binary(admin_context, 'cmp1',
                                                   'nova-like-compute')
    assert conductor.calls[-1] == 'object_class_action_versions'
    assert isinstance(found, objects.Service)
    assert found.host == 'cmp1'
    listed = objects.ServiceList.get_all(admin_context)
    assert [s.host for s in listed] == ['cmp1']


def test_heartbeat_through_the_conductor(conductor, admin_context):
    svc = objects.Service(admin_context, host='cmp1',
                          binary='nova-like-compute')
    svc.create()
    svc.heartbeat()
    svc.heartbeat()
    assert svc.report_count == 2
    assert svc.last_seen_up is not None


def test_expected_errors_reach_the_caller_as_themselves(conductor,
                                                        admin_context):
    with pytest.raises(exception.HostBinaryNotFound):
        objects.Service.get_by_host_and_binary(admin_context, 'nowhere',
                                               'nova-like-compute')


def test_compare_and_swap_through_the_conductor(conductor, admin_context):
    inst = objects.Instance(admin_context,
                            uuid='0b1d2f3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f',
                            user_id='u', project_id='p',
                            task_state=task_states.DELETING)
    inst.create()
    inst.task_state = task_states.SPAWNING
    with pytest.raises(exception.UnexpectedDeletingTaskStateError):
        inst.save(expected_task_state=[None])


def test_compute_node_audit_through_the_conductor(conductor, admin_context):
    node = objects.ComputeNode(admin_context, host='cmp1',
                               hypervisor_hostname='cmp1',
                               hypervisor_type='fake', vcpus=4,
                               memory_mb=1024, local_gb=10)
    node.create()
    node.vcpus_used = 2
    node.save()
    found = objects.ComputeNode.get_by_host_and_nodename(admin_context,
                                                         'cmp1', 'cmp1')
    assert (found.id, found.vcpus_used) == (node.id, 2)


def test_object_backport_versions(dbs, admin_context):
    svc = objects.Service(admin_context, host='cmp1',
                          binary='nova-like-compute')
    svc.create()
    primitive = manager.ConductorManager(host='ctl').object_backport_versions(
        admin_context, svc, {'Service': '1.0'})
    assert primitive['nova_like_object.version'] == '1.0'
    assert primitive['nova_like_object.data']['host'] == 'cmp1'


def test_unexpected_errors_are_not_wrapped(dbs, admin_context):
    with pytest.raises(TypeError):
        manager.ConductorManager(host='ctl').object_class_action_versions(
            admin_context, 'Service', 'get_by_host_and_binary',
            {'Service': '1.0'}, ('only-one-argument',), {})


def test_ping_without_further_hops(admin_context):
    assert manager.ConductorManager(host='ctl').ping(admin_context) == {
        'conductor': 'ctl'}


def _instance_with_flavor(context):
    inst = objects.Instance(context,
                            uuid='5d6e7f80-1a2b-4c3d-9e8f-0a1b2c3d4e5f',
                            user_id='u', project_id='p', host='cmp1',
                            metadata={'a': '1'})
    inst.flavor = objects.Flavor(name='m1.tiny', extra_specs={})
    inst.obj_reset_changes(recursive=True)
    return inst


@pytest.mark.parametrize('change, sent', [
    (lambda inst: None, set()),
    (lambda inst: setattr(inst, 'host', 'cmp1'), set()),  # same value
    (lambda inst: setattr(inst, 'host', 'cmp2'), {'host'}),
    (lambda inst: inst.metadata.update(b='2'), {'metadata'}),  # in place
    (lambda inst: setattr(inst.flavor, 'name', 'm1.big'), {'flavor'}),
    (lambda inst: setattr(inst, 'flavor', objects.Flavor(name='x')),
     {'flavor'}),
])
def test_object_action_answers_with_what_the_method_changed(
        admin_context, monkeypatch, change, sent):
    monkeypatch.setattr(objects.Instance, 'tweak', change, raising=False)
    inst = _instance_with_flavor(admin_context)
    updates, _result = manager.ConductorManager(host='ctl').object_action(
        admin_context, inst, 'tweak', (), {})
    assert set(updates) - {'obj_what_changed'} == sent
