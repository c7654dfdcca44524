# SPDX-License-Identifier: Apache-2.0
"""Compute API policy: handlers and views name only registered rules.

They name them through constants.
"""

import pathlib

import pytest

from nova_like.api import policies
from tests import policy_names

API_DIR = pathlib.Path(policies.__file__).parent.parent
CHECKERS = sorted((API_DIR / 'handlers').glob('*.py')) + sorted(
    (API_DIR / 'views').glob('*.py'))
REGISTERED = {rule.name for rule in policies.list_rules()}


def _names_used(source):
    return policy_names.names_used(source, 'nova_like.api.policies',
                                   'os_compute_api')


def test_rule_names_are_unique():
    names = [rule.name for rule in policies.list_rules()]
    assert len(names) == len(set(names))


@pytest.mark.parametrize('path', CHECKERS, ids=lambda p: p.stem)
def test_every_rule_named_is_registered(path):
    constants, literals = _names_used(path.read_text())
    assert literals == [], 'use the constant of nova_like/api/policies'
    assert [c for c in constants if c[2] not in REGISTERED] == []


def test_every_documented_rule_is_checked_somewhere():
    used = {name for path in CHECKERS
            for _line, _expr, name in _names_used(path.read_text())[0]}
    documented = {rule.name for rule in policies.list_rules()
                  if hasattr(rule, 'operations')}
    assert documented - used == set()


def test_a_literal_and_an_unknown_name_are_found():
    constants, literals = _names_used(
        "from nova_like.api.policies import servers as rules\n"
        "from nova_like.api.policies import flavors\n"
        "authorize(context, 'os_compute_api:servers:show')\n"
        "authorize(context, rules.PREFIX)\n"
        "authorize(context, flavors.MANAGE_CREATE)\n")
    assert literals == [(3, 'os_compute_api:servers:show')]
    assert constants == [
        (4, 'rules.PREFIX', 'os_compute_api:servers'),
        (5, 'flavors.MANAGE_CREATE', 'os_compute_api:os-flavor-manage:create')]
    assert constants[0][2] not in REGISTERED
