# SPDX-License-Identifier: Apache-2.0
"""What every daemon checks at start.

One line on stderr and exit 1 when something is missing.
"""

import pytest

from nova_like.cmd import common
from nova_like.db import migration


def _exit_message(capsys, func, *args):
    with pytest.raises(SystemExit) as info:
        func(*args)
    assert info.value.code == 1
    return capsys.readouterr().err


def test_database_not_set(capsys):
    err = _exit_message(capsys, common.check_database, 'nova-like-conductor',
                        'database', 'main')
    assert err == 'nova-like-conductor: [database] connection is not set\n'


def test_database_unreachable(conf, capsys, tmp_path):
    conf.set_override('connection', 'sqlite:///%s' % (tmp_path / 'no' / 'x'),
                      group='api_database')
    err = _exit_message(capsys, common.check_database, 'nova-like-api',
                        'api_database', 'api')
    assert err.startswith('nova-like-api: [api_database] connection: '
                          'cannot connect to ')


def test_database_behind_head_says_what_to_run(conf, capsys, tmp_path):
    url = 'sqlite:///%s' % (tmp_path / 'main.sqlite')
    conf.set_override('connection', url, group='database')
    err = _exit_message(capsys, common.check_database, 'nova-like-scheduler',
                        'database', 'main')
    assert 'schema is at nothing' in err
    assert 'run "nova-like-manage db sync"' in err


def test_database_at_head_passes(dbs, capsys):
    common.check_database('nova-like-conductor', 'database', 'main')
    common.check_database('nova-like-conductor', 'api_database', 'api')
    assert capsys.readouterr().err == ''
    assert migration.current('api', dbs.api) == migration.head('api')


def test_transport_not_set(capsys):
    err = _exit_message(capsys, common.check_transport, 'nova-like-compute')
    assert err.startswith('nova-like-compute: [DEFAULT] transport_url: is '
                          'not set')
