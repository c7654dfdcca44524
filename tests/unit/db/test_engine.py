# SPDX-License-Identifier: Apache-2.0
"""The engine layer on real SQLite files.

Concurrent writers, error classification, forbid_access, check_connection.
"""

import sqlite3
import threading
import types

import pytest
import sqlalchemy as sa
from sqlalchemy import exc as sa_exc

from nova_like.db import engine
from nova_like import exception

_metadata = sa.MetaData()
counters = sa.Table(
    'counters', _metadata,
    sa.Column('id', sa.Integer, primary_key=True),
    sa.Column('value', sa.Integer, nullable=False))
events = sa.Table(
    'events', _metadata,
    sa.Column('id', sa.Integer, primary_key=True),
    sa.Column('name', sa.String(64), nullable=False, unique=True),
    sa.Column('thread', sa.Integer, nullable=False))


@pytest.fixture
def url(tmp_path):
    """A SQLite file with the tables above, through engine.get_engine."""
    db_url = 'sqlite:///%s' % (tmp_path / 'engine.sqlite')
    _metadata.create_all(engine.get_engine(db_url))
    with engine.writer(db_url) as session:
        session.execute(counters.insert().values(id=1, value=0))
    return db_url


@pytest.fixture
def no_forbidden_binary(monkeypatch):
    """Whatever a test forbids, the module global is restored afterwards."""
    monkeypatch.setattr(engine, '_forbidden_binary', None)


def _write_lock_held(path):
    """Another process' writer: a raw sqlite3 connection in BEGIN IMMEDIATE."""
    holder = sqlite3.connect(path, isolation_level=None,
                             check_same_thread=False)
    holder.execute('BEGIN IMMEDIATE')
    return holder


def _impatient(url):
    """Re-create url's engine so that its writers do not wait for a lock."""
    engine.dispose_all()
    engine.get_engine(url, types.SimpleNamespace(sqlite_busy_timeout=0))


def test_concurrent_read_modify_write_transactions_all_succeed(url):
    threads, per_thread = 8, 25
    errors = []
    start = threading.Barrier(threads)

    def work(number):
        start.wait()
        for i in range(per_thread):
            try:
                with engine.writer(url) as session:
                    # Read first, then write: with a deferred BEGIN the
                    # upgrade from reader to writer fails at once with
                    # "database is locked" instead of waiting.
                    value = session.execute(sa.select(counters.c.value)
                                            .where(counters.c.id == 1)
                                            ).scalar_one()
                    session.execute(counters.update()
                                    .where(counters.c.id == 1)
                                    .values(value=value + 1))
                    session.execute(events.insert().values(
                        name='%d-%d' % (number, i), thread=number))
            except Exception as exc:  # collected, asserted below
                errors.append(exc)

    workers = [threading.Thread(target=work, args=(n,))
               for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert errors == []
    with engine.reader(url) as session:
        rows = session.execute(sa.select(sa.func.count()).select_from(
            events)).scalar_one()
        value = session.execute(sa.select(counters.c.value)).scalar_one()
    assert rows == threads * per_thread
    # No lost update: every transaction saw the previous one's write.
    assert value == threads * per_thread


def test_reader_commits_nothing(url):
    with engine.reader(url) as session:
        session.execute(events.insert().values(name='ghost', thread=0))
    with engine.reader(url) as session:
        assert session.execute(sa.select(events)).first() is None


def test_writer_rolls_back_on_error(url):
    with pytest.raises(RuntimeError):
        with engine.writer(url) as session:
            session.execute(events.insert().values(name='half', thread=0))
            raise RuntimeError('boom')
    with engine.reader(url) as session:
        assert session.execute(sa.select(events)).first() is None


def test_sqlite_connections_use_wal_and_foreign_keys(url):
    with engine.get_engine(url).connect() as conn:
        assert conn.exec_driver_sql('PRAGMA journal_mode').scalar() == 'wal'
        assert conn.exec_driver_sql('PRAGMA foreign_keys').scalar() == 1
        assert conn.exec_driver_sql('PRAGMA busy_timeout').scalar() == 30000


def test_get_engine_is_one_per_url(url):
    assert engine.get_engine(url) is engine.get_engine(url)


def _add_event(url, name):
    """Insert one event in a writer of its own (or the joined one)."""
    with engine.writer(url) as session:
        session.execute(events.insert().values(name=name, thread=0))


def _duplicate_error(url):
    _add_event(url, 'dup')
    with pytest.raises(sa_exc.IntegrityError) as info:
        with engine.writer(url) as session:
            session.execute(events.insert().values(name='dup', thread=1))
    return info.value


def _not_null_error(url):
    with pytest.raises(sa_exc.IntegrityError) as info:
        with engine.writer(url) as session:
            session.execute(events.insert().values(name=None, thread=1))
    return info.value


def _lock_error(url, tmp_path):
    _impatient(url)
    holder = _write_lock_held(str(tmp_path / 'engine.sqlite'))
    try:
        with pytest.raises(sa_exc.OperationalError) as info:
            _add_event(url, 'x')
    finally:
        holder.rollback()
        holder.close()
    return info.value


def test_is_duplicate_on_a_real_unique_violation(url):
    exc = _duplicate_error(url)
    assert engine.is_duplicate(exc)
    assert not engine.is_deadlock(exc)


def test_is_duplicate_is_false_for_other_integrity_errors(url):
    exc = _not_null_error(url)
    assert not engine.is_duplicate(exc)
    assert not engine.is_deadlock(exc)


def test_is_duplicate_is_false_for_what_is_not_an_integrity_error():
    assert not engine.is_duplicate(ValueError('UNIQUE constraint failed'))


def test_is_deadlock_on_a_real_sqlite_lock(url, tmp_path):
    exc = _lock_error(url, tmp_path)
    assert 'database is locked' in str(exc.orig)
    assert engine.is_deadlock(exc)
    assert not engine.is_duplicate(exc)


def test_is_deadlock_is_false_for_other_errors(url):
    with pytest.raises(sa_exc.OperationalError) as info:
        with engine.reader(url) as session:
            session.execute(sa.text('SELECT * FROM no_such_table'))
    assert not engine.is_deadlock(info.value)
    assert not engine.is_deadlock(RuntimeError('database is locked'))


def _event_names(url):
    with engine.reader(url) as session:
        return sorted(session.execute(sa.select(events.c.name)).scalars())


def test_one_transaction_joins_writers_and_readers_until_its_end(url):
    with engine.one_transaction(url):
        _add_event(url, 'first')
        with engine.one_transaction(url):  # a nested block joins the outer
            with engine.writer(url) as session:
                session.execute(events.insert().values(name='second',
                                                       thread=0))
        with engine.reader(url) as session:  # sees the uncommitted rows
            assert session.execute(
                sa.select(sa.func.count()).select_from(events)).scalar() == 2
        # Another thread's connection does not see them before the commit.
        seen = []
        other = threading.Thread(target=lambda: seen.append(_event_names(url)))
        other.start()
        other.join()
        assert seen == [[]]
    assert _event_names(url) == ['first', 'second']


def test_one_transaction_rolls_back_every_write_on_error(url):
    with pytest.raises(RuntimeError):
        with engine.one_transaction(url):
            _add_event(url, 'a')
            _add_event(url, 'b')
            raise RuntimeError('boom')
    assert _event_names(url) == []


def test_retry_on_deadlock_leaves_a_joined_transaction_to_its_caller(
        url, tmp_path):
    _impatient(url)
    holder = _write_lock_held(str(tmp_path / 'engine.sqlite'))
    attempts = []

    @engine.retry_on_deadlock
    def add_event():
        attempts.append(1)
        _add_event(url, 'inner')

    try:
        with pytest.raises(sa_exc.OperationalError):
            with engine.one_transaction(url):
                add_event()
    finally:
        holder.rollback()
        holder.close()
    assert len(attempts) == 1  # a rerun inside the aborted block is no use


def test_run_in_one_transaction_reruns_the_whole_block_after_a_lost_lock(
        url, tmp_path):
    _impatient(url)
    holder = _write_lock_held(str(tmp_path / 'engine.sqlite'))
    attempts = []

    def block():
        attempts.append(1)
        if len(attempts) == 2:
            holder.rollback()  # the other writer finishes meanwhile
        _add_event(url, 'a')
        _add_event(url, 'b')
        return 'done'

    try:
        assert engine.run_in_one_transaction(url, block) == 'done'
    finally:
        holder.close()
    assert len(attempts) == 2
    assert _event_names(url) == ['a', 'b']


def test_retry_on_deadlock_reruns_until_the_lock_is_free(url, tmp_path):
    _impatient(url)
    holder = _write_lock_held(str(tmp_path / 'engine.sqlite'))
    attempts = []

    @engine.retry_on_deadlock
    def add_event():
        attempts.append(1)
        if len(attempts) == 2:
            holder.rollback()  # the other writer finishes meanwhile
        _add_event(url, 'late')

    try:
        add_event()
    finally:
        holder.close()
    assert len(attempts) >= 2
    with engine.reader(url) as session:
        assert session.execute(sa.select(events.c.name)).scalar_one() == \
            'late'


def test_retry_on_deadlock_gives_up_after_max_retries(url, tmp_path):
    _impatient(url)
    holder = _write_lock_held(str(tmp_path / 'engine.sqlite'))
    attempts = []

    @engine.retry_on_deadlock(max_retries=2)
    def add_event():
        attempts.append(1)
        _add_event(url, 'never')

    try:
        with pytest.raises(sa_exc.OperationalError):
            add_event()
    finally:
        holder.rollback()
        holder.close()
    assert len(attempts) == 3


def test_retry_on_deadlock_does_not_rerun_other_errors(url):
    _duplicate_error(url)
    attempts = []

    @engine.retry_on_deadlock
    def add_duplicate():
        attempts.append(1)
        with engine.writer(url) as session:
            session.execute(events.insert().values(name='dup', thread=2))

    with pytest.raises(sa_exc.IntegrityError):
        add_duplicate()
    assert len(attempts) == 1


def test_forbid_access_makes_every_access_raise(no_forbidden_binary, url):
    engine.forbid_access('nova-like-compute')
    with pytest.raises(exception.DBNotAllowed) as info:
        engine.get_engine(url)
    message = info.value.message
    assert 'nova-like-compute' in message
    assert 'conductor' in message
    with pytest.raises(exception.DBNotAllowed):
        with engine.reader(url):
            pass
    with pytest.raises(exception.DBNotAllowed):
        with engine.writer(url):
            pass


def test_check_connection_lets_db_not_allowed_through(no_forbidden_binary,
                                                      url):
    engine.forbid_access('nova-like-compute')
    with pytest.raises(exception.DBNotAllowed):
        engine.check_connection(url, None, '[database] connection')


def test_check_connection_passes_for_a_usable_url(url):
    engine.check_connection(url, None, '[database] connection')


def test_check_connection_names_the_option_for_an_unreachable_file(
        tmp_path):
    missing = 'sqlite:///%s' % (tmp_path / 'no' / 'such' / 'dir' / 'x.db')
    with pytest.raises(exception.ConfigError) as info:
        engine.check_connection(missing, None, '[database] connection')
    message = info.value.message
    assert message.startswith('[database] connection: cannot connect to ')
    assert 'unable to open database file' in message


def test_check_connection_hides_the_password_of_an_unreachable_server():
    # Port 9 on localhost: connection refused at once, no server needed.
    url = 'mysql+pymysql://nova:s3cret@127.0.0.1:9/nova'
    with pytest.raises(exception.ConfigError) as info:
        engine.check_connection(url, None, '[api_database] connection')
    message = info.value.message
    assert message.startswith('[api_database] connection: cannot connect')
    assert 's3cret' not in message
    assert '127.0.0.1:9' in message


def test_check_connection_names_the_option_for_an_unknown_driver():
    with pytest.raises(exception.ConfigError) as info:
        engine.check_connection('nosuchdb://host/nova', None,
                                '[database] connection')
    assert info.value.message.startswith('[database] connection: ')
    assert 'nosuchdb' in info.value.message


def test_check_connection_names_the_option_for_a_malformed_url():
    with pytest.raises(exception.ConfigError) as info:
        engine.check_connection('not a url at all', None,
                                '[database] connection')
    assert info.value.message.startswith('[database] connection: ')


@pytest.mark.parametrize('message', [
    'FATAL:  sorry, too many clients already',
    ('FATAL:  remaining connection slots are reserved for roles with the '
     'SUPERUSER attribute'),
    'FATAL:  the database system is starting up',
    '(1040, \'Too many connections\')',
    ('(2003, "Can\'t connect to MySQL server on \'127.0.0.1\' '
     '([Errno 111] Connection refused)")'),
    ('connection to server at "127.0.0.1", port 5432 failed: Connection '
     'refused'),
])
def test_passing_connect_refusals_are_transient(message):
    assert engine.is_transient_connect_error(Exception(message))


@pytest.mark.parametrize('message', [
    'FATAL:  password authentication failed for user "nova"',
    'FATAL:  database "nova" does not exist',
    '(1045, "Access denied for user \'nova\'@\'localhost\'")',
])
def test_configuration_errors_are_not_transient(message):
    assert not engine.is_transient_connect_error(Exception(message))


@pytest.mark.parametrize('error', [
    sa_exc.OperationalError('SELECT 1', {}, Exception('x'),
                            connection_invalidated=True),
    sa_exc.OperationalError(
        'SELECT 1', {}, Exception('terminating connection due to '
                                  'administrator command')),
    sa_exc.OperationalError(
        'SELECT 1', {}, Exception('(2013, Lost connection to server '
                                  'during query)')),
    sa_exc.OperationalError(
        'connect', {}, Exception('connection refused')),
    sa_exc.InterfaceError('SELECT 1', {},
                          Exception('connection already closed')),
])
def test_a_lost_connection_is_recognised(error):
    assert engine.is_connection_lost(error)
    try:
        try:
            raise error
        except sa_exc.DBAPIError as inner:
            raise RuntimeError('while saving') from inner
    except RuntimeError as outer:
        assert engine.is_connection_lost(outer)


@pytest.mark.parametrize('error', [
    sa_exc.OperationalError('SELECT 1', {}, Exception('database is locked')),
    sa_exc.IntegrityError('INSERT', {}, Exception('connection refused')),
    RuntimeError('server closed the connection'),
])
def test_other_errors_are_not_a_lost_connection(error):
    assert not engine.is_connection_lost(error)


def test_snapshot_reader_sees_one_snapshot(url):
    with engine.writer(url) as session:
        session.execute(sa.text('CREATE TABLE t (x INTEGER)'))
        session.execute(sa.text('INSERT INTO t VALUES (1)'))
    with engine.snapshot_reader(url) as session:
        assert session.execute(sa.text('SELECT count(*) FROM t')).scalar() \
            == 1
        with engine.writer(url) as other:
            other.execute(sa.text('DELETE FROM t'))
        assert session.execute(sa.text('SELECT count(*) FROM t')).scalar() \
            == 1
