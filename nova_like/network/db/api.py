# SPDX-License-Identifier: Apache-2.0
"""The network database handle the REST app and the RPC manager share."""

import functools
import logging
import random
import time

from sqlalchemy import exc as sa_exc

from nova_like.db import engine

LOG = logging.getLogger(__name__)
is_duplicate = engine.is_duplicate
# MariaDB's "SAVEPOINT ... does not exist": the savepoint went with a
# transaction the server rolled back (a deadlock) under it.
_SAVEPOINT_GONE = 1305
MAX_RETRIES = 10


def lost_transaction(exc):
    """True when exc, or what it was raised while handling, says the
    server rolled the whole transaction back (a deadlock, a SQLite lock):
    running it again from the start is safe."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, sa_exc.DBAPIError):
            if engine.is_deadlock(exc):
                return True
            args = getattr(exc.orig, 'args', ())
            if args and args[0] == _SAVEPOINT_GONE:
                return True
        exc = exc.__cause__ or exc.__context__
    return False


def retry_on_lost_transaction(fn):
    """Run fn (a whole unit of work that commits at its end) again when
    its transaction was rolled back under it."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        delay = 0.01
        for attempt in range(MAX_RETRIES + 1):
            try:
                return fn(*args, **kwargs)
            except Exception as exc:
                if attempt == MAX_RETRIES or not lost_transaction(exc):
                    raise
                LOG.debug('%s lost its transaction (attempt %d), running '
                          'it again: %s', fn.__qualname__, attempt + 1, exc)
                time.sleep(delay * (1 + random.random()))
                delay = min(delay * 2, 0.5)
    return wrapper


class Database:
    """One network database: reader() and writer() sessions on its URL."""

    def __init__(self, url, group=None):
        self.url = url
        self.group = group

    @property
    def engine(self):
        return engine.get_engine(self.url, self.group)

    def reader(self):
        return engine.reader(self.url, self.group)

    def writer(self):
        return engine.writer(self.url, self.group)

    @property
    def dialect(self):
        return self.engine.dialect.name
