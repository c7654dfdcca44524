# SPDX-License-Identifier: Apache-2.0
"""Operator APIs through every service in one process.

Services, hypervisors, zones, aggregates, server groups, usage.
"""

import pytest

from nova_like.api.handlers import servers as servers_handler
from nova_like.api import wsgi
from nova_like import conf
from nova_like import context as nl_context
from tests import factories
from tests.functional.api import conftest as api_conftest
from tests.functional.api import samples
from tests import glance_standin
from tests import waiters

CONF = conf.CONF
HOSTS = ('cmp1', 'cmp2', 'cmp3')


@pytest.fixture
def cloud(stack):
    for host in HOSTS:
        stack.start_compute(host)
    glance = glance_standin.GlanceStandIn()
    CONF.set_override('endpoint_override', glance.url, 'glance')
    factories.create_flavor(nl_context.get_admin_context())
    app = wsgi.init_application()
    servers_handler.set_compute_api(None)
    _wait_nodes(api_conftest.Client(app, 'admin:admin', '2.100'))
    try:
        yield (api_conftest.Client(app, 'admin:admin', '2.100'),
               api_conftest.Client(app, 'demo:demo', '2.100'))
    finally:
        servers_handler.set_compute_api(None)
        CONF.clear_override('endpoint_override', 'glance')
        glance.stop()


def _wait_nodes(admin, count=None):
    count = len(HOSTS) if count is None else count
    waiters.wait_for(
        lambda: admin.get('/v2.1/os-hypervisors').json_body_or_none[
            'hypervisors'], 20, '%d compute nodes to register' % count,
        interval=0.2, until=lambda found: len(found) >= count)


def _wait(client, name, status, count=1, timeout=30):
    """The count servers named ^name, once all of them are status."""
    return waiters.wait_for(
        lambda: client.get('/v2.1/servers/detail?all_tenants=1&name=^%s'
                           % name, version='2.100').json_body_or_none[
                               'servers'],
        timeout, '%d server(s) %s to be %s' % (count, name, status),
        interval=0.2, until=lambda found: len(found) == count and all(
            s['status'] == status for s in found))


def _service(admin, host):
    return [s for s in admin.get('/v2.1/os-services?binary=nova-compute'
                                 ).json_body_or_none['services']
            if s['host'] == host][0]


def test_services_list_update_and_scheduler_skips_disabled(cloud):
    admin, demo = cloud
    body = admin.get('/v2.1/os-services').json_body_or_none
    assert samples.shape(body['services'][0]) == samples.shape(
        samples.body('os-services_mv_max.json')['services'][0])
    assert {s['zone'] for s in body['services']} == {'internal', 'nova'}
    old = admin.get('/v2.1/os-services', version='2.1').json_body_or_none
    assert isinstance(old['services'][0]['id'], int)
    assert 'forced_down' not in old['services'][0]
    assert demo.get('/v2.1/os-services').status_int == 403
    cmp1, cmp2 = _service(admin, 'cmp1'), _service(admin, 'cmp2')
    answer = admin.put('/v2.1/os-services/%s' % cmp1['id'],
                       {'status': 'disabled', 'disabled_reason': 'repair'})
    assert answer.status_int == 200, answer.body
    assert answer.json_body_or_none['service']['status'] == 'disabled'
    answer = admin.put('/v2.1/os-services/%s' % cmp2['id'],
                       {'forced_down': True})
    assert answer.json_body_or_none['service']['state'] == 'down'
    assert admin.put('/v2.1/os-services/%s' % cmp1['id'],
                     {'status': 'enabled', 'disabled_reason': 'x'}
                     ).status_int == 400
    assert admin.put('/v2.1/os-services/%s' % cmp1['id'],
                     {'status': 'bogus'}).status_int == 400
    assert admin.put('/v2.1/os-services/enable', {'host': 'cmp1',
                     'binary': 'nova-compute'}).status_int == 400
    factories.boot(demo, 'skip', min_count=2)
    servers = _wait(admin, 'skip', 'ACTIVE', count=2)
    assert {s['OS-EXT-SRV-ATTR:host'] for s in servers} == {'cmp3'}
    legacy = admin.put('/v2.1/os-services/enable', {
        'host': 'cmp1', 'binary': 'nova-compute'}, version='2.52')
    assert legacy.json_body_or_none == {'service': {
        'host': 'cmp1', 'binary': 'nova-compute', 'status': 'enabled'}}
    down = admin.put('/v2.1/os-services/force-down', {
        'host': 'cmp2', 'binary': 'nova-compute', 'forced_down': False},
        version='2.11')
    assert down.json_body_or_none['service']['forced_down'] is False
    assert admin.put('/v2.1/os-services/force-down', {
        'host': 'cmp2', 'binary': 'nova-compute', 'forced_down': False},
        version='2.10').status_int == 404
    cmp3 = _service(admin, 'cmp3')
    conflict = admin.delete('/v2.1/os-services/%s' % cmp3['id'])
    assert conflict.status_int == 409, conflict.body
    assert admin.delete('/v2.1/os-services/1', version='2.53'
                        ).status_int == 400


def test_delete_compute_service_removes_node_and_provider(cloud, stack):
    admin, _demo = cloud
    node = [h for h in admin.get('/v2.1/os-hypervisors').json_body_or_none[
        'hypervisors'] if h['hypervisor_hostname'] == 'cmp1'][0]
    stack.computes['cmp1'].stop()
    cmp1 = _service(admin, 'cmp1')
    assert admin.delete('/v2.1/os-services/%s' % cmp1['id']
                        ).status_int == 204
    names = [h['hypervisor_hostname'] for h in admin.get(
        '/v2.1/os-hypervisors').json_body_or_none['hypervisors']]
    assert 'cmp1' not in names
    placement = stack_placement()
    assert placement.get('/resource_providers/%s' % node['id']
                         ).status_code == 404


def stack_placement():
    from nova_like.clients import placement
    client = placement.PlacementClient()
    return type('P', (), {'get': lambda self, url: client._request(
        'GET', url)})()


def _same_shape(ours, sample):
    # host_ip is null here: the resource tracker does not report it yet.
    ours, theirs = samples.shape(ours), samples.shape(sample)
    ours.pop('host_ip'), theirs.pop('host_ip')
    assert ours == theirs


def test_hypervisors_across_microversions(cloud):
    admin, _demo = cloud
    new = admin.get('/v2.1/os-hypervisors/detail').json_body_or_none
    _same_shape(new['hypervisors'][0], samples.body(
        'os-hypervisors_detail_mv_max.json')['hypervisors'][0])
    old = admin.get('/v2.1/os-hypervisors/detail',
                    version='2.1').json_body_or_none
    _same_shape(old['hypervisors'][0], samples.body(
        'os-hypervisors_detail_mv_2.1.json')['hypervisors'][0])
    one = new['hypervisors'][0]['id']
    assert admin.get('/v2.1/os-hypervisors/%s' % one).status_int == 200
    assert admin.get('/v2.1/os-hypervisors/1').status_int == 400
    assert admin.get('/v2.1/os-hypervisors/statistics').status_int == 404
    stats = admin.get('/v2.1/os-hypervisors/statistics', version='2.87')
    assert stats.json_body_or_none['hypervisor_statistics']['count'] == 3
    # Uptime: asked of the host's compute daemon (the fake driver's answer).
    up = admin.get('/v2.1/os-hypervisors/%s/uptime' % one, version='2.87')
    assert up.status_int == 200, up.body
    assert set(up.json_body_or_none['hypervisor']) == {
        'id', 'hypervisor_hostname', 'state', 'status', 'uptime'}
    assert ' up 0:00,  0 users,  load average: ' in up.json_body_or_none[
        'hypervisor']['uptime']
    shown = admin.get('/v2.1/os-hypervisors/%s' % one).json_body_or_none
    assert 'load average' in shown['hypervisor']['uptime']
    assert admin.get('/v2.1/os-hypervisors/%s/uptime' % one
                     ).status_int == 404  # gone at 2.88
    host = new['hypervisors'][0]['service']['host']
    service = _service(admin, host)
    admin.put('/v2.1/os-services/%s' % service['id'], {'forced_down': True})
    try:
        down = admin.get('/v2.1/os-hypervisors/%s/uptime' % one,
                         version='2.87')
        assert (down.status_int, down.json_body_or_none['badRequest'][
            'message']) == (400, 'Compute service of %s is unavailable at '
                                 'this time.' % host)
        assert admin.get('/v2.1/os-hypervisors/%s' % one).json_body_or_none[
            'hypervisor']['uptime'] is None
    finally:
        admin.put('/v2.1/os-services/%s' % service['id'],
                  {'forced_down': False})
    found = admin.get('/v2.1/os-hypervisors?hypervisor_hostname_pattern=cmp2'
                      '&with_servers=true').json_body_or_none
    assert [h['hypervisor_hostname'] for h in found['hypervisors']] == [
        'cmp2']
    assert found['hypervisors'][0]['servers'] == []
    assert admin.get('/v2.1/os-hypervisors/cmp/search',
                     version='2.52').status_int == 200
    assert admin.get('/v2.1/os-hypervisors/cmp/search').status_int == 404
    assert admin.get('/v2.1/os-hypervisors/zzz/servers',
                     version='2.52').status_int == 404
    assert admin.get('/v2.1/os-hypervisors?with_servers=maybe'
                     ).status_int == 400


def test_aggregates_zones_extra_specs_and_placement_mirror(cloud, stack):
    admin, demo = cloud
    created = admin.post('/v2.1/os-aggregates', {'aggregate': {
        'name': 'rack1', 'availability_zone': 'az1'}})
    assert created.status_int == 200, created.body
    agg = created.json_body_or_none['aggregate']
    assert 'hosts' not in agg and agg['availability_zone'] == 'az1'
    assert admin.post('/v2.1/os-aggregates', {'aggregate': {
        'name': 'rack1'}}).status_int == 409
    action = '/v2.1/os-aggregates/%d/action' % agg['id']
    added = admin.post(action, {'add_host': {'host': 'cmp2'}})
    assert added.json_body_or_none['aggregate']['hosts'] == ['cmp2']
    assert admin.post(action, {'add_host': {'host': 'cmp2'}}
                      ).status_int == 409
    assert admin.post(action, {'add_host': {'host': 'nohost'}}
                      ).status_int == 404
    assert admin.post(action, {'remove_host': {'host': 'cmp3'}}
                      ).status_int == 404
    other = admin.post('/v2.1/os-aggregates', {'aggregate': {
        'name': 'rack2', 'availability_zone': 'az2'}}).json_body_or_none
    assert admin.post('/v2.1/os-aggregates/%d/action' % other['aggregate'][
        'id'], {'add_host': {'host': 'cmp2'}}).status_int == 409
    node = [h for h in admin.get('/v2.1/os-hypervisors').json_body_or_none[
        'hypervisors'] if h['hypervisor_hostname'] == 'cmp2'][0]
    mirrored = stack_placement().get(
        '/resource_providers/%s/aggregates' % node['id']).json()
    assert mirrored['aggregates'] == [agg['uuid']]
    zones = admin.get('/v2.1/os-availability-zone').json_body_or_none
    assert {z['zoneName'] for z in zones['availabilityZoneInfo']} == {
        'nova', 'az1'}
    detail = admin.get('/v2.1/os-availability-zone/detail').json_body_or_none
    by_zone = {z['zoneName']: z for z in detail['availabilityZoneInfo']}
    assert set(by_zone['az1']['hosts']) == {'cmp2'}
    assert 'internal' in by_zone
    factories.boot(demo, 'nowhere', expect=400, availability_zone='az9')
    factories.boot(demo, 'inaz', availability_zone='az1', min_count=2)
    servers = _wait(admin, 'inaz', 'ACTIVE', count=2)
    assert {s['OS-EXT-SRV-ATTR:host'] for s in servers} == {'cmp2'}
    assert {s['OS-EXT-AZ:availability_zone'] for s in servers} == {'az1'}
    meta = admin.post(action, {'set_metadata': {'metadata': {'ssd': 'true'}}})
    assert meta.json_body_or_none['aggregate']['metadata'] == {
        'availability_zone': 'az1', 'ssd': 'true'}
    ctx = nl_context.get_admin_context()
    factories.create_flavor(ctx, flavorid='ssd', name='ssd', memory_mb=256,
                            extra_specs={
                                'aggregate_instance_extra_specs:ssd': 'true'})
    factories.boot(demo, 'fast', flavorRef='ssd')
    [fast] = _wait(admin, 'fast', 'ACTIVE')
    assert fast['OS-EXT-SRV-ATTR:host'] == 'cmp2'
    assert admin.delete('/v2.1/os-aggregates/%d' % agg['id']
                        ).status_int == 400
    removed = admin.post(action, {'remove_host': {'host': 'cmp2'}})
    assert removed.json_body_or_none['aggregate']['hosts'] == []
    assert stack_placement().get('/resource_providers/%s/aggregates'
                                 % node['id']).json()['aggregates'] == []
    assert admin.delete('/v2.1/os-aggregates/%d' % agg['id']
                        ).status_int == 200
    assert admin.post('/v2.1/os-aggregates', {'aggregate': {}}
                      ).status_int == 400


def test_server_groups_anti_affinity_and_max_per_host(cloud):
    admin, demo = cloud
    old = demo.post('/v2.1/os-server-groups', {'server_group': {
        'name': 'g', 'policies': ['anti-affinity']}}, version='2.12')
    assert old.status_int == 200, old.body
    assert set(old.json_body_or_none['server_group']) == {
        'id', 'name', 'policies', 'members', 'metadata'}
    assert demo.post('/v2.1/os-server-groups', {'server_group': {
        'name': 'g', 'policies': ['soft-affinity']}}, version='2.12'
    ).status_int == 400
    assert demo.post('/v2.1/os-server-groups', {'server_group': {
        'name': 'g', 'policy': 'affinity',
        'rules': {'max_server_per_host': 2}}}).status_int == 400
    group = demo.post('/v2.1/os-server-groups', {'server_group': {
        'name': 'spread', 'policy': 'anti-affinity'}}).json_body_or_none[
            'server_group']
    assert group['rules'] == {} and 'policies' not in group
    factories.boot(demo, 'anti', hints={'group': group['id']}, min_count=3)
    servers = _wait(admin, 'anti', 'ACTIVE', count=3)
    assert len({s['OS-EXT-SRV-ATTR:host'] for s in servers}) == 3
    shown = demo.get('/v2.1/os-server-groups/%s' % group['id']
                     ).json_body_or_none['server_group']
    assert sorted(shown['members']) == sorted(s['id'] for s in servers)
    factories.boot(demo, 'fourth', hints={'group': group['id']})
    [fourth] = _wait(admin, 'fourth', 'ERROR')
    assert 'anti-affinity' in fourth['fault']['message']
    two = demo.post('/v2.1/os-server-groups', {'server_group': {
        'name': 'pairs', 'policy': 'anti-affinity',
        'rules': {'max_server_per_host': 2}}}).json_body_or_none[
            'server_group']
    factories.boot(demo, 'pair', hints={'group': two['id']}, min_count=6)
    servers = _wait(admin, 'pair', 'ACTIVE', count=6)
    hosts = [s['OS-EXT-SRV-ATTR:host'] for s in servers]
    assert sorted(hosts.count(h) for h in HOSTS) == [2, 2, 2]
    listed = demo.get('/v2.1/os-server-groups?limit=1&offset=1'
                      ).json_body_or_none['server_groups']
    assert len(listed) == 1
    assert admin.get('/v2.1/os-server-groups').json_body_or_none[
        'server_groups'] == []
    assert len(admin.get('/v2.1/os-server-groups?all_projects=true'
                         ).json_body_or_none['server_groups']) == 3
    factories.boot(demo, 'lost', expect=400, hints={
        'group': '00000000-0000-4000-8000-000000000000'})
    assert demo.delete('/v2.1/os-server-groups/%s' % two['id']
                       ).status_int == 204
    assert demo.get('/v2.1/os-server-groups/%s' % two['id']
                    ).status_int == 404


def test_server_group_affinity(cloud):
    admin, demo = cloud
    group = demo.post('/v2.1/os-server-groups', {'server_group': {
        'name': 'together', 'policy': 'affinity'}}).json_body_or_none[
            'server_group']
    factories.boot(demo, 'aff', hints={'group': group['id']}, min_count=2)
    first = _wait(admin, 'aff', 'ACTIVE', count=2)
    factories.boot(demo, 'third', hints={'group': group['id']})
    hosts = {s['OS-EXT-SRV-ATTR:host'] for s in
             first + _wait(admin, 'third', 'ACTIVE')}
    assert len(hosts) == 1


def test_simple_tenant_usage(cloud):
    admin, demo = cloud
    factories.boot(demo, 'used')
    [server] = _wait(admin, 'used', 'ACTIVE')
    window = '?start=2020-01-01T00:00:00&end=2100-01-01T00:00:00'
    listed = admin.get('/v2.1/os-simple-tenant-usage' + window +
                       '&detailed=1').json_body_or_none
    [usage] = listed['tenant_usages']
    assert usage['tenant_id'] == 'demo'
    assert usage['server_usages'][0]['instance_id'] == server['id']
    assert usage['server_usages'][0]['flavor'] == 'm1.tiny'
    assert demo.get('/v2.1/os-simple-tenant-usage').status_int == 403
    mine = demo.get('/v2.1/os-simple-tenant-usage/demo' + window
                    ).json_body_or_none['tenant_usage']
    assert mine['total_vcpus_usage'] >= 0
    paged = admin.get('/v2.1/os-simple-tenant-usage' + window + '&limit=1')
    assert 'tenant_usages_links' in paged.json_body_or_none
    assert admin.get('/v2.1/os-simple-tenant-usage?start=yesterday'
                     ).status_int == 400
    assert admin.get('/v2.1/os-simple-tenant-usage?start=2100-01-01T00:00:00'
                     ).status_int == 400
