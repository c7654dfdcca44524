# SPDX-License-Identifier: Apache-2.0
"""Allocation candidates on MariaDB and PostgreSQL: cached summaries stay
exact across writes from another process, as on SQLite (the functional
test_allocation_candidates_cache.py), with each driver's row types."""

import uuid

import pytest

from nova_like.db import engine
from nova_like.placement.db import migration
from tests import db_servers
from tests.functional.placement.test_allocation_candidates_cache import Cloud

pytestmark = pytest.mark.integration


@pytest.mark.parametrize('backend', ['mysql', 'postgresql'])
def test_cached_summaries_follow_writes(backend):
    url = db_servers.create_database(backend, prefix='nlac')
    try:
        migration.upgrade(url)
        cloud = Cloud(url)
        root = cloud.provider('root', inventory={
            'VCPU': {'total': 8}, 'MEMORY_MB': {'total': 4096}},
            traits=['CUSTOM_FAST'])
        child = cloud.provider('child', parent=root, inventory={
            'DISK_GB': {'total': 100}})
        flat = cloud.provider('flat', inventory={
            'VCPU': {'total': 4}, 'MEMORY_MB': {'total': 1024},
            'DISK_GB': {'total': 50}})
        cloud.check()
        cloud.check()
        consumer = str(uuid.uuid4())
        cloud.allocate(consumer, {flat: {'VCPU': 3, 'MEMORY_MB': 512}})
        answers = cloud.check()
        summary = answers[('resources=VCPU:1,MEMORY_MB:256', '1.39')][
            'provider_summaries'][flat]
        assert summary['resources']['VCPU']['used'] == 3
        cloud.set_inventory(flat, {'VCPU': {'total': 4,
                                            'allocation_ratio': 2.0},
                                   'MEMORY_MB': {'total': 2048}})
        cloud.check()
        cloud.set_traits(flat, ['CUSTOM_FAST'])
        cloud.check()
        grandchild = cloud.provider('grandchild', parent=child,
                                    inventory={'SRIOV_NET_VF': {'total': 4}})
        cloud.check()
        cloud.call('PUT', '/resource_providers/%s' % child, {
            'name': 'child', 'parent_provider_uuid': flat})
        answers = cloud.check()
        assert answers[('resources=VCPU:1,MEMORY_MB:256', '1.39')][
            'provider_summaries'][grandchild]['root_provider_uuid'] == flat
    finally:
        engine.dispose_all()
        db_servers.drop_database(url)
