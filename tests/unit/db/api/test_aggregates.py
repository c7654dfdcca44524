# SPDX-License-Identifier: Apache-2.0
"""Aggregates in the API database.

A list holds each aggregate's own hosts and metadata.
"""

from nova_like.db.api import aggregates


def _add(name, hosts, metadata):
    value = aggregates.aggregate_create({'name': name, 'uuid': name * 4},
                                        metadata)
    for host in hosts:
        aggregates.aggregate_host_add(value['id'], host)


def test_get_all_gives_each_aggregate_its_own_hosts_and_metadata(dbs):
    assert aggregates.aggregate_get_all() == []
    _add('agg1', ['cmp1', 'cmp2'], {'availability_zone': 'az1'})
    _add('agg2', ['cmp2'], {'ssd': 'true', 'fast': 'yes'})
    _add('agg3', [], {})
    found = {a['name']: (a['hosts'], a['metadata'])
             for a in aggregates.aggregate_get_all()}
    assert found == {'agg1': (['cmp1', 'cmp2'], {'availability_zone': 'az1'}),
                     'agg2': (['cmp2'], {'ssd': 'true', 'fast': 'yes'}),
                     'agg3': ([], {})}
    assert [a['name'] for a in aggregates.aggregate_get_all(host='cmp2')] == [
        'agg1', 'agg2']
    assert aggregates.aggregate_get_all(host='cmp9') == []
