# SPDX-License-Identifier: Apache-2.0
"""The volume database handle the REST app and the RPC manager share."""

from nova_like.db import engine


class Database:
    """One volume database: reader() and writer() sessions on its URL."""

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
