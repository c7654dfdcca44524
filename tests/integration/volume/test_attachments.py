# SPDX-License-Identifier: Apache-2.0
"""Attachments on the real daemon (PostgreSQL, RabbitMQ, Keystone) with
the real tgtd: a connector of another host gets an iSCSI target that
qemu-img reads with the attachment's CHAP password (and not without it);
a target tgtd lost comes back; a connector of the volume's host gets the
file; delete removes the target and the volume is available again."""

import os
import subprocess
import threading

import pytest
import requests

from nova_like.volume.targets import tgt
from tests import db_servers
from tests.integration import cloud as cloud_mod

pytestmark = pytest.mark.integration
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))))
INITIATOR = 'iqn.2008-11.org.linux-kvm:nl-attach-test'
REMOTE = {'host': 'cmp-elsewhere', 'ip': '127.0.0.1',
          'initiator': INITIATOR, 'multipath': False,
          'mountpoint': '/dev/vdb'}


@pytest.fixture
def tgtd(volume_daemon):
    """tgtd answering (tools/ensure-storage.sh starts it); this run's
    targets removed afterwards, whatever happens."""
    result = subprocess.run([os.path.join(ROOT, 'tools', 'ensure-storage.sh')],
                            capture_output=True, text=True, timeout=600)
    try:
        tgt.targets()
    except tgt.TargetError as exc:
        db_servers.unavailable('tgtd is not usable (%s; ensure-storage.sh: '
                               '%s)' % (exc, result.stderr[-300:]))
    try:
        yield
    finally:
        tgt.remove_targets(volume_daemon.iscsi_prefix)


def _api(daemon, session, method, path, body=None, expect=None):
    url = '%s/v3/%s%s' % (daemon.url, session.get_project_id(), path)
    resp = requests.request(method, url, json=body, timeout=30, headers={
        'X-Auth-Token': session.get_token(),
        'OpenStack-API-Version': 'volume 3.44'})
    if expect is not None:
        assert resp.status_code == expect, resp.text
    return resp


def _volume(daemon, session, status='available'):
    volume_id = _api(daemon, session, 'POST', '/volumes',
                     {'volume': {'size': 1}}, expect=202).json()[
        'volume']['id']
    _wait(daemon, session, volume_id, status)
    return volume_id


def _wait(daemon, session, volume_id, status):
    cloud_mod.wait_for(
        lambda: _api(daemon, session, 'GET', '/volumes/%s' % volume_id)
        .json()['volume']['status'] == status, 20,
        'volume %s to be %s' % (volume_id, status))


def _qemu_img_info(data, password):
    opts = ('driver=iscsi,transport=tcp,portal=%s,target=%s,lun=%s,'
            'initiator-name=%s,user=%s,password-secret=chap'
            % (data['target_portal'], data['target_iqn'], data['target_lun'],
               INITIATOR, data['auth_username']))
    result = subprocess.run(
        ['qemu-img', 'info', '--object', 'secret,id=chap,data=%s' % password,
         '--image-opts', opts], capture_output=True, text=True, timeout=60)
    return result.returncode, result.stdout + result.stderr


def test_a_foreign_host_gets_an_iscsi_target_it_can_read(
        volume_daemon, keystone, tgtd):
    session = keystone.session('demo', project='demo')
    volume_id = _volume(volume_daemon, session)
    attachment = _api(volume_daemon, session, 'POST', '/attachments', {
        'attachment': {'volume_uuid': volume_id,
                       'instance_uuid': '5e1f0000-0000-4000-8000-0000000000a1',
                       'connector': REMOTE}}, expect=200).json()['attachment']
    data = attachment['connection_info']  # flat, as Cinder's
    assert data['driver_volume_type'] == 'iscsi'
    assert data['attachment_id'] == attachment['id']
    assert data['target_iqn'] == '%svolume-%s:%s' % (
        volume_daemon.iscsi_prefix, volume_id, attachment['id'])
    assert data['auth_method'] == 'CHAP'
    rc, out = _qemu_img_info(data, data['auth_password'])
    assert rc == 0, out
    assert 'virtual size: 1 GiB' in out
    rc, out = _qemu_img_info(data, 'not-the-password')
    assert rc != 0 and 'Authentication failure' in out
    # Lists never show the password; the daemon's log never has it.
    listed = _api(volume_daemon, session, 'GET',
                  '/attachments/detail').json()['attachments']
    assert 'auth_password' not in listed[0]['connection_info']
    assert listed[0]['connection_info']['auth_username'] == \
        data['auth_username']
    assert data['auth_password'] not in volume_daemon.log_text()

    # tgtd loses the target (as when it restarts): the daemon's periodic
    # check puts it back with the same credentials.
    tgt.unexport(volume_id, attachment['id'],
                 prefix=volume_daemon.iscsi_prefix,
                 username=data['auth_username'])
    cloud_mod.wait_for(lambda: data['target_iqn'] in tgt.targets(), 15,
                       'the daemon to recover target %s' % data['target_iqn'])
    rc, out = _qemu_img_info(data, data['auth_password'])
    assert rc == 0, out
    _api(volume_daemon, session, 'POST',
         '/attachments/%s/action' % attachment['id'], {'os-complete': None},
         expect=204)
    _wait(volume_daemon, session, volume_id, 'in-use')
    left = _api(volume_daemon, session, 'DELETE',
                '/attachments/%s' % attachment['id'], expect=200).json()
    assert left == {'attachments': []}
    assert data['target_iqn'] not in tgt.targets()
    _wait(volume_daemon, session, volume_id, 'available')
    _api(volume_daemon, session, 'DELETE', '/volumes/%s' % volume_id,
         expect=202)


def test_the_volume_host_gets_the_file(volume_daemon, keystone, tgtd):
    session = keystone.session('demo', project='demo')
    volume_id = _volume(volume_daemon, session)
    attachment = _api(volume_daemon, session, 'POST', '/attachments', {
        'attachment': {'volume_uuid': volume_id, 'connector': dict(
            REMOTE, host='volhost')}}, expect=200).json()['attachment']
    assert attachment['connection_info']['device_path'] == str(
        volume_daemon.volumes_dir / ('volume-' + volume_id))
    _api(volume_daemon, session, 'DELETE',
         '/attachments/%s' % attachment['id'], expect=200)
    _wait(volume_daemon, session, volume_id, 'available')
    _api(volume_daemon, session, 'DELETE', '/volumes/%s' % volume_id,
         expect=202)


def test_two_concurrent_creates_on_postgresql_one_wins(
        volume_daemon, keystone):
    session = keystone.session('demo', project='demo')
    volume_id = _volume(volume_daemon, session)
    barrier = threading.Barrier(2)
    codes = []

    def create(server):
        barrier.wait()
        codes.append(_api(volume_daemon, session, 'POST', '/attachments', {
            'attachment': {'volume_uuid': volume_id,
                           'instance_uuid': server}}).status_code)

    threads = [threading.Thread(target=create, args=(s,)) for s in (
        '5e1f0000-0000-4000-8000-0000000000b1',
        '5e1f0000-0000-4000-8000-0000000000b2')]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(codes) == [200, 400]
    [attachment] = _api(volume_daemon, session, 'GET',
                        '/attachments?volume_id=%s' % volume_id).json()[
        'attachments']
    _api(volume_daemon, session, 'DELETE',
         '/attachments/%s' % attachment['id'], expect=200)
    _wait(volume_daemon, session, volume_id, 'available')
    _api(volume_daemon, session, 'DELETE', '/volumes/%s' % volume_id,
         expect=202)
