# SPDX-License-Identifier: Apache-2.0
"""Scratch databases for tests on MariaDB or PostgreSQL servers, or SQLite.

In CI (CI=true) a server that is down is started, and if it still cannot be
reached the test fails; elsewhere such a test is skipped with the reason.
"""

import os
import subprocess
import uuid

import pytest
import sqlalchemy as sa

from tests import waiters

BACKENDS = ('sqlite', 'mysql', 'postgresql')

_ADMIN_URLS = {
    'mysql': 'mysql+pymysql://root@127.0.0.1:3306/mysql',
    'postgresql': 'postgresql+psycopg2://postgres@127.0.0.1:5432/postgres',
}

_START = {
    'mysql': 'start-stop-daemon --start --oknodo --background '
             '--exec /usr/sbin/mariadbd',
    'postgresql': 'pg_ctlcluster --skip-systemctl-redirect '
                  '$(ls /etc/postgresql) main start',
}


def in_ci():
    return os.environ.get('CI', '').lower() in ('1', 'true', 'yes')


def unavailable(reason):
    """Fail in CI, skip elsewhere."""
    if in_ci():
        pytest.fail(reason)
    pytest.skip(reason)


def _try_connect(url):
    engine = sa.create_engine(url, isolation_level='AUTOCOMMIT')
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql('SELECT 1')
        return engine
    except Exception:
        engine.dispose()
        raise


def admin_engine(backend):
    """An AUTOCOMMIT engine on the server's admin DB, starting it if down."""
    url = _ADMIN_URLS[backend]
    try:
        return _try_connect(url)
    except Exception:
        subprocess.run(_START[backend], shell=True, check=False,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        return waiters.wait_for(lambda: _try_connect(url), 30,
                                'the %s server' % backend, interval=0.5,
                                retry_on=Exception)
    except AssertionError as exc:
        unavailable('%s server not reachable at %s: %s' % (backend, url, exc))


def create_database(backend, tmp_path=None, prefix='nl'):
    """Create an empty database and return its SQLAlchemy URL."""
    name = '%s_%s' % (prefix, uuid.uuid4().hex[:12])
    if backend == 'sqlite':
        directory = tmp_path or '/tmp'
        return 'sqlite:///%s/%s.sqlite' % (directory, name)
    engine = admin_engine(backend)
    with engine.connect() as conn:
        if backend == 'mysql':
            conn.exec_driver_sql(
                'CREATE DATABASE %s CHARACTER SET utf8mb4' % name)
        else:
            conn.exec_driver_sql('CREATE DATABASE %s' % name)
    engine.dispose()
    if backend == 'mysql':
        return 'mysql+pymysql://root@127.0.0.1:3306/%s' % name
    return 'postgresql+psycopg2://postgres@127.0.0.1:5432/%s' % name


def drop_database(url):
    """Drop a database create_database made (SQLite files are left to tmp)."""
    parsed = sa.engine.make_url(url)
    backend = parsed.get_backend_name()
    if backend == 'sqlite':
        return
    engine = admin_engine(backend)
    with engine.connect() as conn:
        if backend == 'postgresql':
            conn.exec_driver_sql(
                'DROP DATABASE IF EXISTS %s WITH (FORCE)' % parsed.database)
        else:
            conn.exec_driver_sql('DROP DATABASE IF EXISTS %s'
                                 % parsed.database)
    engine.dispose()
