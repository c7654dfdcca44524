# SPDX-License-Identifier: Apache-2.0
"""The network database handle the REST app and the RPC manager share."""

from nova_like.db import engine

retry_on_deadlock = engine.retry_on_deadlock
is_duplicate = engine.is_duplicate


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
