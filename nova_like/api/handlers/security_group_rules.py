# SPDX-License-Identifier: Apache-2.0
"""/os-security-group-rules: Nova's proxy of the network service's rules
(create, delete; 2.1 to 2.35, 404 from 2.36 as in Nova).

Nova's rule {parent_group_id, ip_protocol, from_port, to_port, cidr |
group_id} is checked here with Nova's texts, then sent to the network
service as a Networking ingress rule.
"""

import ipaddress

from nova_like.api import errors
from nova_like.api.handlers import security_group_proxy as groups
from nova_like.api.handlers import server_networks
from nova_like.api.handlers import servers
from nova_like.api import microversion
from nova_like.api import policies
from nova_like.api.policies import security_groups as rules
from nova_like.api.schemas import security_group_proxy as schema
from nova_like.api import validation
from nova_like.api.views import security_groups as view
from nova_like.api import wsgi_util
from nova_like import exception

MAX_VERSION = '2.35'
PROTOCOLS = ('TCP', 'UDP', 'ICMP')
ANY_IPV4 = '0.0.0.0/0'


def _cidr(value):
    """(Nova's cidr text, its ethertype); 400 for a bad one."""
    text = ANY_IPV4 if value in (None, '') else value
    try:
        network = ipaddress.ip_network(str(text), strict=False)
    except ValueError:
        raise errors.bad_request('%s is not a valid IP network.' % text)
    address, _slash, prefix = str(text).partition('/')
    if prefix == '0' and address not in ('0.0.0.0', '::'):
        raise errors.bad_request('Bad prefix for network in cidr %s'
                                 % text)
    return str(text), 'IPv%d' % network.version


def _port(value, protocol):
    try:
        return int(value)
    except (TypeError, ValueError):
        if protocol == 'ICMP':
            raise errors.bad_request('Invalid input received: Type and Code '
                                     'must be integers for ICMP protocol '
                                     'type')
        raise errors.bad_request('Invalid input received: To and From '
                                 'ports must be integers')


def _ports(protocol, from_port, to_port):
    """Nova's checks of a rule's protocol and ports; the Networking
    (protocol, port_range_min, port_range_max)."""
    upper = str(protocol).upper()
    from_port, to_port = _port(from_port, upper), _port(to_port, upper)
    if upper not in PROTOCOLS:
        raise errors.bad_request('Invalid IP protocol %s.' % protocol)
    bad = 'Invalid port range %s:%s. ' % (from_port, to_port)
    if upper in ('TCP', 'UDP'):
        if from_port > to_port:
            raise errors.bad_request(
                bad + 'Former value cannot be greater than the later')
        if from_port < 1 or to_port > 65535:
            raise errors.bad_request(
                bad + 'Valid %s ports should be between 1-65535' % upper)
        return upper.lower(), from_port, to_port
    if not (-1 <= from_port <= 255 and -1 <= to_port <= 255):
        raise errors.bad_request(
            bad + 'For ICMP, the type:code must be valid')
    return ('icmp', None if from_port == -1 else from_port,
            None if to_port == -1 else to_port)


def _networking_rule(body, parent_id, remote_group_id):
    """The Networking ingress rule of Nova's rule body."""
    rule = {'security_group_id': parent_id, 'direction': 'ingress',
            'ethertype': 'IPv4', 'protocol': None, 'port_range_min': None,
            'port_range_max': None, 'remote_ip_prefix': None,
            'remote_group_id': remote_group_id}
    protocol = body.get('ip_protocol')
    from_port, to_port = body.get('from_port'), body.get('to_port')
    complete = bool(protocol) and from_port is not None and \
        to_port is not None
    if complete:
        (rule['protocol'], rule['port_range_min'],
         rule['port_range_max']) = _ports(protocol, from_port, to_port)
    if remote_group_id is None:
        cidr, rule['ethertype'] = _cidr(body.get('cidr'))
        if not complete:
            raise errors.bad_request('Not enough parameters to build a '
                                     'valid rule.')
        rule['remote_ip_prefix'] = cidr
    return rule


@microversion.version_handler('2.1', MAX_VERSION)
def create(request):
    """POST /os-security-group-rules (200, as Nova)."""
    context = wsgi_util.context_of(request)
    policies.authorize(context, rules.RULE_CREATE)
    body = validation.body(request, schema.RULE)['security_group_rule']
    if not isinstance(body, dict):
        raise errors.bad_request('Missing parameter security_group_rule')
    parent_id = groups.checked_id(body.get('parent_group_id'))
    remote_id = body.get('group_id')
    with server_networks.unreachable_is_503():
        parent = groups.get_group(context, parent_id)
        if remote_id is not None:
            remote_id = groups.checked_id(remote_id)
            remote = groups.get_group(context, remote_id)
        rule = _networking_rule(body, parent['id'], remote_id)
        try:
            created = servers.compute_api().create_security_group_rule(
                context, rule)
        except exception.SecurityGroupNotFound as exc:
            raise errors.not_found(exception.reason_of(exc))
        except exception.Conflict:
            raise errors.bad_request('This rule already exists in group %s'
                                     % parent_id)
        except exception.Invalid as exc:
            raise errors.bad_request(exception.reason_of(exc))
        except exception.Forbidden as exc:
            raise errors.forbidden(exception.reason_of(exc))
    names = {remote_id: remote['name']} if remote_id else {}
    return wsgi_util.json_response(
        {'security_group_rule': view.rule(created, names)})


@microversion.version_handler('2.1', MAX_VERSION)
def delete(request):
    """DELETE /os-security-group-rules/{rule_id} (202)."""
    context = wsgi_util.context_of(request)
    policies.authorize(context, rules.RULE_DELETE)
    rule_id = groups.checked_id(request.urlvars['rule_id'])
    try:
        with server_networks.unreachable_is_503():
            servers.compute_api().delete_security_group_rule(context,
                                                             rule_id)
    except exception.SecurityGroupRuleNotFound:
        raise errors.not_found('Security group rule %s not found.'
                               % rule_id)
    return wsgi_util.empty_response(202)
