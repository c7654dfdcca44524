# SPDX-License-Identifier: Apache-2.0
"""Consumer owners: project and user rows made once.

Their ids are then known without a transaction.
"""

import sqlalchemy as sa

from nova_like.placement.db import models
from nova_like.placement.objects import consumer


class CountingDatabase:
    """db, counting the write transactions it is asked for."""

    def __init__(self, db):
        self.db = db
        self.memo = db.memo
        self.writers = 0

    def writer(self):
        self.writers += 1
        return self.db.writer()


def test_owners_are_created_once_then_known(db):
    counting = CountingDatabase(db)
    first = consumer.ensure_names(counting, models.PROJECT, 'external_id',
                                  ['p1', 'p2', None])
    assert counting.writers == 1
    with db.reader() as s:
        rows = dict(s.execute(sa.select(models.PROJECT.c.external_id,
                                        models.PROJECT.c.id)).all())
    assert first == rows == {'p1': rows['p1'], 'p2': rows['p2']}
    assert consumer.ensure_names(counting, models.PROJECT, 'external_id',
                                 ['p2', 'p1']) == first
    assert counting.writers == 1
    # A new name needs the database again; the known ones keep their ids.
    more = consumer.ensure_names(counting, models.PROJECT, 'external_id',
                                 ['p1', 'p3'])
    assert counting.writers == 2
    assert more['p1'] == first['p1'] and more['p3'] not in first.values()
