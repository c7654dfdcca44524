# SPDX-License-Identifier: Apache-2.0
"""Volume disks of libvirt guests from connection info; their CHAP secrets."""

import os
import stat
from xml.etree import ElementTree as ET

import libvirt
import pytest

from nova_like.virt.libvirt import config
from nova_like.virt.libvirt import volume

IQN = 'iqn.2010-10.org.openstack:volume-v1:a1'


def iscsi_info(**data):
    values = {'target_discovered': False, 'target_iqn': IQN,
              'target_portal': '127.0.0.1:3260', 'target_lun': 1,
              'volume_id': 'v1', 'auth_method': 'CHAP',
              'auth_username': 'nluser', 'auth_password': 'pw0123456789ab',
              'access_mode': 'rw'}
    values.update(data)
    return {'driver_volume_type': 'iscsi', 'data': values}


class FakeSecret:
    def __init__(self, conn, xml, uuid):
        self.conn, self.xml, self.uuid, self.value = conn, xml, uuid, None

    def UUIDString(self):
        return self.uuid

    def usageType(self):
        return libvirt.VIR_SECRET_USAGE_TYPE_ISCSI

    def usageID(self):
        return ET.fromstring(self.xml).findtext('usage/target')

    def setValue(self, value, flags):
        self.value = value

    def undefine(self):
        del self.conn.secrets[ET.fromstring(self.xml).findtext(
            'usage/target')]


class FakeConn:
    """The secret calls of a libvirt connection (test:///default has none)."""

    def __init__(self):
        self.secrets = {}

    def secretDefineXML(self, xml, flags):
        usage = ET.fromstring(xml).find('usage')
        assert usage.get('type') == 'iscsi'
        secret = FakeSecret(self, xml, 'uuid-%d' % (len(self.secrets) + 1))
        self.secrets[usage.findtext('target')] = secret
        return secret

    def listAllSecrets(self, flags):
        return list(self.secrets.values())


def _xml(disk):
    return ET.fromstring(config.disk_xml(disk))


def test_iscsi_disk_is_a_network_disk_with_chap_and_initiator():
    element = _xml(volume.disk(iscsi_info(), 'vdb', 'virtio',
                               initiator='iqn.2008-11.org.linux-kvm:h1',
                               secret_uuid='s-1'))
    assert element.get('type') == 'network'
    assert element.find('driver').attrib == {'name': 'qemu', 'type': 'raw',
                                             'cache': 'none'}
    source = element.find('source')
    assert source.attrib == {'protocol': 'iscsi', 'name': IQN + '/1'}
    assert source.find('host').attrib == {'name': '127.0.0.1',
                                          'port': '3260'}
    assert source.find('initiator/iqn').get('name') == \
        'iqn.2008-11.org.linux-kvm:h1'
    assert element.find('auth').get('username') == 'nluser'
    assert element.find('auth/secret').attrib == {'type': 'iscsi',
                                                  'uuid': 's-1'}
    assert element.find('target').attrib == {'dev': 'vdb', 'bus': 'virtio'}
    assert element.findtext('serial') == 'v1'
    assert config.disk_targets('<domain>%s</domain>' % config.disk_xml(
        volume.disk(iscsi_info(), 'vdb', secret_uuid='s'))) == {
            'vdb': IQN + '/1'}


@pytest.mark.parametrize('portal, host', [
    ('10.0.0.5:3261', ('10.0.0.5', '3261')),
    ('[fd00::5]:3260', ('fd00::5', '3260')),
    ('storage1', ('storage1', '3260'))])
def test_portals(portal, host):
    disk = volume.disk(iscsi_info(target_portal=portal, auth_method=None),
                       'vdb')
    assert disk.hosts == (host,)
    assert disk.auth_username is None


def test_chap_without_a_secret_is_refused():
    with pytest.raises(volume.VolumeConnectionError, match='CHAP'):
        volume.disk(iscsi_info(), 'vdb')


def test_unknown_kind_is_refused():
    with pytest.raises(volume.VolumeConnectionError,
                       match="'rbd' is not one this host attaches"):
        volume.disk({'driver_volume_type': 'rbd', 'data': {}}, 'vdb')


def test_local_file_and_read_only(tmp_path):
    path = tmp_path / 'volume-v1'
    path.write_bytes(b'')
    info = {'driver_volume_type': 'local',
            'data': {'device_path': str(path), 'volume_id': 'v1',
                     'format': 'qcow2', 'access_mode': 'ro'}}
    element = _xml(volume.disk(info, 'vdc', 'virtio'))
    assert element.get('type') == 'file'
    assert element.find('source').attrib == {'file': str(path)}
    assert element.find('driver').get('type') == 'qcow2'
    assert element.find('readonly') is not None


def test_local_block_device(monkeypatch):
    real_stat = os.stat

    def fake_stat(path, *args, **kwargs):
        if path == '/dev/vg/volume-v1':
            return os.stat_result((stat.S_IFBLK | 0o600,) + (0,) * 9)
        return real_stat(path, *args, **kwargs)
    monkeypatch.setattr(volume.os, 'stat', fake_stat)
    info = {'driver_volume_type': 'local',
            'data': {'device_path': '/dev/vg/volume-v1', 'volume_id': 'v1'}}
    element = _xml(volume.disk(info, 'vdb'))
    assert element.get('type') == 'block'
    assert element.find('source').attrib == {'dev': '/dev/vg/volume-v1'}
    assert element.find('driver').get('type') == 'raw'


def test_local_path_missing_is_refused(tmp_path):
    info = {'driver_volume_type': 'local',
            'data': {'device_path': str(tmp_path / 'nope'),
                     'volume_id': 'v1'}}
    with pytest.raises(volume.VolumeConnectionError, match='cannot be '
                       'opened here'):
        volume.disk(info, 'vdb')


def test_connect_defines_one_secret_per_target_and_disconnect_drops_it():
    conn = FakeConn()
    disk = volume.connect(conn, iscsi_info(), 'vdb', initiator='iqn.x:h')
    secret = conn.secrets[IQN + '/1']
    assert disk.auth_secret_uuid == secret.uuid
    assert secret.value == b'pw0123456789ab'
    assert "ephemeral='no' private='yes'" in secret.xml
    # Again (a retried attach, a new password): the same secret, updated.
    again = volume.connect(conn, iscsi_info(auth_password='new0123456789'),
                           'vdb')
    assert again.auth_secret_uuid == secret.uuid
    assert list(conn.secrets) == [IQN + '/1']
    assert secret.value == b'new0123456789'
    volume.disconnect(conn, iscsi_info())
    volume.disconnect(conn, iscsi_info())
    assert conn.secrets == {}


def test_connect_local_needs_no_secret(tmp_path):
    conn = FakeConn()
    path = tmp_path / 'v'
    path.write_bytes(b'')
    info = {'driver_volume_type': 'local', 'data': {'device_path': str(path)}}
    assert volume.connect(conn, info, 'vdb').source_type == 'file'
    volume.disconnect(conn, info)
    assert conn.secrets == {}


def test_initiator_name_from_open_iscsi_or_qemus_prefix(tmp_path):
    path = tmp_path / 'initiatorname.iscsi'
    assert volume.initiator_name('Compute_1', str(path)) == \
        'iqn.2008-11.org.linux-kvm:compute-1'
    path.write_text('## comment\nInitiatorName=iqn.1993-08.org.debian:01:ab\n')
    assert volume.initiator_name('c1', str(path)) == \
        'iqn.1993-08.org.debian:01:ab'


def test_connector_shape():
    got = volume.connector('compute1', '192.0.2.4')
    assert got['host'] == 'compute1' and got['ip'] == '192.0.2.4'
    assert got['initiator'].startswith('iqn.')
    assert got['multipath'] is False
