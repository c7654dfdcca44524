# SPDX-License-Identifier: Apache-2.0
"""authorize(): decisions as oslo.policy's, kept for a second; a changed policy file counts within a second."""

import os
import time

import pytest

from nova_like.api import policies
from nova_like import context as nl_context
from nova_like import exception

SHOW = 'os_compute_api:servers:show'


@pytest.fixture
def policy_file(conf, tmp_path, monkeypatch):
    path = tmp_path / 'policy.yaml'
    path.write_text('{}\n')
    policies.get_enforcer()  # registers [oslo_policy]
    conf.set_override('policy_file', str(path), group='oslo_policy')
    monkeypatch.setattr(policies, '_RELOAD_CHECK_SECONDS', 0.2)
    policies.reset()
    yield path
    policies.reset()


def _member(project='p1'):
    return nl_context.RequestContext(user_id='alice', project_id=project,
                                     roles=['member', 'reader'])


def _rewrite(path, text):
    path.write_text(text)
    later = time.time() + 5  # a new mtime, whatever the clock's resolution
    os.utime(path, (later, later))


def test_decisions_follow_the_rules_and_the_target(policy_file):
    alice = _member()
    assert policies.authorize(alice, SHOW, {'project_id': 'p1',
                                            'user_id': 'alice'})
    assert not policies.authorize(alice, SHOW, {'project_id': 'p2',
                                                'user_id': 'bob'},
                                  fatal=False)
    with pytest.raises(exception.PolicyNotAuthorized):
        policies.authorize(_member('p2'), SHOW, {'project_id': 'p1'})
    assert policies.authorize(alice, SHOW)  # her own project by default


def test_a_changed_policy_file_counts_within_the_reload_interval(
        policy_file):
    alice = _member()
    assert policies.authorize(alice, SHOW)
    _rewrite(policy_file, '"%s": "role:admin"\n' % SHOW)
    time.sleep(0.3)
    assert not policies.authorize(alice, SHOW, fatal=False)


def test_rules_with_a_remote_check_are_never_cached(policy_file):
    _rewrite(policy_file, '"%s": "role:member or http://127.0.0.1:9/x"\n'
             % SHOW)
    time.sleep(0.3)
    assert policies.authorize(_member(), SHOW)
    assert policies._state['cacheable'] is False
    _rewrite(policy_file, '"%s": "role:member"\n' % SHOW)
    time.sleep(0.3)
    assert policies.authorize(_member(), SHOW)
    assert policies._state['cacheable'] is True
