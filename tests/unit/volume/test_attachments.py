# SPDX-License-Identifier: Apache-2.0
"""The attachment state machine on SQLite: what the volume's status
follows, the compare-and-swap reserve, complete and detach."""

import pytest

from nova_like.volume import attachments
from nova_like.volume import context as volume_context
from nova_like.volume.db import models
from nova_like.volume import errors

SERVER = '8a4f3c2e-52d1-4b43-9a55-0a0d6c1f1e01'
SERVER2 = '8a4f3c2e-52d1-4b43-9a55-0a0d6c1f1e02'


@pytest.mark.parametrize('statuses,expected', [
    ([], ('available', 'detached')),
    (['error_attaching'], ('available', 'detached')),
    (['reserved'], ('reserved', 'reserved')),
    (['attaching', 'reserved'], ('attaching', 'attaching')),
    (['detaching'], ('detaching', 'detaching')),
    (['detaching', 'reserved'], ('detaching', 'detaching')),
    (['attached', 'detaching', 'attaching'], ('in-use', 'attached')),
])
def test_volume_state_follows_the_strongest_attachment(statuses, expected):
    assert attachments.volume_state(statuses) == expected


def _volume(db, status='available', multiattach=False):
    with db.writer() as session:
        session.add(models.Volume(
            id='v-%s-%s' % (status, multiattach), project_id='p1', size=1,
            status=status, availability_zone='nova', volume_type_id='t',
            host='h1', multiattach=multiattach, metadata_={}))
    return 'v-%s-%s' % (status, multiattach)


def _reserve(db, volume_id, server=SERVER):
    with db.writer() as session:
        volume = session.get(models.Volume, volume_id)
        return attachments.reserve(
            session, volume, server,
            volume_context.admin_context(db, None)).id


def _volume_row(db, volume_id):
    with db.reader() as session:
        row = session.get(models.Volume, volume_id)
        return row.status, row.attach_status


def test_reserve_is_a_compare_and_swap_on_the_volume(db):
    volume_id = _volume(db)
    _reserve(db, volume_id)
    assert _volume_row(db, volume_id) == ('reserved', 'reserved')
    with pytest.raises(errors.InvalidVolume) as caught:
        _reserve(db, volume_id, SERVER2)
    assert ('must be available or downloading to reserve, but the current '
            'status is reserved') in caught.value.message
    # The same server again: allowed (a move to another host).
    _reserve(db, volume_id, SERVER)
    with db.reader() as session:
        assert len(attachments.of_volume(session, volume_id)) == 2


def test_a_volume_in_error_cannot_be_reserved(db):
    volume_id = _volume(db, status='error')
    with pytest.raises(errors.InvalidVolume):
        _reserve(db, volume_id)


def test_multiattach_keeps_in_use_while_another_is_reserved(db):
    volume_id = _volume(db, multiattach=True)
    first = _reserve(db, volume_id)
    with db.writer() as session:
        attachments.mark(session, first, ['reserved'], 'attaching',
                         connection_info={'driver_volume_type': 'local'})
        attachments.complete(session, first)
    assert _volume_row(db, volume_id) == ('in-use', 'attached')
    second = _reserve(db, volume_id, SERVER2)
    assert _volume_row(db, volume_id) == ('in-use', 'attached')
    with db.writer() as session:
        attachments.begin_detaching(session, first)
    assert _volume_row(db, volume_id) == ('detaching', 'detaching')
    with db.writer() as session:
        assert attachments.finish_detaching(session, first)
        assert not attachments.finish_detaching(session, first)
    assert _volume_row(db, volume_id) == ('reserved', 'reserved')
    with db.writer() as session:
        attachments.begin_detaching(session, second)
        attachments.finish_detaching(session, second)
    assert _volume_row(db, volume_id) == ('available', 'detached')


def test_complete_needs_a_connection(db):
    volume_id = _volume(db)
    attachment_id = _reserve(db, volume_id)
    with db.writer() as session, pytest.raises(errors.InvalidAttachment):
        attachments.complete(session, attachment_id)
    with db.writer() as session, pytest.raises(errors.AttachmentNotFound):
        attachments.complete(session, 'nope')


def test_settle_leaves_a_status_an_admin_set(db):
    volume_id = _volume(db, status='error')
    with db.writer() as session:
        assert attachments.settle(session, volume_id) == 'error'
        assert attachments.settle(session, 'nope') is None
