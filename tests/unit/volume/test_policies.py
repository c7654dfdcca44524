# SPDX-License-Identifier: Apache-2.0
"""Block Storage's rule names and defaults, evaluated by the enforcer; and
handlers name only registered rules, each documented rule is checked."""

import pathlib

from oslo_config import cfg
import pytest

from nova_like.volume import context as volume_context
from nova_like.volume import policies
from tests import policy_names


@pytest.fixture(scope='module')
def enforcer():
    conf = cfg.ConfigOpts()
    conf([], project='nova_like', default_config_files=[],
         default_config_dirs=[])
    return policies.get_enforcer(conf)


def _ctx(enforcer, project='p1', roles=('member', 'reader')):
    return volume_context.RequestContext(
        project_id=project, roles=list(roles), enforcer=enforcer)


def test_rule_names_are_cinders_and_unique():
    names = [rule.name for rule in policies.list_rules()]
    assert len(names) == len(set(names))
    for name in ('volume:create', 'volume:create_from_image', 'volume:get',
                 'volume:get_all', 'volume:update', 'volume:delete',
                 'volume:force_delete', 'volume:extend',
                 'volume_extension:volume_admin_actions:reset_status',
                 'volume:update_readonly_flag',
                 'volume_extension:types_manage',
                 'volume_extension:type_create',
                 'volume_extension:types_extra_specs:create',
                 'volume_extension:types_extra_specs:read_sensitive',
                 'volume_extension:quotas:show',
                 'volume_extension:quotas:update',
                 'limits_extension:used_limits', 'volume:create_snapshot',
                 'volume:get_snapshot', 'message:get_all', 'admin_api'):
        assert name in names, name


def test_members_own_their_project_readers_only_read(enforcer):
    own, other = {'project_id': 'p1'}, {'project_id': 'p2'}
    member = _ctx(enforcer)
    reader = _ctx(enforcer, roles=['reader'])
    assert member.can('volume:delete', own, fatal=False)
    assert not member.can('volume:delete', other, fatal=False)
    assert reader.can('volume:get', own, fatal=False)
    assert not reader.can('volume:delete', own, fatal=False)
    assert not reader.can('volume:get', other, fatal=False)
    admin = _ctx(enforcer, 'x', roles=['admin'])
    assert admin.can('volume:delete', other, fatal=False)


def test_admin_api_rules_are_the_admins(enforcer):
    for rule in ('volume_extension:types_manage',
                 'volume_extension:volume_admin_actions:reset_status',
                 'volume_extension:quotas:update', 'volume:force_delete',
                 'volume_extension:volume_host_attribute'):
        assert not _ctx(enforcer).can(rule, {'project_id': 'p1'},
                                      fatal=False), rule
        assert _ctx(enforcer, roles=['admin']).can(
            rule, {'project_id': 'p2'}, fatal=False), rule


HANDLERS = sorted((pathlib.Path(policies.__file__).parent.parent
                   / 'handlers').glob('*.py'))
PREFIXES = ('volume:', 'volume_extension:', 'limits_extension:', 'message:')


def _names_used(path):
    constants, literals = [], []
    for prefix in PREFIXES:
        found = policy_names.names_used(
            path.read_text(), 'nova_like.volume.policies', prefix)
        constants += found[0]
        literals += found[1]
    return sorted(set(constants)), literals


@pytest.mark.parametrize('path', HANDLERS, ids=lambda p: p.stem)
def test_every_rule_a_handler_names_is_registered(path):
    registered = {rule.name for rule in policies.list_rules()}
    constants, literals = _names_used(path)
    assert literals == [], 'use the constant of volume/policies'
    assert [c for c in constants if c[2] not in registered] == []


def test_every_documented_rule_is_checked_by_a_handler():
    used = {name for path in HANDLERS
            for _line, _expr, name in _names_used(path)[0]}
    documented = {rule.name for rule in policies.list_rules()
                  if hasattr(rule, 'operations')}
    assert documented - used == set()
