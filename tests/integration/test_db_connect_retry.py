# SPDX-License-Identifier: Apache-2.0
"""A PostgreSQL that refuses a connection for too many clients is waited for, not failed on."""

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
