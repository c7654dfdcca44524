# SPDX-License-Identifier: Apache-2.0
"""os-server-external-events: 200, 207 and 404 as Nova answers them."""

import pytest

from tests.functional.api import conftest

MISSING = '00000000-0000-4000-8000-000000000000'
PATH = '/v2.1/os-server-external-events'


@pytest.fixture
def service(cloud):
    return conftest.Client(cloud.app, 'neutron:service:service', '2.100')


def _event(uuid, name='network-changed', **extra):
    return dict(extra, name=name, server_uuid=uuid)


def test_accepted_events_answer_200(cloud, service):
    uuid = cloud.boot(cloud.alice).json['server']['id']
    answer = service.post(PATH, {'events': [
        _event(uuid), _event(uuid, 'network-vif-plugged', tag='port-1',
                             status='completed')]})
    assert answer.status_int == 200, answer.body
    assert answer.json == {'events': [
        dict(_event(uuid), code=200),
        dict(_event(uuid, 'network-vif-plugged', tag='port-1',
                     status='completed'), code=200)]}
    assert cloud.admin.post(PATH, {'events': [_event(uuid)]}
                            ).status_int == 200


def test_some_unknown_is_207_all_unknown_is_404(cloud, service):
    uuid = cloud.boot(cloud.alice).json['server']['id']
    mixed = service.post(PATH, {'events': [_event(uuid), _event(MISSING)]})
    assert mixed.status_int == 207, mixed.body
    assert [(e['code'], e.get('status')) for e in mixed.json['events']] == [
        (200, None), (404, 'failed')]
    none = service.post(PATH, {'events': [_event(MISSING)]})
    assert none.status_int == 404
    assert none.json['itemNotFound']['message'] == (
        'No instances found for any event')


def test_a_server_without_a_host_is_422(cloud, service):
    placed = cloud.boot(cloud.alice).json['server']['id']
    cloud.conductor.mode = 'hold'
    held = cloud.alice.post('/v2.1/servers', {'server': {
        'name': 'held', 'flavorRef': '1', 'imageRef': conftest.fakes.IMAGE_ID,
        'networks': 'none'}})
    uuid = held.json['server']['id']
    answer = service.post(PATH, {'events': [_event(uuid), _event(placed)]})
    assert answer.status_int == 207, answer.body
    assert [(e['code'], e.get('status')) for e in answer.json['events']] == [
        (422, 'failed'), (200, None)]


@pytest.mark.parametrize('body, version', [
    ({'events': []}, '2.100'), ({}, '2.100'),
    ({'events': [_event('not-a-uuid')]}, '2.100'),
    ({'events': [_event(MISSING, 'bogus')]}, '2.100'),
    ({'events': [_event(MISSING, status='done')]}, '2.100'),
    ({'events': [_event(MISSING, extra=1)]}, '2.100'),
    ({'events': [_event(MISSING, 'power-update')]}, '2.75'),
    ({'events': [_event(MISSING, 'volume-extended')]}, '2.50')])
def test_bad_bodies_are_400(service, body, version):
    assert service.post(PATH, body, version=version).status_int == 400


def test_members_may_not(cloud):
    assert cloud.alice.post(PATH, {'events': [_event(MISSING)]}
                            ).status_int == 403
