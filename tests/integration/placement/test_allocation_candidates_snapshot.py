# SPDX-License-Identifier: Apache-2.0
"""Allocation candidates read while a provider is deleted.

One consistent answer, never a 500.
"""

import pytest

from nova_like.placement.objects import allocation_candidate

pytestmark = pytest.mark.integration


def _provider(client, name):
    rp = client.post('/resource_providers', json={'name': name}).json()
    resp = client.put('/resource_providers/%s/inventories' % rp['uuid'],
                      json={'resource_provider_generation': 0,
                            'inventories': {'VCPU': {'total': 4}}})
    assert resp.status_code == 200, resp.text
    return rp['uuid']


def test_provider_deleted_between_statements(client, monkeypatch):
    uuids = [_provider(client, 'cn%d' % i) for i in range(3)]
    trees = allocation_candidate._TREES
    read_trees = trees.rows

    def delete_one_first(*args, **kwargs):
        # Committed by another transaction after the providers with room
        # were read and before their trees are.
        resp = client.delete('/resource_providers/%s' % uuids[0])
        assert resp.status_code == 204, resp.text
        return read_trees(*args, **kwargs)

    monkeypatch.setattr(trees, 'rows', delete_one_first)
    resp = client.get('/allocation_candidates?resources=VCPU:1')
    assert resp.status_code == 200, resp.text
    # The answer is the snapshot's, from before the delete.
    assert sorted(resp.json()['provider_summaries']) == sorted(uuids)
