# SPDX-License-Identifier: Apache-2.0
"""Security groups and their rules; each project's `default` group.

The default group is made on first use (when the project lists its groups
or gets a port), race-free: the default_security_groups row, keyed by
project, is inserted with the group, and the loser of a race reads the
winner's. It allows ingress from members of the same group and all egress,
IPv4 and IPv6, as Networking's does.
"""

import ipaddress

import sqlalchemy as sa

from nova_like import exception
from nova_like.network.db import api as db_api
from nova_like.network.db import models
from nova_like.network import errors
from nova_like.network.objects import base
from nova_like.network import quota

GROUP_ATTRIBUTES = ('name', 'description', 'project_id', 'tenant_id',
                    'stateful')
RULE_ATTRIBUTES = ('security_group_id', 'direction', 'ethertype',
                   'protocol', 'port_range_min', 'port_range_max',
                   'remote_ip_prefix', 'remote_group_id', 'description',
                   'project_id', 'tenant_id', 'remote_address_group_id')
PROTOCOLS = {'tcp': 6, 'udp': 17, 'icmp': 1, 'icmpv6': 58, 'ipv6-icmp': 58,
             'sctp': 132, 'gre': 47, 'esp': 50, 'ah': 51, 'vrrp': 112,
             'igmp': 2}
DEFAULT = 'default'


def rule_to_dict(row):
    view = base.common(row)
    view.pop('tags')
    view.update({
        'security_group_id': row.security_group_id,
        'direction': row.direction, 'ethertype': row.ethertype,
        'protocol': row.protocol, 'port_range_min': row.port_range_min,
        'port_range_max': row.port_range_max,
        'remote_ip_prefix': row.remote_ip_prefix,
        'remote_group_id': row.remote_group_id,
        'remote_address_group_id': None, 'description': row.description,
        'normalized_cidr': normalized(row.remote_ip_prefix),
        'belongs_to_default_sg': None,
    })
    return view


def to_dict(row, rules):
    view = base.common(row)
    view.update({'name': row.name, 'description': row.description,
                 'stateful': row.stateful, 'shared': False,
                 'security_group_rules': [rule_to_dict(r) for r in rules]})
    return view


def _rules_of(session, group_ids):
    found = {group_id: [] for group_id in group_ids}
    if group_ids:
        table = models.SecurityGroupRule
        for rule in session.execute(sa.select(table).where(
                table.security_group_id.in_(group_ids))).scalars():
            found[rule.security_group_id].append(rule)
    return found


def _new_rule(session, group_id, project_id, direction, ethertype,
              protocol=None, port_min=None, port_max=None, prefix=None,
              remote_group=None, description=''):
    rule = models.SecurityGroupRule(
        id=base.new_id(), security_group_id=group_id,
        project_id=project_id, direction=direction, ethertype=ethertype,
        protocol=protocol, port_range_min=port_min,
        port_range_max=port_max, remote_ip_prefix=prefix,
        remote_group_id=remote_group, description=description,
        revision_number=0)
    session.add(rule)
    return rule


def ensure_default(session, project_id):
    """The id of the project's default group, made now if need be."""
    table = models.DefaultSecurityGroup
    found = session.get(table, project_id)
    if found is not None:
        return found.security_group_id
    group_id = base.new_id()
    try:
        with session.begin_nested():
            session.add(table(project_id=project_id,
                              security_group_id=group_id))
            session.add(models.SecurityGroup(
                id=group_id, project_id=project_id, name=DEFAULT,
                description='Default security group', stateful=True,
                revision_number=1))
            for ethertype in ('IPv4', 'IPv6'):
                _new_rule(session, group_id, project_id, 'ingress',
                          ethertype, remote_group=group_id)
                _new_rule(session, group_id, project_id, 'egress',
                          ethertype)
            session.flush()
    except sa.exc.IntegrityError as exc:
        if not db_api.is_duplicate(exc):
            raise
        session.expire_all()
        return session.get(table, project_id).security_group_id
    return group_id


def ensure_default_now(ctx, project_id):
    with ctx.db.writer() as session:
        return ensure_default(session, project_id)


def get_row(session, ctx, group_id):
    row = session.get(models.SecurityGroup, group_id)
    if row is None or not (ctx.admin or row.project_id == ctx.project_id):
        raise exception.SecurityGroupNotFound(id=group_id)
    return row


def get(ctx, group_id):
    with ctx.db.reader() as session:
        row = get_row(session, ctx, group_id)
        return to_dict(row, _rules_of(session, [row.id])[row.id])


def list_all(ctx):
    if ctx.project_id:
        ensure_default_now(ctx, ctx.project_id)
    with ctx.db.reader() as session:
        table = models.SecurityGroup
        query = sa.select(table)
        if not ctx.admin:
            query = query.where(table.project_id == ctx.project_id)
        rows = session.execute(query).scalars().all()
        rules = _rules_of(session, [row.id for row in rows])
        return [to_dict(row, rules[row.id]) for row in rows]


def create(ctx, body):
    base.check_keys(body, GROUP_ATTRIBUTES, 'security_group')
    project_id = base.owner(ctx, body)
    name = base.string(body, 'name')
    if name == DEFAULT:
        raise errors.bad_request(
            'name', "Default security group already exists.")
    with ctx.db.writer() as session:
        ensure_default(session, project_id)
        quota.check(session, project_id, 'security_group')
        row = models.SecurityGroup(
            id=base.new_id(), project_id=project_id, name=name,
            description=base.string(body, 'description'),
            stateful=base.boolean(body, 'stateful', True),
            revision_number=1)
        session.add(row)
        rules = [_new_rule(session, row.id, project_id, 'egress', ethertype)
                 for ethertype in ('IPv4', 'IPv6')]
        session.flush()
        return to_dict(row, rules)


def update(ctx, group_id, body):
    base.check_keys(body, ('name', 'description', 'stateful'),
                    'security_group')
    with ctx.db.writer() as session:
        row = get_row(session, ctx, group_id)
        if 'name' in body:
            if row.name == DEFAULT and body['name'] != DEFAULT:
                raise errors.bad_request('name', 'Updating default security '
                                         'group not allowed.')
            row.name = base.string(body, 'name')
        if 'description' in body:
            row.description = base.string(body, 'description')
        base.bump(row)
        session.flush()
        return to_dict(row, _rules_of(session, [row.id])[row.id])


def delete(ctx, group_id):
    """Delete the group; the ids of the other groups that lost a rule
    naming it (their hosts need their rules again)."""
    peers = set()
    with ctx.db.writer() as session:
        row = get_row(session, ctx, group_id)
        default = session.get(models.DefaultSecurityGroup, row.project_id)
        if default is not None and default.security_group_id == row.id \
                and not ctx.admin:
            raise errors.SecurityGroupCannotRemoveDefault()
        bound = models.PortSecurityGroup
        if session.execute(sa.select(sa.func.count()).where(
                bound.security_group_id == group_id)).scalar():
            raise errors.SecurityGroupInUse(id=group_id)
        rules = models.SecurityGroupRule
        session.execute(sa.delete(rules).where(
            rules.security_group_id == group_id))
        # As Networking: the rules of other groups naming this one go too.
        for rule in session.execute(sa.select(rules).where(
                rules.remote_group_id == group_id)).scalars().all():
            peer = session.get(models.SecurityGroup, rule.security_group_id)
            if peer is not None:
                base.bump(peer)
                peers.add(peer.id)
            session.delete(rule)
        if default is not None and default.security_group_id == row.id:
            session.delete(default)
        session.delete(row)
    return peers - {group_id}


# Rules

def _protocol(body):
    value = body.get('protocol')
    if value in (None, 'any', ''):
        return None
    text = str(value).lower()
    if text in PROTOCOLS:
        return text
    number = base.integer(body, 'protocol', minimum=0, maximum=255)
    return str(number)


def _ports(body, protocol):
    port_min = base.integer(body, 'port_range_min', minimum=0,
                            maximum=65535)
    port_max = base.integer(body, 'port_range_max', minimum=0,
                            maximum=65535)
    if port_min is None and port_max is None:
        return None, None
    if protocol in ('tcp', 'udp', 'sctp', '6', '17', '132'):
        if port_min is None or port_min == 0:
            raise errors.bad_request('port_range_min', 'Invalid value for '
                                     'port %s' % port_min)
        if port_max is None:
            port_max = port_min
        if port_min > port_max:
            raise errors.bad_request(
                'port_range_min', 'For TCP/UDP protocols, port_range_min '
                'must be <= port_range_max')
        return port_min, port_max
    if protocol in ('icmp', 'icmpv6', 'ipv6-icmp', '1', '58'):
        if port_min is not None and port_min > 255:
            raise errors.bad_request('port_range_min', 'Invalid value for '
                                     'ICMP type %s' % port_min)
        if port_max is not None and port_max > 255:
            raise errors.bad_request('port_range_max', 'Invalid value for '
                                     'ICMP code %s' % port_max)
        return port_min, port_max
    raise errors.bad_request(
        'protocol', 'Port ranges need protocol tcp, udp, sctp or icmp, '
        'not %s' % (protocol or 'any'))


def _prefix(body, ethertype):
    prefix = body.get('remote_ip_prefix')
    if prefix in (None, ''):
        return None
    try:
        net = ipaddress.ip_network(str(prefix), strict=False)
    except ValueError:
        raise errors.bad_request('remote_ip_prefix', "'%s' is not a valid "
                                 "IP subnet" % prefix)
    if 'IPv%d' % net.version != ethertype:
        raise errors.bad_request(
            'remote_ip_prefix', 'Conflicting value ethertype %s for CIDR %s'
            % (ethertype, prefix))
    # Kept as given (a bare address gets its /32 or /128), as
    # Networking's; normalized() is the network it means.
    return str(ipaddress.ip_interface(str(prefix)))


def normalized(prefix):
    """The network of a rule's remote_ip_prefix ('10.2.3.124/24' is
    10.2.3.0/24), None for none."""
    if not prefix:
        return None
    return str(ipaddress.ip_network(prefix, strict=False))


def _same(rule, values):
    def value_of(key, value):
        return normalized(value) if key == 'remote_ip_prefix' else value
    return all(value_of(key, getattr(rule, key)) == value_of(key, value)
               for key, value in values.items())


def create_rule(ctx, body):
    base.check_keys(body, RULE_ATTRIBUTES, 'security_group_rule')
    direction = body.get('direction')
    if direction not in ('ingress', 'egress'):
        raise errors.bad_request('direction', "'%s' is not in ['ingress', "
                                 "'egress']" % (direction,))
    ethertype = body.get('ethertype') or 'IPv4'
    if ethertype not in ('IPv4', 'IPv6'):
        raise errors.bad_request('ethertype', "'%s' is not in ['IPv4', "
                                 "'IPv6']" % ethertype)
    protocol = _protocol(body)
    port_min, port_max = _ports(body, protocol)
    prefix = _prefix(body, ethertype)
    remote_group = body.get('remote_group_id')
    if prefix and remote_group:
        raise errors.bad_request(
            'remote_ip_prefix', 'Only remote_ip_prefix or remote_group_id '
            'may be provided.')
    if not body.get('security_group_id'):
        raise errors.bad_request('security_group_id', 'security_group_id '
                                 'is required')
    with ctx.db.writer() as session:
        group = get_row(session, ctx, body['security_group_id'])
        if remote_group:
            get_row(session, ctx, remote_group)
        values = {'direction': direction, 'ethertype': ethertype,
                  'protocol': protocol, 'port_range_min': port_min,
                  'port_range_max': port_max, 'remote_ip_prefix': prefix,
                  'remote_group_id': remote_group}
        for rule in _rules_of(session, [group.id])[group.id]:
            if _same(rule, values):
                raise errors.SecurityGroupRuleExists(rule_id=rule.id)
        quota.check(session, group.project_id, 'security_group_rule')
        rule = _new_rule(session, group.id, group.project_id, direction,
                         ethertype, protocol, port_min, port_max, prefix,
                         remote_group, base.string(body, 'description'))
        base.bump(group)
        session.flush()
        return rule_to_dict(rule)


def get_rule_row(session, ctx, rule_id):
    row = session.get(models.SecurityGroupRule, rule_id)
    if row is None or not (ctx.admin or row.project_id == ctx.project_id):
        raise exception.SecurityGroupRuleNotFound(id=rule_id)
    return row


def get_rule(ctx, rule_id):
    with ctx.db.reader() as session:
        return rule_to_dict(get_rule_row(session, ctx, rule_id))


def list_rules(ctx):
    with ctx.db.reader() as session:
        table = models.SecurityGroupRule
        query = sa.select(table)
        if not ctx.admin:
            query = query.where(table.project_id == ctx.project_id)
        return [rule_to_dict(row)
                for row in session.execute(query).scalars()]


def delete_rule(ctx, rule_id):
    with ctx.db.writer() as session:
        row = get_rule_row(session, ctx, rule_id)
        group = session.get(models.SecurityGroup, row.security_group_id)
        if group is not None:
            base.bump(group)
        session.delete(row)
