# SPDX-License-Identifier: Apache-2.0
"""policy_enforcer.Enforcer: oslo.policy's decisions.

The files are looked at once per reload_seconds, decisions kept till then.
"""

import os
import time

from oslo_config import cfg
from oslo_context import context as oslo_context
from oslo_policy import policy
import pytest

from nova_like import policy_enforcer

RULE = 'thing:show'


@pytest.fixture
def enforcer(tmp_path):
    path = tmp_path / 'policy.yaml'
    path.write_text('{}\n')
    config = cfg.ConfigOpts()
    config([], default_config_files=[])
    enforcer = policy_enforcer.Enforcer(config, reload_seconds=0.2,
                                        policy_file=str(path))
    enforcer.register_default(policy.RuleDefault(
        RULE, 'role:member and project_id:%(project_id)s'))
    enforcer.path = path
    return enforcer


def _member(project='p1'):
    return oslo_context.RequestContext(user_id='alice', project_id=project,
                                       roles=['member'])


def _rewrite(path, text):
    path.write_text(text)
    later = time.time() + 5  # a new mtime, whatever the clock's resolution
    os.utime(path, (later, later))


def test_decisions_are_oslo_policys(enforcer):
    assert enforcer.enforce(RULE, {'project_id': 'p1'}, _member())
    assert not enforcer.enforce(RULE, {'project_id': 'p2'}, _member())
    assert not enforcer.enforce(RULE, {'project_id': 'p1'}, _member('p2'))
    assert enforcer.enforce(RULE, {'project_id': 'p1'},
                            {'roles': ['member'], 'project_id': 'p1'})
    with pytest.raises(policy.PolicyNotAuthorized):
        enforcer.enforce(RULE, {'project_id': 'p2'}, _member(),
                         do_raise=True)
    assert len(enforcer._decisions) == 4


def test_a_changed_policy_file_counts_within_reload_seconds(enforcer):
    assert enforcer.enforce(RULE, {'project_id': 'p1'}, _member())
    _rewrite(enforcer.path, '"%s": "role:admin"\n' % RULE)
    assert enforcer.enforce(RULE, {'project_id': 'p1'}, _member())  # kept
    time.sleep(0.3)
    assert not enforcer.enforce(RULE, {'project_id': 'p1'}, _member())


def test_set_rules_forgets_the_decisions(enforcer):
    assert enforcer.enforce(RULE, {'project_id': 'p1'}, _member())
    enforcer.set_rules(policy.Rules.from_dict({RULE: '!'}), overwrite=False)
    assert not enforcer.enforce(RULE, {'project_id': 'p1'}, _member())


def test_rules_with_a_remote_check_keep_nothing(enforcer):
    _rewrite(enforcer.path, '"%s": "role:member or http://127.0.0.1:9/x"\n'
             % RULE)
    time.sleep(0.3)
    assert enforcer.enforce(RULE, {'project_id': 'p1'}, _member())
    assert enforcer._decisions == {}
