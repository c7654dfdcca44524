# SPDX-License-Identifier: Apache-2.0
"""The Placement database handle that every request context carries."""

import contextlib

import sqlalchemy as sa
from sqlalchemy import event

from nova_like.db import engine
from nova_like.placement import answers
from nova_like.placement.db import models

retry_on_deadlock = engine.retry_on_deadlock

_STATE = models.STATE
# Last statement of every write transaction: the row lock it takes is held
# only until the commit that follows, so writers queue here for
# microseconds, never while holding it and waiting for anything else.
_BUMP = _STATE.update().where(_STATE.c.id == 1).values(
    version=_STATE.c.version + 1)
_VERSION = sa.select(_STATE.c.version).where(_STATE.c.id == 1)
_WROTE = 'placement.wrote'


def many(name):
    """A bound parameter that takes a list: `col.in_(many('ids'))`, for
    statements built once and run with lists of any length."""
    return sa.bindparam(name, expanding=True)


def _note_writes(state):
    """do_orm_execute listener: mark the session once it runs DML."""
    if state.is_insert or state.is_update or state.is_delete:
        state.session.info[_WROTE] = True


class Database:
    """One Placement database: reader() and writer() sessions on its URL."""

    def __init__(self, url, group=None, answer_cache_entries=0):
        self.url = url
        self.group = group
        # In-process caches of what was read from this database, by name;
        # each user validates its entries against data it reads again.
        self.memo = {}
        self.answers = answers.AnswerCache(answer_cache_entries)

    @property
    def engine(self):
        return engine.get_engine(self.url, self.group)

    def reader(self):
        return engine.reader(self.url, self.group)

    def snapshot_reader(self):
        return engine.snapshot_reader(self.url, self.group)

    @contextlib.contextmanager
    def writer(self):
        """A write transaction that, if it wrote anything, also bumps the
        state version (placement code writes through Session.execute)."""
        with engine.writer(self.url, self.group) as session:
            event.listen(session, 'do_orm_execute', _note_writes)
            yield session
            if session.info.pop(_WROTE, False):
                session.execute(_BUMP)

    def state_version(self):
        """The version of everything in this database: it changes with
        every committed write (made through writer())."""
        with self.reader() as session:
            return session.execute(_VERSION).scalar()

    @property
    def dialect(self):
        return self.engine.dialect.name
