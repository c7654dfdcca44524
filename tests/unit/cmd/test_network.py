# SPDX-License-Identifier: Apache-2.0
"""nova-like-network refuses to start on a database it cannot use."""

import pytest

from nova_like.cmd import network
from nova_like.network.db import migration


def test_unset_network_database_names_the_option(conf, capsys):
    conf.set_override('connection', None, 'network_database')
    with pytest.raises(SystemExit):
        network.check_network_database()
    assert '[network_database] connection is not set' in \
        capsys.readouterr().err


def test_unmigrated_network_database_says_what_to_run(conf, capsys,
                                                      tmp_path):
    url = 'sqlite:///%s' % (tmp_path / 'network.sqlite')
    conf.set_override('connection', url, 'network_database')
    with pytest.raises(SystemExit):
        network.check_network_database()
    assert 'nova-like-manage network_db sync' in capsys.readouterr().err
    migration.upgrade(url)
    network.check_network_database()
