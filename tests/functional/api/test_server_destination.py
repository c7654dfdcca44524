# SPDX-License-Identifier: Apache-2.0
"""An admin choosing the host: az:host[:node] (forced) and 2.74's host /
hypervisor_hostname (filtered), as they reach the request spec."""

import uuid

import pytest

from nova_like import context as nl_context
from nova_like import objects
from tests import factories
from tests.functional.api import fakes
from tests.functional.api import live as live_helpers


@pytest.fixture
def node(cloud):
    with nl_context.target_cell(cloud.ctx, cloud.cells['cell1']) as cctx:
        objects.ComputeNode(
            cctx, uuid=str(uuid.uuid4()), host=fakes.HOST,
            hypervisor_hostname='node-1', hypervisor_type='fake', vcpus=8,
            memory_mb=8192, local_gb=100).create()
    return cloud


def _spec(cloud, response):
    assert response.status_int == 202, response.body
    return cloud.conductor.casts[-1]['request_specs'][0]


def _boot(cloud, client=None, version=None, **extra):
    response = (client or cloud.admin).post(
        '/v2.1/servers', factories.server_body('pick', networks='none',
                                               **extra), version=version)
    if response.status_int == 202:
        cloud.conductor.wait()
    return response


def test_forced_host_and_node(node):
    spec = _spec(node, _boot(node, availability_zone='nova:' + fakes.HOST))
    assert (spec.force_hosts, spec.force_nodes, spec.availability_zone) == (
        [fakes.HOST], [], 'nova')
    spec = _spec(node, _boot(node, availability_zone='::node-1'))
    assert (spec.force_hosts, spec.force_nodes, spec.availability_zone) == (
        [], ['node-1'], None)
    spec = _spec(node, _boot(node, availability_zone=':%s:node-1'
                             % fakes.HOST))
    assert (spec.force_hosts, spec.force_nodes) == ([fakes.HOST],
                                                    ['node-1'])


def test_forced_host_refusals(node):
    assert _boot(node, node.alice, availability_zone='nova:' + fakes.HOST
                 ).status_int == 403
    elsewhere = _boot(node, availability_zone='elsewhere:' + fakes.HOST)
    assert elsewhere.status_int == 400
    both = _boot(node, availability_zone='nova:' + fakes.HOST,
                 host=fakes.HOST)
    assert both.status_int == 400
    assert 'cannot be combined' in both.json['badRequest']['message']


def test_requested_destination_274(node):
    spec = _spec(node, _boot(node, host=fakes.HOST))
    assert spec.requested_destination == {'host': fakes.HOST, 'node': None}
    assert spec.force_hosts == []
    spec = _spec(node, _boot(node, hypervisor_hostname='node-1'))
    assert spec.requested_destination == {'host': None, 'node': 'node-1'}
    spec = _spec(node, _boot(node, host=fakes.HOST,
                             hypervisor_hostname='node-1'))
    assert spec.requested_destination == {'host': fakes.HOST,
                                          'node': 'node-1'}


@pytest.mark.parametrize('extra, message', [
    ({'host': 'nowhere'}, 'Compute host nowhere could not be found.'),
    ({'hypervisor_hostname': 'node-9'},
     'Compute host node-9 could not be found.'),
    ({'host': fakes.HOST, 'hypervisor_hostname': 'node-9'},
     'Compute host %s could not be found.' % fakes.HOST)])
def test_requested_destination_must_exist(node, extra, message):
    refused = _boot(node, **extra)
    assert refused.status_int == 400
    assert refused.json['badRequest']['message'] == message


def test_requested_destination_is_admin_and_274(node):
    assert _boot(node, node.alice, host=fakes.HOST).status_int == 403
    assert _boot(node, host=fakes.HOST, version='2.73').status_int == 400


def test_through_the_scheduler(live):
    """The whole stack: forced and requested hosts land there; a forced
    host the scheduler does not know ends in ERROR saying so."""
    forced = live_helpers.boot(live.admin, 'forced',
                               availability_zone='nova:' + live_helpers.HOST)
    assert live_helpers.server(live.admin, forced)[
        'OS-EXT-SRV-ATTR:host'] == live_helpers.HOST
    asked = live_helpers.boot(live.admin, 'asked', host=live_helpers.HOST)
    assert live_helpers.server(live.admin, asked)[
        'OS-EXT-SRV-ATTR:host'] == live_helpers.HOST
    lost = factories.boot(live.admin, 'lost',
                          availability_zone='nova:cmp9').json['server']['id']
    body = live_helpers.wait_status(live.admin, lost, 'ERROR')
    assert 'the requested destination cmp9' in body['fault']['message']
