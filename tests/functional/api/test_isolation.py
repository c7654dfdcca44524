# SPDX-License-Identifier: Apache-2.0
"""Another project's resources are indistinguishable from none.

Alice (proj-a) owns a server group and a server; Bob (proj-b) can neither
write into them nor learn that they exist.
"""

import pytest

from tests import factories

UNKNOWN = '6f0c7a3e-1b2d-4c5e-8f90-a1b2c3d4e5f6'


@pytest.fixture
def alices_group(cloud):
    response = cloud.alice.post('/v2.1/os-server-groups', {'server_group': {
        'name': 'g', 'policy': 'anti-affinity'}})
    assert response.status_int == 200
    return response.json['server_group']['id']


def test_a_hint_naming_another_projects_group_is_400(cloud, alices_group):
    refused = factories.boot(cloud.bob, hints={'group': alices_group},
                             expect=400)
    unknown = factories.boot(cloud.bob, hints={'group': UNKNOWN},
                             expect=400)
    assert refused.json['badRequest']['message'] == \
        unknown.json['badRequest']['message'].replace(UNKNOWN, alices_group)
    group = cloud.alice.get('/v2.1/os-server-groups/' + alices_group).json
    assert group['server_group']['members'] == []
    assert cloud.bob.get('/v2.1/servers').json['servers'] == []


@pytest.mark.parametrize('method', ['get', 'delete'])
def test_another_projects_group_is_404_as_an_unknown_one(cloud, alices_group,
                                                         method):
    theirs = getattr(cloud.bob, method)('/v2.1/os-server-groups/' +
                                        alices_group)
    none = getattr(cloud.bob, method)('/v2.1/os-server-groups/' + UNKNOWN)
    assert (theirs.status_int, none.status_int) == (404, 404)
    assert cloud.alice.get('/v2.1/os-server-groups/' +
                           alices_group).status_int == 200
    assert cloud.admin.get('/v2.1/os-server-groups/' +
                           alices_group).status_int == 200


def test_a_marker_of_another_projects_server_is_400_as_an_unknown_one(
        cloud):
    server_id = cloud.boot(cloud.alice).json['server']['id']
    theirs = cloud.bob.get('/v2.1/servers?marker=' + server_id)
    none = cloud.bob.get('/v2.1/servers?marker=' + UNKNOWN)
    assert (theirs.status_int, none.status_int) == (400, 400)
    assert theirs.json['badRequest']['message'] == \
        none.json['badRequest']['message'].replace(UNKNOWN, server_id)
    assert cloud.alice.get('/v2.1/servers?marker=' +
                           server_id).status_int == 200
    assert cloud.admin.get('/v2.1/servers?all_tenants=1&marker=' +
                           server_id).status_int == 200
