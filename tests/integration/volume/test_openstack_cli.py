# SPDX-License-Identifier: Apache-2.0
"""The unmodified openstack CLI against the real nova-like-volume daemon.

Through Keystone's catalog (block-storage): volume create, list, show,
set --size, delete, volume snapshot create/list/delete, volume type list,
and a volume from a Glance image.
"""

import pytest
import requests

from tests.integration import cloud as cloud_mod
from tests.integration.openstack_fixtures import osc
from tools import openstack_services

pytestmark = pytest.mark.integration


def _demo(keystone, *args, **kw):
    return osc(keystone, 'demo', openstack_services.DEMO_PASSWORD, 'demo',
               *args, **kw)


def _wait(keystone, name, status, size=None):
    def reached():
        shown = _demo(keystone, 'volume', 'show', name)
        return shown if shown['status'] == status and (
            size is None or shown['size'] == size) else None
    return cloud_mod.wait_for(reached, 30, '%s to be %s' % (name, status))


def test_cli_volume_walkthrough(volume_daemon, keystone, glance):
    # glance: the catalog lists an image service, which the CLI asks.
    created = _demo(keystone, 'volume', 'create', '--size', '1', 'v1')
    assert created['size'] == 1 and created['name'] == 'v1'
    shown = _wait(keystone, 'v1', 'available')
    assert shown['type'] == '__DEFAULT__'
    assert shown['bootable'] is False  # the SDK parses Cinder's 'false'
    listed = _demo(keystone, 'volume', 'list')
    assert [(v['Name'], v['Status'], v['Size']) for v in listed] == [
        ('v1', 'available', 1)]
    _demo(keystone, 'volume', 'set', '--size', '2', 'v1',
          json_output=False)
    _wait(keystone, 'v1', 'available', size=2)
    snapshot = _demo(keystone, 'volume', 'snapshot', 'create', '--volume',
                     'v1', 's1')
    assert snapshot['volume_id'] == shown['id']
    cloud_mod.wait_for(lambda: _demo(keystone, 'volume', 'snapshot', 'show',
                                     's1')['status'] == 'available', 30,
                       's1 to be available')
    assert [s['Name'] for s in _demo(keystone, 'volume', 'snapshot',
                                     'list')] == ['s1']
    _demo(keystone, 'volume', 'snapshot', 'delete', 's1',
          json_output=False)
    cloud_mod.wait_for(lambda: _demo(keystone, 'volume', 'snapshot',
                                     'list') == [], 30, 's1 to be gone')
    types = _demo(keystone, 'volume', 'type', 'list')
    assert [t['Name'] for t in types] == ['__DEFAULT__']
    _demo(keystone, 'volume', 'delete', 'v1', json_output=False)
    cloud_mod.wait_for(lambda: _demo(keystone, 'volume', 'list') == [], 30,
                       'v1 to be gone')


def test_cli_volume_from_image(volume_daemon, keystone, glance, tmp_path):
    image = openstack_services.write_tiny_image(tmp_path / 'tiny.raw')
    glance.create_image('vol-tiny', str(image), session=keystone.session())
    created = _demo(keystone, 'volume', 'create', '--image', 'vol-tiny',
                    '--size', '1', 'from-image')
    assert created['name'] == 'from-image'
    shown = _wait(keystone, 'from-image', 'available')
    assert shown['bootable'] is True
    assert shown['volume_image_metadata']['image_name'] == 'vol-tiny'
    path = volume_daemon.volumes_dir / ('volume-' + shown['id'])
    with open(path, 'rb') as f:
        assert f.read(24) == b'nova_like tiny raw image'
    _demo(keystone, 'volume', 'delete', 'from-image', json_output=False)
    cloud_mod.wait_for(lambda: not path.exists(), 30, 'the file to go')


def test_cli_volume_attachment_list_show_delete(volume_daemon, keystone):
    """What docs/volumes.md gives to debug a stuck attachment."""
    v = ('--os-volume-api-version', '3.44')
    session = keystone.session('demo', project='demo')

    def api(method, path, body=None):
        return requests.request(
            method, '%s/v3/%s%s' % (volume_daemon.url,
                                    session.get_project_id(), path),
            json=body, timeout=30, headers={
                'X-Auth-Token': session.get_token(),
                'OpenStack-API-Version': 'volume 3.44'})

    volume_id = api('POST', '/volumes', {'volume': {'size': 1}}).json()[
        'volume']['id']
    cloud_mod.wait_for(lambda: api('GET', '/volumes/%s' % volume_id).json()[
        'volume']['status'] == 'available', 30, 'the volume')
    resp = api('POST', '/attachments', {'attachment': {
        'volume_uuid': volume_id,
        'instance_uuid': '5e1f0000-0000-4000-8000-0000000000c1'}})
    assert resp.status_code == 200, resp.text
    attachment_id = resp.json()['attachment']['id']
    listed = _demo(keystone, *v, 'volume', 'attachment', 'list',
                   '--volume-id', volume_id)
    assert [(a['ID'], a['Status']) for a in listed] == [
        (attachment_id, 'reserved')]
    shown = _demo(keystone, *v, 'volume', 'attachment', 'show',
                  attachment_id)
    assert shown['ID'] == attachment_id
    assert shown['Volume ID'] == volume_id, shown
    _demo(keystone, *v, 'volume', 'attachment', 'delete', attachment_id,
          json_output=False)
    assert api('GET', '/volumes/%s' % volume_id).json()['volume'][
        'status'] == 'available'
    assert api('DELETE', '/volumes/%s' % volume_id).status_code == 202
