# SPDX-License-Identifier: Apache-2.0
"""Engines, transactions and deadlock retries shared by every database.

Every database (API, cell, Placement) is reached through ``reader()`` and
``writer()`` here. SQLite gets WAL, a busy timeout and ``BEGIN IMMEDIATE``
for writers, so that concurrent writers queue on the lock instead of failing
with "database is locked" when a read transaction tries to upgrade. Functions
that write wrap themselves in ``@retry_on_deadlock`` so that a transaction
that lost a deadlock (MariaDB 1213, PostgreSQL 40P01/40001) or a SQLite lock
is re-run from the start. Opening a connection is retried for a while when
the server refuses it for a passing reason (too many clients, starting up),
so that a burst that exhausts the server's connection slots waits instead of
failing a request halfway through a multi-database step.
"""

import contextlib
import functools
import logging
import os
import random
import threading
import time

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy import exc as sa_exc
from sqlalchemy import orm

from nova_like import exception

LOG = logging.getLogger(__name__)

_engines = {}
_sessionmakers = {}
_lock = threading.Lock()
_forbidden_binary = None
_local = threading.local()


def forbid_access(binary):
    """Make every later database access of this process raise DBNotAllowed."""
    global _forbidden_binary
    _forbidden_binary = binary


def dispose_all():
    """Forget every engine: call in a forked child and at shutdown."""
    with _lock:
        for engine in _engines.values():
            engine.dispose(close=False)
        _engines.clear()
        _sessionmakers.clear()


os.register_at_fork(after_in_child=dispose_all)


def _on_sqlite_connect(busy_timeout_ms):
    def on_connect(dbapi_conn, _record):
        # pysqlite's own transaction handling is off (isolation_level=None)
        # so that we choose BEGIN or BEGIN IMMEDIATE ourselves.
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        cursor.execute('PRAGMA busy_timeout = %d' % busy_timeout_ms)
        cursor.execute('PRAGMA journal_mode = WAL')
        cursor.execute('PRAGMA synchronous = NORMAL')
        cursor.execute('PRAGMA foreign_keys = ON')
        cursor.close()
    return on_connect


def _on_sqlite_begin(conn):
    immediate = getattr(_local, 'writer_depth', 0) > 0
    conn.exec_driver_sql('BEGIN IMMEDIATE' if immediate else 'BEGIN')


def get_engine(url, group=None):
    """Return the process-wide engine for url, creating it on first use.

    :param url: SQLAlchemy URL.
    :param group: the oslo.config group with pool and SQLite options.
    :raises: DBNotAllowed in a process that forbade database access.
    """
    if _forbidden_binary:
        raise exception.DBNotAllowed(binary=_forbidden_binary)
    engine = _engines.get(url)
    if engine is not None:
        return engine
    with _lock:
        engine = _engines.get(url)
        if engine is None:
            engine = _create_engine(url, group)
            _engines[url] = engine
            _sessionmakers[url] = orm.sessionmaker(
                bind=engine, expire_on_commit=False)
        return engine


def _create_engine(url, group):
    parsed = sa.engine.make_url(url)
    debug = bool(getattr(group, 'connection_debug', False))
    if parsed.get_backend_name() == 'sqlite':
        busy = getattr(group, 'sqlite_busy_timeout', 30000)
        engine = sa.create_engine(
            url, echo=debug,
            connect_args={'check_same_thread': False,
                          'timeout': busy / 1000.0})
        event.listen(engine, 'connect', _on_sqlite_connect(busy))
        event.listen(engine, 'begin', _on_sqlite_begin)
        return engine
    kwargs = {'pool_recycle': 3600, 'echo': debug,
              'pool_size': getattr(group, 'max_pool_size', 5),
              'max_overflow': getattr(group, 'max_overflow', 5)}
    if parsed.get_backend_name() == 'mysql':
        kwargs['isolation_level'] = 'READ COMMITTED'
        parsed = parsed.update_query_dict({'charset': 'utf8mb4'})
    engine = sa.create_engine(parsed, **kwargs)
    event.listen(engine, 'do_connect', _connect_with_retry(
        getattr(group, 'connect_retry_seconds', 10)))
    event.listen(engine, 'connect', _stamp)
    event.listen(engine, 'checkin', _stamp)
    event.listen(engine, 'checkout', _ping_if_idle(engine.dialect))
    return engine


# A pooled connection that sat idle longer than this is pinged before use
# (a server restart or an idle timeout may have closed it): pre-pinging
# every checkout cost a round trip per transaction under load.
PING_AFTER_IDLE = 1.0


def _stamp(_dbapi_conn, record):
    record.info['idle_since'] = time.monotonic()


def _ping_if_idle(dialect):
    def checkout(dbapi_conn, record, _proxy):
        since = record.info.get('idle_since', 0)
        if time.monotonic() - since < PING_AFTER_IDLE:
            return
        try:
            alive = dialect.do_ping(dbapi_conn)
        except Exception as exc:  # whatever the driver says, it is dead
            raise sa_exc.DisconnectionError(str(exc)) from exc
        if alive is False:
            raise sa_exc.DisconnectionError('ping failed')
    return checkout


# What servers say when they refuse a connection for a passing reason:
# PostgreSQL's "too many clients" (53300), "starting up" / "shutting down"
# (57P03), MariaDB's 1040 "Too many connections", and a server that is not
# listening (yet).
_TRANSIENT_CONNECT = ('too many clients', 'too many connections',
                      'remaining connection slots', 'starting up',
                      'shutting down', 'connection refused',
                      "can't connect to")


def is_transient_connect_error(exc):
    """True when a failed connect may succeed if tried again soon."""
    text = str(exc).lower()
    return any(marker in text for marker in _TRANSIENT_CONNECT)


# What the drivers say when a connection in use died with its server.
_LOST_CONNECTION = ('server closed the connection', 'terminating connection',
                    'lost connection', 'gone away',
                    'connection already closed', 'could not connect',
                    'the database system is')


def is_connection_lost(exc):
    """True when exc (or what caused it) is a database connection that
    died or could not be made: worth a retry once the server is back."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, sa_exc.DBAPIError):
            if exc.connection_invalidated:
                return True
            text = str(exc).lower()
            if isinstance(exc, (sa_exc.OperationalError,
                                sa_exc.InterfaceError)) and any(
                    marker in text
                    for marker in _LOST_CONNECTION + _TRANSIENT_CONNECT):
                return True
        exc = exc.__cause__ or exc.__context__
    return False


def read_twice(method, path, call):
    """call(); for a GET or HEAD whose database connection was lost (a
    server restart), once more: reads are safe to run again."""
    try:
        return call()
    except Exception as exc:
        if method not in ('GET', 'HEAD') or not is_connection_lost(exc):
            raise
        LOG.warning('%s %s lost its database connection (%s); trying once '
                    'more', method, path, exc)
    return call()


def _connect_with_retry(window):
    def do_connect(dialect, _record, cargs, cparams):
        deadline = time.monotonic() + window
        delay = 0.05
        while True:
            try:
                return dialect.connect(*cargs, **cparams)
            except dialect.loaded_dbapi.OperationalError as exc:
                if getattr(_local, 'no_connect_retry', False) or \
                        not is_transient_connect_error(exc) or \
                        time.monotonic() + delay > deadline:
                    raise
                LOG.warning('Database refused a connection (%s); trying '
                            'again in %.2f s', str(exc).strip(), delay)
                time.sleep(delay * (1 + random.random()))
                delay = min(delay * 2, 1.0)
    return do_connect


def _session(url, group):
    get_engine(url, group)
    return _sessionmakers[url]()


def _joined(url):
    return getattr(_local, 'joined', {}).get(url)


@contextlib.contextmanager
def reader(url, group=None):
    """A session for reads; nothing it does is committed."""
    session = _joined(url)
    if session is not None:
        yield session
        return
    session = _session(url, group)
    try:
        yield session
    finally:
        session.rollback()
        session.close()


@contextlib.contextmanager
def snapshot_reader(url, group=None):
    """A reader whose statements all see one snapshot of the database.

    For reads that put together the answers of several statements, where a
    row committed away between two of them would break the whole: each
    statement of MariaDB's and PostgreSQL's READ COMMITTED sees its own
    snapshot, REPEATABLE READ one for the transaction; SQLite's BEGIN
    already gives that.
    """
    with reader(url, group) as session:
        if _joined(url) is None and \
                session.get_bind().dialect.name != 'sqlite':
            session.connection(
                execution_options={'isolation_level': 'REPEATABLE READ'})
        yield session


@contextlib.contextmanager
def writer(url, group=None):
    """A session in one write transaction, committed on a clean exit."""
    session = _joined(url)
    if session is not None:
        yield session
        session.flush()  # ids and constraint errors show up here, as alone
        return
    _local.writer_depth = getattr(_local, 'writer_depth', 0) + 1
    try:
        session = _session(url, group)
        try:
            with session.begin():
                yield session
        finally:
            session.close()
    finally:
        _local.writer_depth -= 1


@contextlib.contextmanager
def one_transaction(url, group=None):
    """One transaction for every reader() and writer() on url in the block.

    Committed when the block ends cleanly, rolled back when it raises. For a
    few small writes that belong together (a new server's rows): one BEGIN
    and COMMIT instead of one each. A block inside another joins the outer
    one. Functions decorated with retry_on_deadlock do not retry inside the
    block: a lost lock aborts the whole transaction, so the outermost block
    must be retried whole (run_in_one_transaction does that).
    """
    if _joined(url) is not None:
        yield
        return
    with writer(url, group) as session:
        if not hasattr(_local, 'joined'):
            _local.joined = {}
        _local.joined[url] = session
        try:
            yield
        finally:
            del _local.joined[url]


def run_in_one_transaction(url, fn, group=None):
    """fn() inside one_transaction(url); the whole of it run again when the
    transaction lost a deadlock or a SQLite lock (not when nested in an outer
    block, whose owner retries).

    :returns: what fn returns.
    """
    @retry_on_deadlock
    def attempt():
        with one_transaction(url, group):
            return fn()
    return attempt()


def is_deadlock(exc):
    """True when exc says the transaction lost a lock and may be re-run."""
    if not isinstance(exc, sa_exc.DBAPIError):
        return False
    orig = exc.orig
    code = getattr(orig, 'pgcode', None)
    if code in ('40001', '40P01'):
        return True
    args = getattr(orig, 'args', ())
    if args and args[0] in (1205, 1213):
        return True
    return 'database is locked' in str(orig)


def is_duplicate(exc):
    """True when exc is a unique-constraint violation on any backend."""
    if not isinstance(exc, sa_exc.IntegrityError):
        return False
    orig = exc.orig
    if getattr(orig, 'pgcode', None) == '23505':
        return True
    args = getattr(orig, 'args', ())
    if args and args[0] == 1062:
        return True
    return 'UNIQUE constraint failed' in str(orig)


def retry_on_deadlock(fn=None, *, max_retries=10):
    """Re-run fn when its transaction lost a deadlock or a SQLite lock."""
    def decorate(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            delay = 0.01
            for attempt in range(max_retries + 1):
                try:
                    return func(*args, **kwargs)
                except sa_exc.DBAPIError as exc:
                    if (attempt == max_retries or not is_deadlock(exc)
                            or getattr(_local, 'joined', None)):
                        raise
                    LOG.debug('%s lost a lock (attempt %d), retrying: %s',
                              func.__qualname__, attempt + 1, exc.orig)
                    time.sleep(delay * (1 + random.random()))
                    delay = min(delay * 2, 0.5)
        return wrapper
    return decorate(fn) if fn is not None else decorate


def check_connection(url, group, option):
    """Connect once; raise ConfigError naming option when that fails."""
    _local.no_connect_retry = True
    try:
        engine = get_engine(url, group)
        with engine.connect() as conn:
            conn.exec_driver_sql('SELECT 1')
    except exception.DBNotAllowed:
        raise
    except sa_exc.ArgumentError as exc:
        raise exception.ConfigError(
            option=option, reason='%r is not a database URL like '
            'mysql+pymysql://user:pass@host/nova' % url) from exc
    except Exception as exc:  # any driver error means the URL is unusable
        safe = sa.engine.make_url(url).render_as_string(hide_password=True)
        reason = str(getattr(exc, 'orig', None) or exc).splitlines()[0]
        raise exception.ConfigError(
            option=option,
            reason='cannot connect to %s: %s' % (safe, reason)) from exc
    finally:
        _local.no_connect_retry = False


def retry_on_duplicate(fn):
    """Re-run an insert-what-is-missing function that raced another process.

    For idempotent syncs (e.g. standard traits inserted by every worker at
    start): the second pass sees the other process's rows and inserts none.
    """
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        for attempt in range(3):
            try:
                return fn(*args, **kwargs)
            except sa_exc.IntegrityError as exc:
                if attempt == 2 or not is_duplicate(exc):
                    raise
                LOG.debug('%s raced another writer, re-running',
                          fn.__qualname__)
    return wrapper
