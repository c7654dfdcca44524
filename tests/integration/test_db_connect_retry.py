# SPDX-License-Identifier: Apache-2.0
"""Connections on PostgreSQL: refusals waited out, closed ones replaced.

A refusal for too many clients is waited out; a pooled connection the server
closed is replaced.
"""

import threading
import time
import types
import uuid

import pytest
import sqlalchemy as sa
from sqlalchemy import exc as sa_exc
from sqlalchemy import pool

from nova_like.db import engine
from tests import db_servers

pytestmark = pytest.mark.integration


@pytest.fixture
def one_slot_url():
    """A database URL whose role may hold one connection at a time."""
    role = 'nl_one_slot_%s' % uuid.uuid4().hex[:8]
    url = db_servers.create_database('postgresql', prefix='nlconn')
    admin = db_servers.admin_engine('postgresql')
    with admin.connect() as conn:
        conn.exec_driver_sql('CREATE ROLE %s LOGIN CONNECTION LIMIT 1'
                             % role)
    try:
        yield sa.engine.make_url(url).set(username=role).render_as_string(
            hide_password=False)
    finally:
        engine.dispose_all()
        db_servers.drop_database(url)
        with admin.connect() as conn:
            conn.exec_driver_sql('DROP ROLE IF EXISTS %s' % role)
        admin.dispose()


def _group(retry_seconds):
    return types.SimpleNamespace(max_pool_size=1, max_overflow=0,
                                 connect_retry_seconds=retry_seconds)


def _hold_the_slot(url):
    holder = sa.create_engine(url, poolclass=pool.NullPool)
    return holder, holder.connect()


def test_a_refused_connection_is_retried_until_a_slot_is_free(one_slot_url):
    holder, held = _hold_the_slot(one_slot_url)
    release = threading.Timer(0.5, held.close)
    release.start()
    try:
        start = time.monotonic()
        with engine.reader(one_slot_url, _group(10)) as session:
            assert session.execute(sa.text('SELECT 1')).scalar() == 1
        assert time.monotonic() - start >= 0.4
    finally:
        release.cancel()
        held.close()
        holder.dispose()


def test_without_retry_the_refusal_is_the_error(one_slot_url):
    holder, held = _hold_the_slot(one_slot_url)
    try:
        with pytest.raises(sa_exc.OperationalError,
                           match='too many connections'):
            with engine.reader(one_slot_url, _group(0)) as session:
                session.execute(sa.text('SELECT 1'))
    finally:
        held.close()
        holder.dispose()


@pytest.fixture
def scratch_url():
    url = db_servers.create_database('postgresql', prefix='nlconn')
    try:
        yield url
    finally:
        engine.dispose_all()
        db_servers.drop_database(url)


def _backend_pid(url, group):
    with engine.reader(url, group) as session:
        return session.execute(sa.text('SELECT pg_backend_pid()')).scalar()


def test_a_pooled_connection_the_server_closed_is_replaced(scratch_url,
                                                           monkeypatch):
    group = _group(0)  # one pooled connection, no connect retries
    first = _backend_pid(scratch_url, group)
    admin = db_servers.admin_engine('postgresql')
    with admin.connect() as conn:
        conn.exec_driver_sql('SELECT pg_terminate_backend(%d)' % first)
    admin.dispose()
    # Idle for longer than the ping threshold: checked before use.
    monkeypatch.setattr(engine, 'PING_AFTER_IDLE', 0.0)
    second = _backend_pid(scratch_url, group)
    assert second != first


def test_a_busy_pooled_connection_is_not_pinged(scratch_url, monkeypatch):
    group = _group(0)
    _backend_pid(scratch_url, group)
    pings = []
    dialect = engine.get_engine(scratch_url, group).dialect
    real_ping = dialect.do_ping
    monkeypatch.setattr(dialect, 'do_ping',
                        lambda conn: pings.append(1) or real_ping(conn))
    monkeypatch.setattr(engine, 'PING_AFTER_IDLE', 60.0)
    for _ in range(5):
        _backend_pid(scratch_url, group)
    assert pings == []
    monkeypatch.setattr(engine, 'PING_AFTER_IDLE', 0.0)
    _backend_pid(scratch_url, group)
    assert pings == [1]
