# SPDX-License-Identifier: Apache-2.0
"""The answer cache, and the state version every write transaction bumps."""

import pytest
import sqlalchemy as sa

from nova_like.placement import answers
from nova_like.placement.db import models


def _add_trait(db, name):
    with db.writer() as s:
        s.execute(sa.insert(models.TRAIT).values(name=name))


def test_each_committed_write_bumps_the_version_once(db):
    assert db.state_version() == 0
    _add_trait(db, 'CUSTOM_A')
    assert db.state_version() == 1
    _add_trait(db, 'CUSTOM_B')
    assert db.state_version() == 2


def test_a_rolled_back_write_leaves_the_version(db):
    with pytest.raises(RuntimeError):
        with db.writer() as s:
            s.execute(sa.insert(models.TRAIT).values(name='CUSTOM_A'))
            raise RuntimeError('changed my mind')
    assert db.state_version() == 0


class Builds:
    def __init__(self):
        self.count = 0

    def __call__(self):
        self.count += 1
        return b'answer %d' % self.count


def test_an_answer_is_reused_until_a_write(db):
    cache = answers.AnswerCache(4)
    build = Builds()
    assert cache.get_or_build(db, 'q', build) == b'answer 1'
    assert cache.get_or_build(db, 'q', build) == b'answer 1'
    _add_trait(db, 'CUSTOM_A')
    assert cache.get_or_build(db, 'q', build) == b'answer 2'
    assert cache.get_or_build(db, 'other', build) == b'answer 3'
    assert build.count == 3


def test_a_write_during_the_build_is_not_hidden(db):
    """The version is read before building: the answer built while a write
    committed is kept under the older version and rebuilt next time."""
    cache = answers.AnswerCache(4)
    calls = []

    def build():
        calls.append(1)
        if len(calls) == 1:
            _add_trait(db, 'CUSTOM_DURING')
        return b'answer %d' % len(calls)

    cache.get_or_build(db, 'q', build)
    assert cache.get_or_build(db, 'q', build) == b'answer 2'
    assert cache.get_or_build(db, 'q', build) == b'answer 2'


def test_least_recently_used_answers_go_first(db):
    cache = answers.AnswerCache(2)
    build = Builds()
    cache.get_or_build(db, 'a', build)          # answer 1
    cache.get_or_build(db, 'b', build)          # answer 2
    cache.get_or_build(db, 'a', build)          # reused, now most recent
    cache.get_or_build(db, 'c', build)          # answer 3, drops b
    assert cache.get_or_build(db, 'a', build) == b'answer 1'
    assert cache.get_or_build(db, 'b', build) == b'answer 4'
    assert build.count == 4


def test_zero_entries_keeps_nothing(db):
    cache = answers.AnswerCache(0)
    build = Builds()
    cache.get_or_build(db, 'q', build)
    cache.get_or_build(db, 'q', build)
    assert build.count == 2


def test_a_transaction_that_only_reads_leaves_the_version(db):
    with db.writer() as s:
        s.execute(sa.select(models.TRAIT.c.name)).all()
    assert db.state_version() == 0
