# SPDX-License-Identifier: Apache-2.0
"""network/model.py: the order of a server's NICs survives a re-read."""

from nova_like.network import model


def _vifs(*ids):
    return [{'id': port_id} for port_id in ids]


def test_a_fresh_answer_keeps_the_instances_nic_order():
    known = _vifs('p2', 'p1', 'p3')
    fresh = _vifs('p1', 'p3', 'p2')        # ports by creation time
    assert model.in_order_of(known, fresh) == known


def test_new_ports_come_last_and_gone_ones_are_dropped():
    known = _vifs('p2', 'p1', 'gone')
    fresh = _vifs('new2', 'p1', 'new1', 'p2')
    assert [v['id'] for v in model.in_order_of(known, fresh)] == \
        ['p2', 'p1', 'new2', 'new1']
    assert model.in_order_of(None, fresh) == fresh
