# SPDX-License-Identifier: Apache-2.0
"""Server bodies at each captured microversion have Nova's keys.

Keys, nested keys and fixed values alike.
"""

import pytest

from tests.functional.api import fakes
from tests.functional.api import samples


def _keys(value):
    """Keys at every level (list items merged), ignoring leaf values."""
    if isinstance(value, dict):
        return {key: _keys(item) for key, item in value.items()
                if key not in ('metadata',)}
    if isinstance(value, list):
        merged = {}
        for item in value:
            if isinstance(item, dict):
                merged.update(_keys(item))
        return [merged] if merged else []
    return None


def _boot(cloud, version, mode='schedule'):
    """cloud.boot as admin at version; before 2.37 without networks."""
    cloud.conductor.mode = mode
    return cloud.boot(cloud.admin, 'sample-1', version=version,
                      metadata={'purpose': 'sample'},
                      networks=None if version == '2.1' else 'none')


@pytest.mark.parametrize('version, sample', [
    ('2.37', 'servers_create_mv_2.37.json'),
    ('2.100', 'servers_create_mv_max.json')])
def test_create_body(cloud, version, sample):
    nova = samples.exchange(sample)['response']
    response = _boot(cloud, version)
    assert response.status_int == nova['status']
    assert _keys(response.json) == _keys(nova['body'])
    ours, theirs = response.json['server'], nova['body']['server']
    assert ours['security_groups'] == theirs['security_groups']
    assert ours['OS-DCF:diskConfig'] == theirs['OS-DCF:diskConfig']


@pytest.mark.parametrize('version, sample, mode', [
    ('2.37', 'server_show_BUILD_mv_2.37.json', 'hold'),
    ('2.100', 'server_show_BUILD_mv_max.json', 'hold'),
    ('2.1', 'server_show_ACTIVE_mv_2.1.json', 'schedule'),
    ('2.100', 'server_show_ACTIVE_mv_max.json', 'schedule')])
def test_show_body(cloud, version, sample, mode):
    nova = samples.body(sample)['server']
    server_id = _boot(cloud, version, mode=mode).json['server']['id']
    ours = cloud.admin.get('/v2.1/servers/' + server_id,
                           version=version).json['server']
    assert _keys(ours) == _keys(nova)
    for key in ('status', 'OS-EXT-STS:vm_state', 'OS-EXT-STS:task_state',
                'OS-EXT-STS:power_state', 'OS-DCF:diskConfig', 'progress',
                'accessIPv4', 'accessIPv6', 'addresses', 'config_drive',
                'key_name', 'OS-EXT-AZ:availability_zone',
                'os-extended-volumes:volumes_attached',
                'locked', 'host_status', 'description', 'tags',
                'trusted_image_certificates', 'server_groups',
                'locked_reason', 'pinned_availability_zone',
                'scheduler_hints', 'OS-EXT-SRV-ATTR:launch_index',
                'OS-EXT-SRV-ATTR:user_data',
                'OS-EXT-SRV-ATTR:kernel_id', 'OS-EXT-SRV-ATTR:ramdisk_id'):
        if key in nova:
            assert ours[key] == nova[key], key
    assert ours['flavor'] == nova['flavor']
    assert ours['image'] == nova['image']
    if mode == 'hold':
        assert ours['hostId'] == '' and ours['OS-EXT-SRV-ATTR:host'] is None
        assert ours['OS-EXT-SRV-ATTR:instance_name'] == ''
    else:
        assert len(ours['hostId']) == 56


@pytest.mark.parametrize('version, sample', [
    ('2.1', 'servers_detail_mv_2.1.json'),
    ('2.100', 'servers_detail_mv_max.json')])
def test_detail_body(cloud, version, sample):
    nova = samples.body(sample)['servers'][0]
    _boot(cloud, version)
    ours = cloud.admin.get('/v2.1/servers/detail',
                           version=version).json['servers']
    assert len(ours) == 1
    assert _keys(ours[0]) == _keys(nova)


def test_list_body(cloud):
    nova = samples.body('servers_list_mv_max.json')
    _boot(cloud, '2.100')
    ours = cloud.admin.get('/v2.1/servers').json
    assert _keys(ours) == _keys(nova)


def test_member_sees_no_admin_attributes(cloud):
    server_id = _boot(cloud, '2.100').json['server']['id']
    server = cloud.admin.get('/v2.1/servers/' + server_id).json['server']
    assert 'OS-EXT-SRV-ATTR:host' in server
    cloud.alice.token = 'alice:admin-proj'  # a member of the same project
    member = cloud.alice.get('/v2.1/servers/' + server_id).json['server']
    hidden = {key for key in server if key not in member}
    assert hidden == {
        'OS-EXT-SRV-ATTR:host', 'OS-EXT-SRV-ATTR:instance_name',
        'OS-EXT-SRV-ATTR:hypervisor_hostname', 'OS-EXT-SRV-ATTR:kernel_id',
        'OS-EXT-SRV-ATTR:launch_index', 'OS-EXT-SRV-ATTR:ramdisk_id',
        'OS-EXT-SRV-ATTR:reservation_id', 'OS-EXT-SRV-ATTR:root_device_name',
        'OS-EXT-SRV-ATTR:user_data', 'host_status'}
    assert member['OS-EXT-SRV-ATTR:hostname'] == 'sample-1'  # 2.90


def test_404_matches_nova(cloud):
    nova = samples.exchange('error_404_server.json')['response']
    response = cloud.alice.get(
        '/v2.1/servers/d0967e2f-aa4e-4752-a73d-dedf055e581b')
    assert response.status_int == nova['status']
    assert response.json == nova['body']


def test_delete_answers_204_without_a_body(cloud):
    nova = samples.exchange('server_delete.json')['response']
    server_id = _boot(cloud, '2.100').json['server']['id']
    response = cloud.admin.delete('/v2.1/servers/' + server_id)
    assert response.status_int == nova['status']
    assert response.body == b''
    cloud.compute.wait()


@pytest.mark.parametrize('version, present, absent', [
    ('2.8', [], ['locked']),
    ('2.9', ['locked'], ['host_status']),
    ('2.16', ['host_status'], ['description']),
    ('2.19', ['description'], ['tags']),
    ('2.26', ['tags'], ['trusted_image_certificates']),
    ('2.63', ['trusted_image_certificates'], ['server_groups']),
    ('2.71', ['server_groups'], ['locked_reason']),
    ('2.73', ['locked_reason'], ['pinned_availability_zone']),
    ('2.96', ['pinned_availability_zone'], ['scheduler_hints']),
    ('2.100', ['scheduler_hints'], [])])
def test_fields_appear_at_their_microversion(cloud, version, present, absent):
    server_id = _boot(cloud, '2.100').json['server']['id']
    server = cloud.admin.get('/v2.1/servers/' + server_id,
                             version=version).json['server']
    for key in present:
        assert key in server, (version, key)
    for key in absent:
        assert key not in server, (version, key)


@pytest.mark.parametrize('version, embedded', [('2.46', False),
                                               ('2.47', True)])
def test_flavor_embedded_from_2_47(cloud, version, embedded):
    server_id = _boot(cloud, '2.100').json['server']['id']
    flavor = cloud.admin.get('/v2.1/servers/' + server_id,
                             version=version).json['server']['flavor']
    assert ('original_name' in flavor) is embedded
    assert ('id' in flavor) is not embedded


def test_image_properties_from_2_98(cloud):
    cloud.glance.images[fakes.IMAGE_ID]['hw_disk_bus'] = 'scsi'
    server_id = _boot(cloud, '2.100').json['server']['id']
    at_97 = cloud.admin.get('/v2.1/servers/' + server_id, version='2.97')
    assert 'properties' not in at_97.json['server']['image']
    at_98 = cloud.admin.get('/v2.1/servers/' + server_id, version='2.98')
    assert at_98.json['server']['image']['properties'] == {
        'hw_disk_bus': 'scsi'}
