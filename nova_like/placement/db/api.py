# SPDX-License-Identifier: Apache-2.0
"""The Placement database handle that every request context carries."""

from nova_like.db import engine

retry_on_deadlock = engine.retry_on_deadlock


class Database:
    """One Placement database: reader() and writer() sessions on its URL."""

    def __init__(self, url, group=None):
        self.url = url
        self.group = group
        # In-process caches of what was read from this database, by name;
        # each user validates its entries against data it reads again.
        self.memo = {}

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
