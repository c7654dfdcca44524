# SPDX-License-Identifier: Apache-2.0
"""Aggregate (a plain object) against a real SQLite API database."""

import pytest

from nova_like import exception
from nova_like.objects import aggregate as aggregate_obj


def _aggregate(ctx, name, zone=None, hosts=()):
    aggregate = aggregate_obj.Aggregate(
        ctx, name=name, metadata={'availability_zone': zone} if zone else {})
    aggregate.create()
    for host in hosts:
        aggregate.add_host(host)
    return aggregate


def test_create_gives_an_id_a_uuid_and_timestamps(dbs, admin_context):
    aggregate = _aggregate(admin_context, 'agg1', zone='az1')
    assert aggregate.id is not None and len(aggregate.uuid) == 36
    assert (aggregate.name, aggregate.availability_zone, aggregate.hosts,
            aggregate.metadata) == ('agg1', 'az1', [],
                                    {'availability_zone': 'az1'})
    assert aggregate.created_at is not None
    with pytest.raises(exception.AggregateNameExists):
        _aggregate(admin_context, 'agg1')


def test_get_by_id_and_get_all(dbs, admin_context):
    first = _aggregate(admin_context, 'agg1', hosts=['h1', 'h2'])
    _aggregate(admin_context, 'agg2', hosts=['h2'])
    found = aggregate_obj.Aggregate.get_by_id(admin_context, first.id)
    assert (found.uuid, found.hosts, found.availability_zone) == (
        first.uuid, ['h1', 'h2'], None)
    assert [a.name for a in aggregate_obj.Aggregate.get_all(
        admin_context)] == ['agg1', 'agg2']
    assert [a.name for a in aggregate_obj.Aggregate.get_all(
        admin_context, host='h1')] == ['agg1']
    with pytest.raises(exception.AggregateNotFound):
        aggregate_obj.Aggregate.get_by_id(admin_context, 42)


def test_methods_work_on_an_aggregate_known_by_its_id_only(
        dbs, admin_context):
    created = _aggregate(admin_context, 'agg1')
    aggregate = aggregate_obj.Aggregate(admin_context, id=created.id)
    aggregate.update(name='renamed', metadata={'availability_zone': 'az1',
                                               'ssd': 'true'})
    assert (aggregate.name, aggregate.uuid, aggregate.metadata) == (
        'renamed', created.uuid, {'availability_zone': 'az1',
                                  'ssd': 'true'})
    aggregate.update(metadata={'ssd': None})
    assert (aggregate.name, aggregate.metadata) == (
        'renamed', {'availability_zone': 'az1'})
    aggregate.add_host('h1')
    assert aggregate.hosts == ['h1']
    with pytest.raises(exception.AggregateHostExists):
        aggregate.add_host('h1')
    aggregate.delete_host('h1')
    assert aggregate.hosts == []
    with pytest.raises(exception.AggregateHostNotFound):
        aggregate.delete_host('h1')


def test_a_host_stays_in_one_zone(dbs, admin_context):
    _aggregate(admin_context, 'agg1', zone='az1', hosts=['h1'])
    other = _aggregate(admin_context, 'agg2', hosts=['h1', 'h2'])
    assert other.hosts_in_other_zones('az2') == ['h1']
    assert other.hosts_in_other_zones('az1') == []
    with pytest.raises(exception.AggregateAZConflict):
        _aggregate(admin_context, 'agg3', zone='az2', hosts=['h1'])


def test_destroy(dbs, admin_context):
    aggregate = _aggregate(admin_context, 'agg1', hosts=['h1'])
    aggregate.destroy()
    assert aggregate_obj.Aggregate.get_all(admin_context) == []
    with pytest.raises(exception.AggregateNotFound):
        aggregate.destroy()
