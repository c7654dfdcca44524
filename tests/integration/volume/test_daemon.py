# SPDX-License-Identifier: Apache-2.0
"""The real daemon: the API writes, casts over RabbitMQ, and the manager
makes, grows and removes the volume's file; heartbeats in services."""

import os

import pytest
import requests

from tests.integration import cloud as cloud_mod

pytestmark = pytest.mark.integration
GiB = 1024 ** 3


def _api(daemon, session, method, path, body=None, expect=None):
    url = '%s/v3/%s%s' % (daemon.url, session.get_project_id(), path)
    resp = requests.request(method, url, json=body, timeout=20, headers={
        'X-Auth-Token': session.get_token(),
        'OpenStack-API-Version': 'volume 3.27'})
    if expect is not None:
        assert resp.status_code == expect, resp.text
    return resp


def _status(daemon, session, volume_id, *statuses):
    def reached():
        resp = _api(daemon, session, 'GET', '/volumes/%s' % volume_id)
        if resp.status_code == 404:
            return 'deleted' in statuses
        return resp.json()['volume']['status'] in statuses
    cloud_mod.wait_for(reached, 20, 'volume %s to be %s' % (volume_id,
                                                            statuses))


def test_create_extend_delete_on_disk(volume_daemon, keystone):
    session = keystone.session('demo', project='demo')
    resp = _api(volume_daemon, session, 'POST', '/volumes',
                {'volume': {'size': 1, 'name': 'disk1'}}, expect=202)
    assert resp.headers['OpenStack-API-Version'] == 'volume 3.27'
    volume_id = resp.json()['volume']['id']
    _status(volume_daemon, session, volume_id, 'available')
    path = volume_daemon.volumes_dir / ('volume-' + volume_id)
    assert os.stat(path).st_size == GiB
    _api(volume_daemon, session, 'POST', '/volumes/%s/action' % volume_id,
         {'os-extend': {'new_size': 2}}, expect=202)
    _status(volume_daemon, session, volume_id, 'available')
    shown = _api(volume_daemon, session, 'GET',
                 '/volumes/%s' % volume_id).json()['volume']
    assert shown['size'] == 2
    assert os.stat(path).st_size == 2 * GiB
    _api(volume_daemon, session, 'DELETE', '/volumes/%s' % volume_id,
         expect=202)
    _status(volume_daemon, session, volume_id, 'deleted')
    assert not os.path.exists(path)


def test_daemon_heartbeats_in_the_services_table(volume_daemon):
    first = cloud_mod.wait_for(volume_daemon.heartbeats, 10,
                               'a services row of nova-like-volume')
    assert first[0] == 'volume'
    cloud_mod.wait_for(lambda: volume_daemon.heartbeats()[1] != first[1],
                       10, 'a second heartbeat')
