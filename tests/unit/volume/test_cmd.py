# SPDX-License-Identifier: Apache-2.0
"""nova-like-volume refuses to start on a database it cannot use, and
nova-like-manage volume_db syncs and reports the volume database."""

import pytest

from nova_like.cmd import manage
from nova_like.cmd import volume
from nova_like.volume.db import migration


def test_unset_volume_database_names_the_option(conf, capsys):
    conf.set_override('connection', None, 'volume_database')
    with pytest.raises(SystemExit):
        volume.check_volume_database()
    assert '[volume_database] connection is not set' in \
        capsys.readouterr().err


def test_unmigrated_volume_database_says_what_to_run(conf, capsys,
                                                     tmp_path):
    url = 'sqlite:///%s' % (tmp_path / 'volume.sqlite')
    conf.set_override('connection', url, 'volume_database')
    with pytest.raises(SystemExit):
        volume.check_volume_database()
    assert 'nova-like-manage volume_db sync' in capsys.readouterr().err
    migration.upgrade(url)
    volume.check_volume_database()


def test_unusable_backend_names_the_option(conf, capsys, tmp_path):
    conf.set_override('volumes_dir', str(tmp_path / 'v'), 'volume')
    assert volume.check_backend().local_path('x').startswith(
        str(tmp_path / 'v'))
    conf.set_override('volumes_dir', '/proc/no-such/dir', 'volume')
    with pytest.raises(SystemExit):
        volume.check_backend()
    assert '[volume] backend file' in capsys.readouterr().err


def test_manage_volume_db_sync_and_version(tmp_path, capsys):
    url = 'sqlite:///%s' % (tmp_path / 'volume.sqlite')
    config = tmp_path / 'nova_like.conf'
    config.write_text('[volume_database]\nconnection = %s\n' % url)
    args = ['--config-file', str(config), 'volume_db']
    assert manage.main(args + ['version']) == 0
    assert capsys.readouterr().out.strip() == 'None'
    assert manage.main(args + ['sync']) == 0
    assert manage.main(args + ['version']) == 0
    assert capsys.readouterr().out.strip() == migration.head()


def test_manage_volume_db_sync_without_a_connection(tmp_path, capsys):
    config = tmp_path / 'nova_like.conf'
    config.write_text('[DEFAULT]\n')
    assert manage.main(['--config-file', str(config), 'volume_db',
                        'sync']) == 1
    assert '[volume_database] connection' in capsys.readouterr().err
