# SPDX-License-Identifier: Apache-2.0
"""Config drive ISO: its label config-2 and its files.

openstack/latest/meta_data.json and user_data.
"""

import base64
import json
import shutil
import subprocess

import pytest

from tests import libvirt_env

libvirt_env.require_binding()

from nova_like.virt.libvirt import configdrive  # noqa: E402
from tests.unit.virt.libvirt import fixtures  # noqa: E402

pytestmark = pytest.mark.skipif(not shutil.which('isoinfo'),
                                reason='isoinfo (genisoimage) is missing')


def _read(iso, path):
    return subprocess.run(['isoinfo', '-i', str(iso), '-R', '-x', path],
                          capture_output=True, check=True).stdout


def test_metadata_layout_with_keys_and_user_data(tmp_path):
    inst = fixtures.instance(
        display_name='web 1', hostname='web-1', key_name='mykey',
        key_data='ssh-ed25519 AAAAtest user@host',
        user_data=base64.b64encode(b'#!/bin/sh\necho hi\n').decode(),
        metadata={'role': 'web'})
    iso = tmp_path / 'disk.config'
    configdrive.build(inst, str(iso))
    meta = json.loads(_read(iso, '/openstack/latest/meta_data.json'))
    assert meta['uuid'] == inst.uuid
    assert (meta['name'], meta['hostname']) == ('web 1', 'web-1')
    assert meta['public_keys'] == {'mykey': 'ssh-ed25519 AAAAtest user@host'}
    assert meta['meta'] == {'role': 'web'}
    assert _read(iso, '/openstack/latest/user_data') == \
        b'#!/bin/sh\necho hi\n'
    label = subprocess.run(['isoinfo', '-d', '-i', str(iso)],
                           capture_output=True, text=True).stdout
    assert 'Volume id: config-2' in label


def test_no_keys_no_user_data(tmp_path):
    inst = fixtures.instance()
    iso = tmp_path / 'disk.config'
    configdrive.build(inst, str(iso))
    meta = json.loads(_read(iso, '/openstack/latest/meta_data.json'))
    assert 'public_keys' not in meta
    assert _read(iso, '/openstack/latest/user_data') == b''


def test_missing_program_says_so(tmp_path):
    with pytest.raises(configdrive.ConfigDriveError) as caught:
        configdrive.build(fixtures.instance(), str(tmp_path / 'x'),
                          mkisofs='no-such-mkisofs')
    assert 'no-such-mkisofs is not installed' in str(caught.value)


def test_network_data_is_built_from_the_network_info(tmp_path):
    vif = {'id': 'cd9f6d46-4a3a-43ab-a466-994af9db96fc',
           'address': 'fa:16:3e:9c:bf:3d', 'devname': 'tapcd9f6d46-4a',
           'type': 'bridge',
           'network': {'id': 'net-1', 'label': 'private', 'mtu': 1450,
                       'subnets': [{'id': 's', 'cidr': '10.0.0.0/24',
                                    'version': 4, 'gateway': '10.0.0.1',
                                    'dns': [], 'routes': [],
                                    'dhcp_server': '10.0.0.2',
                                    'ips': [{'address': '10.0.0.5',
                                             'type': 'fixed',
                                             'version': 4}]}]}}
    iso = tmp_path / 'disk.config'
    configdrive.build(fixtures.instance(network_info=[vif]), str(iso))
    document = json.loads(_read(iso, '/openstack/latest/network_data.json'))
    assert document['links'][0]['ethernet_mac_address'] == \
        'fa:16:3e:9c:bf:3d'
    assert document['networks'] == [{'id': 'network0', 'type': 'ipv4_dhcp',
                                     'link': 'tapcd9f6d46-4a',
                                     'network_id': 'net-1'}]
