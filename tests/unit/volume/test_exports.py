# SPDX-License-Identifier: Apache-2.0
"""The export choice and the connect/detach/recover flows, against a
stand-in tgtd (tests/unit/volume/test_tgt.py) and SQLite."""

import types

import pytest

from nova_like import exception
from nova_like.volume import attachments
from nova_like.volume import backends
from nova_like.volume import context as volume_context
from nova_like.volume.db import models
from nova_like.volume import exports
from nova_like.volume import manager as volume_manager
from nova_like.volume.targets import tgt
from tests.unit.volume.test_tgt import FakeTgtd

INITIATOR = 'iqn.2008-11.org.linux-kvm:cmp2'
LOCAL = {'host': 'volhost', 'initiator': 'iqn.x:volhost'}
REMOTE = {'host': 'cmp2', 'initiator': INITIATOR, 'mountpoint': '/dev/vdb'}


def test_choose_local_only_on_the_volume_host():
    assert exports.choose('volhost', {'host': 'volhost'}) == 'local'
    assert exports.choose('volhost', {'host': 'cmp2'}) == 'iscsi'


def test_public_drops_only_the_password():
    info = {'driver_volume_type': 'iscsi',
            'data': {'auth_username': 'u', 'auth_password': 'secret'}}
    assert exports.public(info) == {'driver_volume_type': 'iscsi',
                                    'data': {'auth_username': 'u'}}
    assert info['data']['auth_password'] == 'secret'
    assert exports.public(None) is None


@pytest.fixture
def tgtd():
    fake = FakeTgtd()
    previous = tgt.set_runner(fake)
    yield fake
    tgt.set_runner(previous)


@pytest.fixture
def mgr(db, volume_conf):
    mgr = volume_manager.VolumeManager(
        volume_conf, db=db, backend=backends.get_backend(volume_conf),
        host='volhost')
    mgr.backend.create('v1', 1)
    with db.writer() as session:
        volume = models.Volume(
            id='v1', project_id='p1', size=1, status='available',
            availability_zone='nova', volume_type_id='t', host='volhost',
            metadata_={})
        session.add(volume)
        session.flush()
        mgr.attachment_id = attachments.reserve(
            session, volume, 'server-1',
            volume_context.admin_context(db, None)).id
    return mgr


def _row(mgr):
    with mgr.db.reader() as session:
        row = session.get(models.VolumeAttachment, mgr.attachment_id)
        return types.SimpleNamespace(**{
            c.key: getattr(row, c.key) for c in row.__mapper__.column_attrs})


def test_a_local_connector_gets_the_file_and_no_target(mgr, tgtd):
    info = exports.connect(mgr, mgr.attachment_id, LOCAL)
    assert info['driver_volume_type'] == 'local'
    assert info['data']['device_path'] == mgr.backend.local_path('v1')
    assert tgtd.targets == {}
    assert _row(mgr).auth_username is None


def test_a_foreign_connector_gets_a_chap_target_kept_with_it(mgr, tgtd):
    info = exports.connect(mgr, mgr.attachment_id, REMOTE)
    assert info['driver_volume_type'] == 'iscsi'
    data = info['data']
    assert data['target_iqn'] == tgt.target_name('v1', mgr.attachment_id)
    row = _row(mgr)
    assert (row.auth_username, row.auth_password) == (
        data['auth_username'], data['auth_password'])
    assert 'auth_password' not in row.connection_info['data']
    assert row.attach_status == 'attaching' and row.mountpoint == '/dev/vdb'
    [target] = tgtd.targets.values()
    assert target['acls'] == [INITIATOR]
    # Again: the same credentials, one target.
    again = exports.connect(mgr, mgr.attachment_id, REMOTE)
    assert again['data']['auth_password'] == data['auth_password']
    assert len(tgtd.targets) == 1
    # tgtd restarted: recover() puts back exactly what is missing.
    tgtd.targets.clear()
    tgtd.accounts.clear()
    assert exports.recover(mgr) == [mgr.attachment_id]
    assert exports.recover(mgr) == []
    assert len(tgtd.targets) == 1
    assert exports.detach(mgr, mgr.attachment_id) is True
    assert tgtd.targets == {} and tgtd.accounts == {}
    assert exports.detach(mgr, mgr.attachment_id) is False


def test_tgtd_down_is_error_attaching_and_the_volume_available(mgr, tgtd):
    tgtd.running = False
    with pytest.raises(exception.NovaLikeException) as caught:
        exports.connect(mgr, mgr.attachment_id, REMOTE)
    assert 'ensure-storage.sh' in caught.value.message
    assert _row(mgr).attach_status == 'error_attaching'
    with mgr.db.reader() as session:
        assert session.get(models.Volume, 'v1').status == 'available'
    # A detach whose target cannot be removed stays detaching.
    with pytest.raises(tgt.TargetError):
        exports.detach(mgr, mgr.attachment_id)
    assert _row(mgr).attach_status == 'detaching'
    tgtd.running = True
    assert exports.detach(mgr, mgr.attachment_id) is True


def test_no_initiator_or_qcow2_is_refused_before_tgtd(mgr, tgtd):
    with pytest.raises(exception.Invalid, match="no 'initiator'"):
        exports.connect(mgr, mgr.attachment_id, {'host': 'cmp2'})
    mgr.backend.file_format = 'qcow2'
    with pytest.raises(exception.Invalid, match='only raw volumes'):
        exports.connect(mgr, mgr.attachment_id, REMOTE)
    assert tgtd.commands == []
    assert _row(mgr).attach_status == 'reserved'


def test_a_failed_export_leaves_no_half_made_target(mgr, tgtd, monkeypatch):
    def refuse(opts):
        raise LookupError('out of memory')
    monkeypatch.setattr(tgtd, 'account_new', refuse)
    with pytest.raises(exception.NovaLikeException, match='out of memory'):
        exports.connect(mgr, mgr.attachment_id, REMOTE)
    assert tgtd.targets == {}
    assert _row(mgr).attach_status == 'error_attaching'
