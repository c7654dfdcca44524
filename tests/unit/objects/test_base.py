# SPDX-License-Identifier: Apache-2.0
"""Helpers of objects/base.py that the reconcilers time their rules with."""

import datetime
import types

from nova_like.objects import base

NOW = datetime.datetime(2026, 12, 7, 12, 0, 0, tzinfo=datetime.timezone.utc)


def test_seconds_since_takes_naive_stamps_as_utc():
    naive = datetime.datetime(2026, 12, 7, 11, 59, 30)
    assert base.seconds_since(naive, NOW) == 30
    assert base.seconds_since(naive.replace(
        tzinfo=datetime.timezone.utc), NOW) == 30
    assert base.seconds_since(None, NOW) == 0


def test_idle_seconds_counts_from_the_last_write():
    written = types.SimpleNamespace(
        created_at=NOW - datetime.timedelta(seconds=90),
        updated_at=NOW - datetime.timedelta(seconds=10))
    assert base.idle_seconds(written, NOW) == 10
    written.updated_at = None
    assert base.idle_seconds(written, NOW) == 90
