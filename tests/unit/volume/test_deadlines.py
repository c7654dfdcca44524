# SPDX-License-Identifier: Apache-2.0
"""Transitions older than the deadline end in their error state."""

import datetime

from nova_like.volume import deadlines
from nova_like.volume.db import models
from nova_like.volume import messages


def _volume(db, volume_id, status, age, host='volhost'):
    with db.writer() as session:
        session.add(models.Volume(
            id=volume_id, project_id='p1', size=1, status=status,
            status_changed_at=models.utcnow() - datetime.timedelta(
                seconds=age),
            availability_zone='nova', volume_type_id='t', host=host,
            metadata_={}, new_size=2 if status == 'extending' else None))


def _status(db, volume_id):
    with db.reader() as session:
        return session.get(models.Volume, volume_id).status


def test_old_transitions_end_in_error_with_a_message(db):
    _volume(db, 'c', 'creating', 700)
    _volume(db, 'e', 'extending', 700)
    _volume(db, 'd', 'deleting', 700)
    _volume(db, 'young', 'creating', 10)
    _volume(db, 'other', 'creating', 700, host='elsewhere')
    _volume(db, 'ok', 'available', 7000)
    moved = deadlines.sweep(db, 'volhost', 600)
    assert sorted(moved) == [('c', 'creating', 'error'),
                             ('d', 'deleting', 'error_deleting'),
                             ('e', 'extending', 'error_extending')]
    assert _status(db, 'young') == 'creating'
    assert _status(db, 'other') == 'creating'
    assert _status(db, 'ok') == 'available'
    with db.reader() as session:
        [message] = messages.for_resource(session, 'c')
        assert 'creating for more than 600 seconds' in message.user_message
        assert message.project_id == 'p1'
        assert session.get(models.Volume, 'e').new_size is None
    assert deadlines.sweep(db, 'volhost', 600) == []


def test_old_snapshot_transitions_end_in_error(db):
    with db.writer() as session:
        for snapshot_id, status in (('s1', 'creating'), ('s2', 'deleting')):
            session.add(models.Snapshot(
                id=snapshot_id, project_id='p1', volume_id='v', size=1,
                status=status, host='volhost', metadata_={},
                status_changed_at=models.utcnow() - datetime.timedelta(
                    seconds=700)))
    assert sorted(deadlines.sweep(db, 'volhost', 600)) == [
        ('s1', 'creating', 'error'), ('s2', 'deleting', 'error_deleting')]
    with db.reader() as session:
        [message] = messages.for_resource(session, 's1')
        assert message.resource_type == 'SNAPSHOT'
        assert 'snapshot was creating' in message.user_message
