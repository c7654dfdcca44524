# SPDX-License-Identifier: Apache-2.0
"""Nova's security group bodies, from Networking's groups and rules."""


def _rule(rule, names):
    remote_group = rule.get('remote_group_id')
    body = {'id': rule['id'], 'parent_group_id': rule['security_group_id'],
            'ip_protocol': rule.get('protocol'),
            'from_port': rule.get('port_range_min'),
            'to_port': rule.get('port_range_max'),
            'group': {}, 'ip_range': {}}
    if remote_group:
        body['group'] = {'name': names.get(remote_group),
                         'tenant_id': rule.get('tenant_id',
                                               rule.get('project_id'))}
    elif rule.get('remote_ip_prefix'):
        body['ip_range'] = {'cidr': rule['remote_ip_prefix']}
    return body


def show(group, names):
    """One Networking group as Nova shows it (ingress rules only).

    :param names: {group id: name} to name rules' remote groups.
    """
    return {'id': group['id'], 'name': group['name'],
            'description': group.get('description') or '',
            'tenant_id': group.get('tenant_id', group.get('project_id')),
            'rules': [_rule(rule, names)
                      for rule in group.get('security_group_rules') or []
                      if rule.get('direction') == 'ingress']}


def index(groups):
    names = {group['id']: group['name'] for group in groups}
    return {'security_groups': [show(group, names) for group in groups]}
