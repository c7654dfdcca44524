# SPDX-License-Identifier: Apache-2.0
"""Nova's security group bodies, from Networking's groups and rules."""


def _ports(rule):
    """Nova's (from_port, to_port): a protocol without ports is all of
    them (1-65535 for TCP and UDP, -1 for the others)."""
    low, high = rule.get('port_range_min'), rule.get('port_range_max')
    protocol = rule.get('protocol')
    if protocol and low is None and high is None:
        return (1, 65535) if protocol.upper() in ('TCP', 'UDP') \
            else (-1, -1)
    return low, high


def rule(one, names):
    """One Networking rule as Nova shows it.

    :param names: {group id: name} to name the rule's remote group.
    """
    remote_group = one.get('remote_group_id')
    from_port, to_port = _ports(one)
    body = {'id': one['id'], 'parent_group_id': one['security_group_id'],
            'ip_protocol': one.get('protocol'),
            'from_port': from_port, 'to_port': to_port,
            'group': {}, 'ip_range': {}}
    if remote_group:
        body['group'] = {'name': names.get(remote_group),
                         'tenant_id': one.get('tenant_id',
                                               one.get('project_id'))}
    else:
        body['ip_range'] = {'cidr': one.get('remote_ip_prefix')
                            or '0.0.0.0/0'}
    return body


def show(group, names):
    """One Networking group as Nova shows it (ingress rules only).

    :param names: {group id: name} to name rules' remote groups.
    """
    return {'id': group['id'], 'name': group['name'],
            'description': group.get('description') or '',
            'tenant_id': group.get('tenant_id', group.get('project_id')),
            'rules': [rule(one, names)
                      for one in group.get('security_group_rules') or []
                      if one.get('direction') == 'ingress']}


def index(groups):
    names = {group['id']: group['name'] for group in groups}
    return {'security_groups': [show(group, names) for group in groups]}
