# SPDX-License-Identifier: Apache-2.0
"""Addresses, ips, interfaceAttachment and security group bodies.

Built from VIFs (network/model.py) and Networking's groups, in Nova's shapes.
"""

import webob

from nova_like.api import microversion
from nova_like.api.views import attach_interfaces
from nova_like.api.views import ips
from nova_like.api.views import security_groups
from nova_like.api.views import servers

PORT = 'ce531f90-199f-48c0-816c-13e38010b442'
NET = '3cb9bc59-5699-4588-a4b1-b87f96708bc6'


def _vif(active=True, tag=None, groups=()):
    return {'id': PORT, 'address': 'fa:16:3e:4c:2c:30', 'active': active,
            'tag': tag, 'type': 'bridge', 'devname': 'tap' + PORT[:11],
            'network': {'id': NET, 'label': 'private', 'subnets': [{
                'id': 'f8a6e8f8-c2ec-497c-9f23-da9616de54ef',
                'cidr': '192.168.1.0/24', 'version': 4,
                'ips': [{'address': '192.168.1.3', 'type': 'fixed',
                         'version': 4}]}]},
            'security_groups': [{'id': g, 'name': g} for g in groups]}


def _request(version):
    request = webob.Request.blank('/v2.1/servers')
    request.environ[microversion.ENVIRON_KEY] = microversion.parse(version)
    return request


def test_ips_show_only_version_and_addr_by_network():
    assert ips.index([_vif()]) == {'addresses': {'private': [
        {'version': 4, 'addr': '192.168.1.3'}]}}


def test_interface_attachment_has_nova_fields_and_tag_from_2_70():
    expected = {'net_id': NET, 'port_id': PORT,
                'mac_addr': 'fa:16:3e:4c:2c:30', 'port_state': 'ACTIVE',
                'fixed_ips': [{
                    'subnet_id': 'f8a6e8f8-c2ec-497c-9f23-da9616de54ef',
                    'ip_address': '192.168.1.3'}]}
    assert attach_interfaces.show(_request('2.69'), _vif(tag='nic1')) == \
        expected
    assert attach_interfaces.show(_request('2.70'), _vif(tag='nic1')) == \
        dict(expected, tag='nic1')
    assert attach_interfaces.show(
        _request('2.1'), _vif(active=False))['port_state'] == 'DOWN'


def test_security_group_names_are_listed_once_across_ports():
    vifs = [_vif(groups=['default', 'web']), _vif(groups=['web'])]
    assert servers.security_group_names(vifs) == ['default', 'web']
    assert servers.security_group_names([]) == []


def test_security_groups_show_ingress_rules_in_nova_format():
    group = {'id': 'g1', 'name': 'web', 'description': 'Web',
             'tenant_id': 'p1', 'security_group_rules': [
                 {'id': 'r1', 'security_group_id': 'g1',
                  'direction': 'ingress', 'protocol': 'tcp',
                  'port_range_min': 80, 'port_range_max': 80,
                  'remote_ip_prefix': '0.0.0.0/0', 'tenant_id': 'p1'},
                 {'id': 'r2', 'security_group_id': 'g1',
                  'direction': 'ingress', 'protocol': None,
                  'port_range_min': None, 'port_range_max': None,
                  'remote_group_id': 'g1', 'tenant_id': 'p1'},
                 {'id': 'r3', 'security_group_id': 'g1',
                  'direction': 'egress', 'protocol': None}]}
    assert security_groups.index([group]) == {'security_groups': [{
        'id': 'g1', 'name': 'web', 'description': 'Web', 'tenant_id': 'p1',
        'rules': [
            {'id': 'r1', 'parent_group_id': 'g1', 'ip_protocol': 'tcp',
             'from_port': 80, 'to_port': 80, 'group': {},
             'ip_range': {'cidr': '0.0.0.0/0'}},
            {'id': 'r2', 'parent_group_id': 'g1', 'ip_protocol': None,
             'from_port': None, 'to_port': None,
             'group': {'name': 'web', 'tenant_id': 'p1'},
             'ip_range': {}}]}]}
