# SPDX-License-Identifier: Apache-2.0
"""Role x action x own/other project.

Members never see another project's server, readers change nothing,
admin-only stays admin-only.
"""

import pytest

from tests.functional.api import conftest
from tests.functional.api import fakes

ACTORS = {
    'admin': 'admin:admin-proj',          # admin, member, reader
    'member': 'alice:proj-a',             # member, reader of the owner
    'reader': 'rita:proj-a:reader',       # reader of the owner
    'other': 'bob:proj-b',                # member of another project
}
MISSING = '00000000-0000-4000-8000-000000000000'
FLAVOR = {'flavor': {'name': 'f-%s', 'ram': 64, 'vcpus': 1, 'disk': 1}}

# (method, path, body) -> expected status for admin, member, reader, other.
MATRIX = [
    (('GET', '/v2.1/servers/{id}', None), (200, 200, 200, 404)),
    (('PUT', '/v2.1/servers/{id}', {'server': {'name': 'renamed'}}),
     (200, 200, 403, 404)),
    (('DELETE', '/v2.1/servers/{id}', None), (None, None, 403, 404)),
    (('POST', '/v2.1/servers', {'server': {
        'name': 'n', 'flavorRef': '1', 'imageRef': fakes.IMAGE_ID,
        'networks': 'none'}}), (202, 202, 403, 202)),
    (('GET', '/v2.1/os-quota-sets/proj-a', None), (200, 200, 200, 403)),
    (('GET', '/v2.1/os-quota-sets/proj-a/detail', None),
     (200, 200, 200, 403)),
    (('PUT', '/v2.1/os-quota-sets/proj-a', {'quota_set': {'instances': 20}}),
     (200, 403, 403, 403)),
    (('DELETE', '/v2.1/os-quota-sets/proj-a', None), (202, 403, 403, 403)),
    (('GET', '/v2.1/os-quota-sets/proj-a/defaults', None),
     (200, 200, 200, 200)),
    (('GET', '/v2.1/limits', None), (200, 200, 200, 200)),
    (('GET', '/v2.1/limits?tenant_id=proj-a', None), (200, 200, 200, 403)),
    (('POST', '/v2.1/flavors', FLAVOR), (200, 403, 403, 403)),
    (('DELETE', '/v2.1/flavors/1', None), (None, 403, 403, 403)),
    (('POST', '/v2.1/flavors/1/os-extra_specs',
      {'extra_specs': {'hw:cpu_policy': 'shared'}}), (200, 403, 403, 403)),
    (('GET', '/v2.1/servers?all_tenants=1&host=x', None),
     (200, 403, 403, 403)),
    (('GET', '/v2.1/servers/{id}/ips', None), (200, 200, 200, 404)),
    (('GET', '/v2.1/servers/{id}/os-interface', None),
     (200, 200, 200, 404)),
    # No network to pick: past policy, the network service says which.
    (('POST', '/v2.1/servers/{id}/os-interface', {}),
     (400, 400, 403, 404)),
    # Allowed detaches are in test_server_networking.
    (('DELETE', '/v2.1/servers/{id}/os-interface/' + MISSING, None),
     (None, None, 403, 404)),
    (('GET', '/v2.1/servers/{id}/os-volume_attachments', None),
     (200, 200, 200, 404)),
    # Allowed shows, attaches, updates and detaches are in
    # test_volume_attachments.
    (('GET', '/v2.1/servers/{id}/os-volume_attachments/' + MISSING, None),
     (None, None, None, 404)),
    (('POST', '/v2.1/servers/{id}/os-volume_attachments',
      {'volumeAttachment': {'volumeId': MISSING}}), (None, None, 403, 404)),
    (('PUT', '/v2.1/servers/{id}/os-volume_attachments/' + MISSING,
      {'volumeAttachment': {'volumeId': MISSING}}), (None, None, 403, 404)),
    (('DELETE', '/v2.1/servers/{id}/os-volume_attachments/' + MISSING,
      None), (None, None, 403, 404)),
    (('GET', '/v2.1/servers/{id}/os-security-groups', None),
     (200, 200, 200, 404)),
    # Past policy, the body is checked: it names no group.
    (('POST', '/v2.1/servers/{id}/action', {'addSecurityGroup': {}}),
     (400, 400, 403, 404)),
]


@pytest.fixture
def server_id(cloud):
    response = cloud.alice.post('/v2.1/servers', {'server': {
        'name': 'owned', 'flavorRef': '1', 'imageRef': fakes.IMAGE_ID,
        'networks': 'none'}})
    assert response.status_int == 202
    cloud.conductor.wait()
    return response.json['server']['id']


@pytest.mark.parametrize('request_, expected', MATRIX,
                         ids=['%s %s' % (r[0], r[1]) for r, _ in MATRIX])
def test_matrix(cloud, server_id, request_, expected):
    """Each actor in turn; None marks a destructive success that
    test_member_and_admin_delete covers instead."""
    method, path, body = request_
    path = path.format(id=server_id)
    for actor, want in zip(ACTORS, expected):
        if want is None:
            continue
        if body and 'flavor' in body:
            body = {'flavor': dict(body['flavor'], name='f-%s' % actor)}
        before = conftest.api_rows(cloud.ctx)
        response = cloud.alice.request(method, path, body,
                                       token=ACTORS[actor])
        assert response.status_int == want, (actor, response.body)
        if want == 404:
            # Exactly what a server that does not exist gets.
            missing = cloud.alice.request(
                method, path.replace(server_id, MISSING), body,
                token=ACTORS[actor])
            assert response.text == missing.text.replace(MISSING, server_id)
        if want in (403, 404) and method != 'GET':
            assert conftest.api_rows(cloud.ctx) == before, actor
        if want == 202 and method == 'POST':
            cloud.conductor.wait()


def test_other_projects_never_list_the_server(cloud, server_id):
    for actor in ('other',):
        for path in ('/v2.1/servers', '/v2.1/servers/detail'):
            listed = cloud.alice.get(path, token=ACTORS[actor])
            assert listed.status_int == 200
            assert server_id not in listed.text
    for actor in ('member', 'reader', 'admin'):
        listed = cloud.alice.get('/v2.1/servers/detail?all_tenants=1'
                                 if actor == 'admin' else
                                 '/v2.1/servers/detail', token=ACTORS[actor])
        assert server_id in listed.text


def test_member_and_admin_delete(cloud, server_id):
    response = cloud.alice.delete('/v2.1/servers/' + server_id,
                                  token=ACTORS['member'])
    assert response.status_int == 204
    cloud.compute.wait()
    flavor = cloud.admin.delete('/v2.1/flavors/2')
    assert flavor.status_int == 202


def test_policy_file_overrides_a_default(cloud, server_id, tmp_path):
    from nova_like.api import policies
    from nova_like import conf
    policy_file = tmp_path / 'policy.yaml'
    policy_file.write_text('"os_compute_api:servers:show": "role:admin"\n')
    conf.CONF.set_override('policy_file', str(policy_file),
                           group='oslo_policy')
    policies.reset()
    try:
        assert cloud.alice.get('/v2.1/servers/' + server_id).status_int \
            == 404
        assert cloud.admin.get('/v2.1/servers/' + server_id).status_int \
            == 200
    finally:
        conf.CONF.clear_override('policy_file', group='oslo_policy')
        policies.reset()
