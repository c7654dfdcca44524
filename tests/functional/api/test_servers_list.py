# SPDX-License-Identifier: Apache-2.0
"""GET /servers and /servers/detail: filters, sorting, paging.

Across build requests and cells.
"""

import datetime
import time

from nova_like import context as nl_context
from nova_like import objects
from tests.functional.api import fakes


def _boot(cloud, name, **extra):
    """cloud.boot as alice; the server's id."""
    return cloud.boot(cloud.alice, name, **extra).json['server']['id']


def _names(response):
    assert response.status_int == 200, response.body
    return [s['name'] for s in response.json['servers']]


def _set(response):
    return sorted(_names(response))


def test_newest_first_and_merged_across_build_requests_and_cells(cloud):
    # created_at travels with one-second precision: space the boots out.
    _boot(cloud, 'one')
    time.sleep(1.05)
    cloud.conductor.mode = 'error'
    _boot(cloud, 'two')
    time.sleep(1.05)
    cloud.conductor.mode = 'hold'
    _boot(cloud, 'three')
    assert _names(cloud.alice.get('/v2.1/servers')) == ['three', 'two', 'one']
    statuses = [s['status'] for s in cloud.alice.get(
        '/v2.1/servers/detail').json['servers']]
    assert statuses == ['BUILD', 'ERROR', 'ACTIVE']


def test_filters(cloud):
    _boot(cloud, 'web-1')
    _boot(cloud, 'db-1', flavorRef='2')
    cloud.conductor.mode = 'hold'
    _boot(cloud, 'web-2')
    get = cloud.alice.get
    assert _set(get('/v2.1/servers?name=^web')) == ['web-1', 'web-2']
    assert _set(get('/v2.1/servers?status=ACTIVE')) == ['db-1', 'web-1']
    assert _names(get('/v2.1/servers?status=BUILD')) == ['web-2']
    assert _names(get('/v2.1/servers?status=NOSUCH')) == []
    assert _names(get('/v2.1/servers?flavor=2')) == ['db-1']
    assert _set(get('/v2.1/servers?image=' + fakes.IMAGE_ID)) == [
        'db-1', 'web-1', 'web-2']
    # host is an admin filter: ignored for a member.
    assert len(_names(get('/v2.1/servers?host=nowhere'))) == 3
    admin = cloud.admin.get
    assert _set(admin('/v2.1/servers?all_tenants=1&host=' + fakes.HOST)
                ) == ['db-1', 'web-1']
    assert _names(admin('/v2.1/servers?all_tenants=1&project_id=proj-b')
                  ) == []


def test_changes_since_includes_deleted(cloud):
    before = datetime.datetime.now(datetime.timezone.utc) - \
        datetime.timedelta(seconds=5)
    server_id = _boot(cloud, 'gone')
    assert cloud.alice.delete('/v2.1/servers/' + server_id).status_int == 204
    cloud.compute.wait()
    assert _names(cloud.alice.get('/v2.1/servers')) == []
    since = before.strftime('%Y-%m-%dT%H:%M:%SZ')
    response = cloud.alice.get('/v2.1/servers/detail?changes-since=' + since)
    servers = response.json['servers']
    assert [s['status'] for s in servers] == ['DELETED']


def test_sort_and_paging_with_next_links(cloud, conf=None):
    for name in ('c', 'a', 'b', 'd'):
        _boot(cloud, name)
    page = cloud.alice.get('/v2.1/servers?sort_key=display_name&'
                           'sort_dir=asc&limit=2')
    assert _names(page) == ['a', 'b']
    link = page.json['servers_links'][0]
    assert link['rel'] == 'next'
    assert link['href'].startswith('http://127.0.0.1:8774/v2.1/servers?')
    path = link['href'][len('http://127.0.0.1:8774'):]
    second = cloud.alice.get(path)
    assert _names(second) == ['c', 'd']
    third = cloud.alice.get(second.json['servers_links'][0]['href'][
        len('http://127.0.0.1:8774'):])
    assert _names(third) == []
    detail = cloud.alice.get('/v2.1/servers/detail?limit=1')
    assert '/v2.1/servers/detail?' in detail.json['servers_links'][0]['href']


def test_marker_may_be_a_build_request(cloud):
    _boot(cloud, 'old')
    time.sleep(1.05)
    cloud.conductor.mode = 'hold'
    newest = _boot(cloud, 'new')
    assert _names(cloud.alice.get('/v2.1/servers?marker=' + newest)) == [
        'old']


def test_members_may_not_sort_by_host(cloud):
    response = cloud.alice.get('/v2.1/servers?sort_key=host')
    assert response.status_int == 403
    assert cloud.admin.get('/v2.1/servers?sort_key=host').status_int == 200


def test_max_limit_caps_the_page(cloud):
    from nova_like import conf
    conf.CONF.set_override('max_limit', 2, group='api')
    try:
        for name in ('a', 'b', 'c'):
            _boot(cloud, name)
        response = cloud.alice.get('/v2.1/servers?limit=50')
        assert len(response.json['servers']) == 2
        assert 'servers_links' in response.json
    finally:
        conf.CONF.clear_override('max_limit', group='api')


def test_tags_and_locked_filters(cloud):
    _boot(cloud, 'tagged', tags=['x', 'y'])
    _boot(cloud, 'plain')
    assert _names(cloud.alice.get('/v2.1/servers?tags=x,y')) == ['tagged']
    assert _names(cloud.alice.get('/v2.1/servers?not-tags-any=x')) == [
        'plain']
    with nl_context.target_cell(cloud.ctx, cloud.cells['cell1']) as cctx:
        listed = objects.InstanceList.get_by_filters(
            cctx, {'display_name': 'plain'})
        listed[0].locked = True
        listed[0].save()
    assert _names(cloud.alice.get('/v2.1/servers?locked=true')) == ['plain']
