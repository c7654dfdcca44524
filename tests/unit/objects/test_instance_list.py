# SPDX-License-Identifier: Apache-2.0
"""InstanceList's reads for operators against a real SQLite cell database.

Instances by host, instances in a time window.
"""

import datetime

from nova_like.compute import vm_states
from nova_like import objects


def _instance(ctx, uuid, host=None, project_id='proj', **kwargs):
    inst = objects.Instance(ctx, uuid=uuid, user_id='alice',
                            project_id=project_id, host=host,
                            display_name='vm-%s' % uuid[-1],
                            vm_state=vm_states.ACTIVE, **kwargs)
    inst.create()
    return inst


def _uuid(n):
    return 'c0ffee00-0000-4000-8000-%012d' % n


def test_get_by_hosts_reads_uuid_host_and_name_of_live_instances(
        dbs, admin_context):
    _instance(admin_context, _uuid(1), host='h1')
    _instance(admin_context, _uuid(2), host='h2')
    _instance(admin_context, _uuid(3), host='h1')
    _instance(admin_context, _uuid(4), host='h3')
    _instance(admin_context, _uuid(5), host='h1').destroy()
    found = objects.InstanceList.get_by_hosts(admin_context, {'h1', 'h2'})
    assert [(i.uuid, i.host, i.display_name) for i in found] == [
        (_uuid(1), 'h1', 'vm-1'), (_uuid(2), 'h2', 'vm-2'),
        (_uuid(3), 'h1', 'vm-3')]
    # Nothing else is read.
    assert not found[0].obj_attr_is_set('project_id')
    assert objects.InstanceList.get_by_hosts(admin_context, ['h9']) \
        .objects == []


def test_get_active_by_window(dbs, admin_context):
    def at(day):
        return datetime.datetime(2020, 3, day, tzinfo=datetime.timezone.utc)

    def naive(day):
        return datetime.datetime(2020, 3, day)

    _instance(admin_context, _uuid(1), created_at=at(1), launched_at=at(1))
    ended = _instance(admin_context, _uuid(2), created_at=at(2),
                      launched_at=at(2), terminated_at=at(4))
    _instance(admin_context, _uuid(3), created_at=at(2), launched_at=at(2),
              terminated_at=at(3))
    _instance(admin_context, _uuid(4), created_at=at(9))
    _instance(admin_context, _uuid(5), project_id='other', created_at=at(1))
    ended.destroy()  # terminated_at becomes now: after the window
    found = objects.InstanceList.get_active_by_window(
        admin_context, naive(3), naive(8), project_id='proj')
    assert [i.uuid for i in found] == [_uuid(1), _uuid(2)]
    assert [i.deleted for i in found] == [False, True]
    assert found[0].launched_at == at(1)
    everyone = objects.InstanceList.get_active_by_window(
        admin_context, naive(3), naive(8))
    assert [i.uuid for i in everyone] == [_uuid(1), _uuid(5), _uuid(2)]
