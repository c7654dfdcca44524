# SPDX-License-Identifier: Apache-2.0
"""Cached provider summaries never hide a write, from any process.

GET /allocation_candidates keeps the JSON of each provider's summary in the
process, valid while the provider's row (generation, parent, root, ...)
read by the same request is unchanged. Each test warms the cache of one
app, writes through a second app on the same database (another Placement
process, with its own cache), and checks that the first app answers exactly
what an app with an empty cache answers.
"""

import json
import shutil
import tempfile
import uuid

import pytest

from nova_like.db import engine
from nova_like.placement import direct
from nova_like.placement.db import migration
from tests.functional.placement import fixtures

QUERIES = [
    ('resources=VCPU:1,MEMORY_MB:256', '1.39'),
    ('resources=VCPU:1,MEMORY_MB:256', '1.29'),
    ('resources=VCPU:1&required=CUSTOM_FAST', '1.39'),
    ('resources=VCPU:1', '1.26'),
    ('resources=VCPU:1', '1.17'),
    ('resources=VCPU:1', '1.10'),
    ('resources=VCPU:1&resources_DISK=DISK_GB:10&group_policy=none', '1.39'),
]


class Cloud:
    """Two apps on one scratch database, and a way to build fresh ones."""

    def __init__(self, url):
        self.conf = fixtures.make_conf(url)
        self.cached = direct.PlacementDirect(self.conf)
        self.writer = direct.PlacementDirect(self.conf)

    def fresh(self):
        return direct.PlacementDirect(self.conf)

    def call(self, method, path, body=None, version='1.39', ok=(200, 201,
                                                                  204)):
        resp = self.writer.request(method, path, json=body,
                                   microversion=version)
        assert resp.status_code in ok, resp.text
        return resp.json() if resp.content else None

    def provider(self, name, parent=None, inventory=None, traits=None):
        rp = str(uuid.uuid4())
        body = {'name': name, 'uuid': rp}
        if parent:
            body['parent_provider_uuid'] = parent
        self.call('POST', '/resource_providers', body)
        if inventory:
            self.set_inventory(rp, inventory)
        if traits:
            self.set_traits(rp, traits)
        return rp

    def generation(self, rp):
        return self.call('GET', '/resource_providers/%s' % rp)[
            'generation']

    def set_inventory(self, rp, inventory):
        self.call('PUT', '/resource_providers/%s/inventories' % rp, {
            'resource_provider_generation': self.generation(rp),
            'inventories': inventory})

    def set_traits(self, rp, traits):
        for name in traits:
            if name.startswith('CUSTOM_'):
                self.call('PUT', '/traits/%s' % name)
        self.call('PUT', '/resource_providers/%s/traits' % rp, {
            'resource_provider_generation': self.generation(rp),
            'traits': traits})

    def allocate(self, consumer, allocations):
        current = self.call('GET', '/allocations/%s' % consumer)
        self.call('PUT', '/allocations/%s' % consumer, {
            'allocations': {rp: {'resources': res}
                            for rp, res in allocations.items()},
            'project_id': 'p', 'user_id': 'u',
            'consumer_generation': current.get('consumer_generation'),
            'consumer_type': 'INSTANCE'})

    def answers(self, client):
        out = {}
        for query, version in QUERIES:
            resp = client.get('/allocation_candidates?' + query,
                              microversion=version)
            assert resp.status_code == 200, resp.text
            out[(query, version)] = resp.content
        return out

    def check(self):
        """The warm app answers byte for byte what a cold one does."""
        got = self.answers(self.cached)
        want = self.answers(self.fresh())
        for key in want:
            assert got[key] == want[key], key
        return {k: json.loads(v) for k, v in got.items()}


@pytest.fixture
def cloud():
    tmp = tempfile.mkdtemp(prefix='placement-cache-')
    url = 'sqlite:///%s/placement.sqlite' % tmp
    migration.upgrade(url)
    try:
        c = Cloud(url)
        c.root = c.provider('root', inventory={
            'VCPU': {'total': 8}, 'MEMORY_MB': {'total': 4096}},
            traits=['CUSTOM_FAST'])
        c.child = c.provider('child', parent=c.root, inventory={
            'DISK_GB': {'total': 100}})
        c.flat = c.provider('flat', inventory={
            'VCPU': {'total': 4}, 'MEMORY_MB': {'total': 1024},
            'DISK_GB': {'total': 50}})
        c.check()
        c.check()
        yield c
    finally:
        engine.dispose_all()
        shutil.rmtree(tmp, ignore_errors=True)


def _summary(answers, rp, query=QUERIES[0]):
    return answers[query]['provider_summaries'][rp]


def _entries(client, rp):
    shapes = client.app.app.db.memo['allocation_candidates.summaries']
    return [entry for shape in shapes.values() for entry in shape.values()
            if entry[1].startswith('"%s"' % rp)]


def test_cache_is_used(cloud):
    before = _entries(cloud.cached, cloud.flat)
    assert before
    cloud.answers(cloud.cached)
    after = _entries(cloud.cached, cloud.flat)
    # The same summaries, not rebuilt ones.
    assert [id(e[1]) for e in after] == [id(e[1]) for e in before]
    cloud.allocate(str(uuid.uuid4()), {cloud.flat: {'VCPU': 1}})
    cloud.answers(cloud.cached)
    assert not {id(e[1]) for e in _entries(cloud.cached, cloud.flat)} & {
        id(e[1]) for e in before}


def test_allocation_from_another_process(cloud):
    consumer = str(uuid.uuid4())
    cloud.allocate(consumer, {cloud.flat: {'VCPU': 3, 'MEMORY_MB': 512}})
    answers = cloud.check()
    assert _summary(answers, cloud.flat)['resources']['VCPU']['used'] == 3
    cloud.call('DELETE', '/allocations/%s' % consumer)
    answers = cloud.check()
    assert _summary(answers, cloud.flat)['resources']['VCPU']['used'] == 0


def test_allocation_moved_between_providers(cloud):
    consumer = str(uuid.uuid4())
    cloud.allocate(consumer, {cloud.flat: {'VCPU': 1}})
    cloud.check()
    cloud.allocate(consumer, {cloud.root: {'VCPU': 1}})
    answers = cloud.check()
    assert _summary(answers, cloud.flat)['resources']['VCPU']['used'] == 0
    assert _summary(answers, cloud.root)['resources']['VCPU']['used'] == 1


def test_inventory_change(cloud):
    cloud.set_inventory(cloud.flat, {'VCPU': {'total': 4,
                                              'allocation_ratio': 2.0},
                                     'MEMORY_MB': {'total': 2048}})
    answers = cloud.check()
    resources = _summary(answers, cloud.flat)['resources']
    assert resources['VCPU']['capacity'] == 8
    assert 'DISK_GB' not in resources


def test_trait_change(cloud):
    cloud.set_traits(cloud.flat, ['CUSTOM_FAST', 'HW_CPU_X86_AVX2'])
    answers = cloud.check()
    assert sorted(_summary(answers, cloud.flat)['traits']) == [
        'CUSTOM_FAST', 'HW_CPU_X86_AVX2']
    cloud.set_traits(cloud.flat, [])
    answers = cloud.check()
    assert _summary(answers, cloud.flat)['traits'] == []


def test_reparent_moves_grandchildren(cloud):
    # The grandchild's own row changes (its root) without its generation.
    grandchild = cloud.provider('grandchild', parent=cloud.child,
                                inventory={'SRIOV_NET_VF': {'total': 4}})
    cloud.check()
    cloud.call('PUT', '/resource_providers/%s' % cloud.child, {
        'name': 'child', 'parent_provider_uuid': cloud.flat})
    answers = cloud.check()
    summary = _summary(answers, grandchild)
    assert summary['root_provider_uuid'] == cloud.flat
    assert summary['parent_provider_uuid'] == cloud.child


def test_provider_recreated_with_same_uuid(cloud):
    old = cloud.provider('old', inventory={'VCPU': {'total': 2}})
    cloud.check()
    generation = cloud.generation(old)
    cloud.call('DELETE', '/resource_providers/%s' % old)
    cloud.call('POST', '/resource_providers', {'name': 'old', 'uuid': old})
    cloud.set_inventory(old, {'VCPU': {'total': 16}})
    assert cloud.generation(old) == generation
    answers = cloud.check()
    assert _summary(answers, old, QUERIES[3])['resources']['VCPU'][
        'capacity'] == 16


def test_resource_class_renamed(cloud):
    cloud.call('POST', '/resource_classes', {'name': 'CUSTOM_OLD'})
    cloud.set_inventory(cloud.flat, {'VCPU': {'total': 4},
                                     'MEMORY_MB': {'total': 1024},
                                     'CUSTOM_OLD': {'total': 1}})
    answers = cloud.check()
    assert 'CUSTOM_OLD' in _summary(answers, cloud.flat)['resources']
    cloud.call('PUT', '/resource_classes/CUSTOM_OLD',
               {'name': 'CUSTOM_NEW'}, version='1.2')
    answers = cloud.check()
    assert 'CUSTOM_NEW' in _summary(answers, cloud.flat)['resources']


def test_whole_answers_reused_until_any_process_writes(cloud, monkeypatch):
    from nova_like.placement.objects import allocation_candidate as ac_obj
    computed = []
    real_get = ac_obj.get

    def counting_get(*args, **kwargs):
        computed.append(1)
        return real_get(*args, **kwargs)

    monkeypatch.setattr(ac_obj, 'get', counting_get)
    first = cloud.answers(cloud.cached)
    assert computed == []           # the fixture's check() left them warm
    # A write refused for a stale generation changes nothing.
    cloud.call('PUT', '/resource_providers/%s/inventories' % cloud.flat, {
        'resource_provider_generation': cloud.generation(cloud.flat) - 1,
        'inventories': {'VCPU': {'total': 1}}}, ok=(409,))
    assert cloud.answers(cloud.cached) == first
    assert computed == []
    cloud.allocate(str(uuid.uuid4()), {cloud.root: {'VCPU': 1}})
    cloud.check()
    assert len(computed) == 2 * len(QUERIES)
