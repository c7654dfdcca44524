# SPDX-License-Identifier: Apache-2.0
"""VolumeClient against the Block Storage stand-in on loopback.

URLs under the caller's project, the 3.44 header, the caller's token,
Cinder's errors as nova_like exceptions.
"""

import types

from keystoneauth1 import adapter as ks_adapter
from keystoneauth1 import token_endpoint
from keystoneauth1 import session as ks_session
import pytest

from nova_like.clients import volume as volume_client
from nova_like import exception
from tests import fake_volume

CTX = types.SimpleNamespace(project_id='proj-a', auth_token='alice:proj-a')


@pytest.fixture
def standin(tmp_path):
    running = fake_volume.VolumeStandIn(tmp_path)
    yield running
    running.stop()


def _client(endpoint):
    return volume_client.VolumeClient(ks_adapter.Adapter(
        ks_session.Session(), endpoint_override=endpoint))


@pytest.mark.parametrize('endpoint', [
    'http://127.0.0.1:8776/v3/%(project_id)s',
    'http://127.0.0.1:8776/v3/0123456789abcdef',  # the service's project
    'http://127.0.0.1:8776/v3',
    'http://127.0.0.1:8776',
])
def test_urls_name_the_callers_project(endpoint):
    assert _client(endpoint)._url(CTX, 'volumes/x') == \
        'http://127.0.0.1:8776/v3/proj-a/volumes/x'


def test_attach_cycle_requests_as_cinder_documents(standin):
    client = _client(standin.url)
    volume_id = standin.create_volume('proj-a')
    assert client.get(CTX, volume_id)['status'] == 'available'
    attachment = client.attachment_create(CTX, volume_id, 'server-1')
    assert attachment['status'] == 'reserved'
    updated = client.attachment_update(CTX, attachment['id'],
                                       {'host': 'cmp1'}, '/dev/vdb')
    assert updated['connection_info']['driver_volume_type'] == 'local'
    client.attachment_complete(CTX, attachment['id'])
    assert standin.volumes[volume_id]['status'] == 'in-use'
    client.attachment_delete(CTX, attachment['id'])
    assert standin.volumes[volume_id]['status'] == 'available'
    client.delete(CTX, volume_id)
    assert volume_id not in standin.volumes
    assert [r['body'] for r in standin.requests[1:4]] == [
        {'attachment': {'volume_uuid': volume_id,
                        'instance_uuid': 'server-1'}},
        {'attachment': {'connector': {'host': 'cmp1',
                                      'mountpoint': '/dev/vdb'}}},
        {'os-complete': None}]
    assert {(r['version'], r['token']) for r in standin.requests} == {
        ('volume 3.44', 'alice:proj-a')}


def test_cinder_errors_become_nova_like_exceptions(standin):
    client = _client(standin.url)
    with pytest.raises(exception.VolumeNotFound):
        client.get(CTX, 'missing')
    other = standin.create_volume('proj-b')
    with pytest.raises(exception.VolumeNotFound):
        client.attachment_create(CTX, other, 'server-1')
    with pytest.raises(exception.VolumeAttachmentNotFound):
        client.attachment_delete(CTX, 'missing')
    volume_id = standin.create_volume('proj-a')
    client.attachment_create(CTX, volume_id, 'server-1')
    with pytest.raises(exception.InvalidVolume) as info:
        client.attachment_create(CTX, volume_id, 'server-2')
    assert 'current status is reserved' in info.value.message
    assert info.value.code == 400
    standin.fail[('GET', 'volumes/')] = (500, 'database gone')
    with pytest.raises(exception.VolumeServiceUnavailable) as info:
        client.get(CTX, volume_id)
    assert 'answered 500: database gone' in info.value.message
    assert info.value.code == 503


def test_a_silent_volume_service_is_unavailable():
    client = _client('http://127.0.0.1:9/v3/%(project_id)s')
    with pytest.raises(exception.VolumeServiceUnavailable) as info:
        client.get(CTX, 'x')
    assert 'GET volumes/x' in info.value.message


def test_a_service_user_adds_its_token_to_the_callers(standin):
    """As Nova: the user's token, and the service's as X-Service-Token;
    the endpoint (naming the service's project) from the service's auth."""
    endpoint = standin.url.replace('%(project_id)s', 'service-project')
    client = volume_client.VolumeClient(ks_adapter.Adapter(
        ks_session.Session(), auth=token_endpoint.Token(
            endpoint, 'nova-service-token')))
    volume_id = standin.create_volume('proj-a')
    client.get(CTX, volume_id)
    client.get(types.SimpleNamespace(project_id='proj-a', auth_token=None),
               volume_id)
    assert [(r['path'].split('/')[2], r['token'], r['service_token'])
            for r in standin.requests] == [
        ('proj-a', 'alice:proj-a', 'nova-service-token'),
        ('proj-a', 'nova-service-token', None)]
