# SPDX-License-Identifier: Apache-2.0
"""The daemon's RPC server over RabbitMQ: a server's ports, made and gone.

A client of topic network (as the conductor's NetworkAPI sends) asks the
running nova-like-network for an instance's ports; the answer is
network_info, and the port shows in the Networking API.
"""

import uuid

from oslo_config import cfg
import oslo_messaging as messaging
from oslo_messaging import conffixture
import pytest
import requests

from nova_like import context as nl_context
from nova_like.network import rpcapi
from nova_like import rpc
from tests.integration import cloud as cloud_mod

pytestmark = pytest.mark.integration


@pytest.fixture
def client(network_daemon):
    conf = cfg.ConfigOpts()
    # Registers every option oslo.messaging reads from the conf it gets.
    conffixture.ConfFixture(conf)
    conf([], project='nova_like', default_config_files=[],
         default_config_dirs=[])
    transport = messaging.get_rpc_transport(
        conf, url=cloud_mod.RABBIT_URL + network_daemon.vhost,
        allowed_remote_exmods=['nova_like.exception'])
    target = messaging.Target(topic=rpcapi.RPC_TOPIC, version='1.0')
    yield messaging.get_rpc_client(
        transport, target, serializer=rpc.RequestContextSerializer(),
        timeout=20)
    transport.cleanup()


def _api(daemon, method, path, token, body=None):
    resp = requests.request(method, daemon.url + path, json=body,
                            headers={'X-Auth-Token': token}, timeout=20)
    resp.raise_for_status()
    return resp.json() if resp.content else None


def test_allocate_and_deallocate_over_rpc(network_daemon, keystone, client):
    session = keystone.session()
    token = session.get_token()
    project = session.get_project_id()
    net = _api(network_daemon, 'POST', '/v2.0/networks', token,
               {'network': {'name': 'rpc-net'}})['network']
    try:
        _api(network_daemon, 'POST', '/v2.0/subnets', token,
             {'subnet': {'network_id': net['id'], 'cidr': '10.30.0.0/24',
                         'enable_dhcp': False}})
        ctx = nl_context.RequestContext(user_id='u', project_id=project)
        instance = str(uuid.uuid4())
        [vif] = client.call(ctx, 'allocate_for_instance',
                            instance_uuid=instance, project_id=project,
                            host='cmp1', local_ip='127.0.0.1',
                            requested_networks=[{'network_id': net['id']}],
                            security_groups=None, hostname='vm')
        assert vif['network']['id'] == net['id']
        port = _api(network_daemon, 'GET', '/v2.0/ports/%s' % vif['id'],
                    token)['port']
        assert port['device_id'] == instance
        assert port['binding:host_id'] == 'cmp1'
        client.call(ctx, 'deallocate_for_instance', instance_uuid=instance)
        assert client.call(ctx, 'get_instance_nw_info',
                           instance_uuid=instance) == []
    finally:
        _api(network_daemon, 'DELETE', '/v2.0/networks/%s' % net['id'],
             token)
