# SPDX-License-Identifier: Apache-2.0
"""Many threads racing for the last units: exactly the capacity is handed out.

Each thread claims one unit for its own consumer through the in-process
API, all released at once by a barrier, against MariaDB, PostgreSQL and
SQLite. Every answer is 204 or 409 (never 500), and the usage afterwards
equals the number of 204s, which equals the capacity.
"""

import threading
import uuid

import pytest


pytestmark = pytest.mark.integration
THREADS = 24


def _provider(client, vcpus):
    rp = client.post('/resource_providers', json={'name': 'race'}).json()
    resp = client.put('/resource_providers/%s/inventories' % rp['uuid'],
                      json={'resource_provider_generation': 0,
                            'inventories': {'VCPU': {'total': vcpus}}})
    assert resp.status_code == 200, resp.text
    return rp['uuid']


def _race(client, rp_uuid, threads):
    barrier = threading.Barrier(threads)
    statuses = []
    lock = threading.Lock()

    def claim():
        body = {'allocations': {rp_uuid: {'resources': {'VCPU': 1}}},
                'project_id': 'p', 'user_id': 'u',
                'consumer_generation': None, 'consumer_type': 'INSTANCE'}
        barrier.wait()
        resp = client.put('/allocations/%s' % uuid.uuid4(), json=body)
        with lock:
            statuses.append((resp.status_code, resp.text))

    workers = [threading.Thread(target=claim) for _ in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(120)
    return statuses


@pytest.mark.parametrize('capacity', [1, 5])
def test_last_unit_race(client, capacity):
    rp_uuid = _provider(client, capacity)
    statuses = _race(client, rp_uuid, THREADS)
    assert len(statuses) == THREADS
    unexpected = [s for s in statuses if s[0] not in (204, 409)]
    assert not unexpected, unexpected
    won = sum(1 for code, _ in statuses if code == 204)
    assert won == capacity, statuses
    usage = client.get('/resource_providers/%s/usages' % rp_uuid).json()
    assert usage['usages']['VCPU'] == capacity
    allocations = client.get(
        '/resource_providers/%s/allocations' % rp_uuid).json()
    assert len(allocations['allocations']) == capacity


def test_racing_claims_queue_on_the_provider_instead_of_starting_again(
        client, monkeypatch):
    from nova_like.placement.objects import allocation as alloc_obj

    rp_uuid = _provider(client, THREADS)
    lost = []
    swap = alloc_obj._swap_generations

    def counting_swap(s, rows):
        try:
            return swap(s, rows)
        except alloc_obj._SwapLost as exc:
            lost.append(exc)
            raise

    monkeypatch.setattr(alloc_obj, '_swap_generations', counting_swap)
    statuses = _race(client, rp_uuid, THREADS)
    assert [code for code, _ in statuses] == [204] * THREADS, statuses
    # The provider row is locked before anything is read, so no claim's
    # generation swap fails and no claim is computed twice.
    assert lost == []
