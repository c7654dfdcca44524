# SPDX-License-Identifier: Apache-2.0
"""Networking's rule names and defaults, evaluated by the enforcer."""


from oslo_config import cfg
import pytest

from nova_like.network import context as network_context
from nova_like.network import policies


@pytest.fixture(scope='module')
def enforcer():
    conf = cfg.ConfigOpts()
    conf([], project='nova_like', default_config_files=[],
         default_config_dirs=[])
    return policies.get_enforcer(conf)


def _ctx(enforcer, project='p1', admin=False):
    return network_context.RequestContext(
        project_id=project, roles=['admin'] if admin else ['member'],
        enforcer=enforcer)


NET = {'project_id': 'p2', 'shared': False, 'router:external': False}


def test_rule_names_are_networkings():
    names = {rule.name for rule in policies.list_rules()}
    for name in ('create_network', 'get_network', 'update_network',
                 'delete_network', 'create_network:shared',
                 'get_network:provider:network_type', 'create_subnet',
                 'get_port:binding:host_id', 'create_port:binding:host_id',
                 'create_security_group', 'get_security_group_rule',
                 'get_quota', 'update_quota', 'admin_or_owner',
                 'admin_or_network_owner', 'shared', 'external'):
        assert name in names, name


def test_shared_and_external_networks_are_readable_by_all(enforcer):
    ctx = _ctx(enforcer)
    assert not ctx.can('get_network', NET, fatal=False)
    assert ctx.can('get_network', dict(NET, shared=True), fatal=False)
    assert ctx.can('get_network', dict(NET, **{'router:external': True}),
                   fatal=False)
    assert ctx.can('get_network', dict(NET, project_id='p1'), fatal=False)


def test_provider_attributes_are_admin_only(enforcer):
    own = dict(NET, project_id='p1')
    for attr in ('provider:network_type', 'provider:physical_network',
                 'provider:segmentation_id'):
        for action in ('create_network', 'get_network'):
            rule = '%s:%s' % (action, attr)
            assert not _ctx(enforcer).can(rule, own, fatal=False)
            assert _ctx(enforcer, admin=True).can(rule, own, fatal=False)


def test_owner_or_admin_deletes(enforcer):
    assert _ctx(enforcer).can('delete_network', dict(NET, project_id='p1'),
                              fatal=False)
    assert not _ctx(enforcer).can('delete_network', NET, fatal=False)
    assert _ctx(enforcer, 'x', admin=True).can('delete_network', NET,
                                               fatal=False)


def test_subnet_on_a_network_needs_its_owner(enforcer):
    target = {'project_id': 'p1', 'network:project_id': 'p2'}
    assert not _ctx(enforcer).can('create_subnet', target, fatal=False)
    target['network:project_id'] = 'p1'
    assert _ctx(enforcer).can('create_subnet', target, fatal=False)


def test_hide_attributes_drops_binding_for_members(enforcer):
    view = {'project_id': 'p1', 'binding:host_id': 'cmp1',
            'binding:vif_type': 'bridge', 'name': 'x'}
    assert policies.hide_attributes(_ctx(enforcer), 'get_port',
                                    dict(view)) == {'project_id': 'p1',
                                                    'name': 'x'}
    assert policies.hide_attributes(_ctx(enforcer, admin=True), 'get_port',
                                    dict(view)) == view
