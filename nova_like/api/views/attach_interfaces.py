# SPDX-License-Identifier: Apache-2.0
"""interfaceAttachment bodies of /servers/{id}/os-interface, from VIFs."""

from nova_like.api import microversion


def show(request, vif):
    """One VIF (network/model.py) as Nova shows a port of a server."""
    body = {
        'net_id': vif['network']['id'],
        'port_id': vif['id'],
        'mac_addr': vif['address'],
        'port_state': 'ACTIVE' if vif.get('active') else 'DOWN',
        'fixed_ips': [{'subnet_id': subnet['id'],
                       'ip_address': ip['address']}
                      for subnet in vif['network']['subnets']
                      for ip in subnet['ips']],
    }
    if microversion.at_least(request, '2.70'):
        body['tag'] = vif.get('tag')
    return body


def index(request, network_info):
    return {'interfaceAttachments': [show(request, vif)
                                     for vif in network_info]}
