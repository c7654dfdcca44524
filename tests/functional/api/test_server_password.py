# SPDX-License-Identifier: Apache-2.0
"""os-server-password: show what the guest posted, clear it."""

from nova_like import context as nl_context
from nova_like import objects


def test_show_and_clear(cloud):
    uuid = cloud.boot(cloud.alice).json['server']['id']
    path = '/v2.1/servers/%s/os-server-password' % uuid
    assert cloud.alice.get(path).json == {'password': ''}
    with nl_context.target_cell(cloud.ctx, cloud.cells['cell1']) as cctx:
        instance = objects.Instance.get_by_uuid(cctx, uuid)
        instance.system_metadata = dict(instance.system_metadata,
                                        password_0='a' * 255,
                                        password_1='b')
        instance.save()
    assert cloud.alice.get(path).json == {'password': 'a' * 255 + 'b'}
    assert cloud.bob.get(path).status_int == 404
    assert cloud.bob.delete(path).status_int == 404
    rita = cloud.alice.get(path, token='rita:proj-a:reader')
    assert rita.status_int == 200
    assert cloud.alice.delete(path, token='rita:proj-a:reader'
                              ).status_int == 403
    cleared = cloud.alice.delete(path)
    assert cleared.status_int == 204, cleared.body
    assert cloud.alice.get(path).json == {'password': ''}
    assert cloud.alice.delete(path).status_int == 204
    missing = '/v2.1/servers/%s/os-server-password' % (
        '00000000-0000-4000-8000-000000000000')
    assert cloud.admin.get(missing).status_int == 404
