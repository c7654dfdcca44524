# SPDX-License-Identifier: Apache-2.0
"""How an attachment reaches its compute host: the export choice and the
connect/disconnect flows the volume manager runs on the volume's host.

A connector whose 'host' is this volume host gets 'local' connection info
(the compute opens the file); any other gets an iSCSI target of tgtd with
CHAP credentials of its own (targets/tgt.py), kept with the attachment so
the target can be rebuilt after tgtd restarts (recover()). tgt exports
bytes: a qcow2 volume can only be attached locally.
"""

import logging

from nova_like import exception
from nova_like.volume import attachments
from nova_like.volume.db import models
from nova_like.volume.targets import local
from nova_like.volume.targets import tgt

LOG = logging.getLogger(__name__)
LOCAL = 'local'
ISCSI = 'iscsi'
# Attachments whose target should exist in tgtd.
EXPORTED = ('attaching', 'attached')


def choose(volume_host, connector):
    """'local' when the connector is on the volume's host, else 'iscsi'."""
    return LOCAL if connector.get('host') == volume_host else ISCSI


def public(connection_info):
    """connection_info without its CHAP password (what is stored and
    what list views show)."""
    if not connection_info:
        return connection_info
    data = dict(connection_info.get('data') or {})
    data.pop('auth_password', None)
    return dict(connection_info, data=data)


def with_secret(row):
    """The attachment's stored connection info with its password back."""
    info = row.connection_info
    if not info or not row.auth_password:
        return info
    return dict(info, data=dict(info['data'],
                                auth_password=row.auth_password))


def _fail(db, attachment_id, reason):
    with db.writer() as session:
        row = session.get(models.VolumeAttachment, attachment_id)
        if row is not None and attachments.mark(
                session, attachment_id, ['attaching'], 'error_attaching'):
            attachments.settle(session, row.volume_id)
    LOG.error('Attachment %s: error_attaching: %s', attachment_id, reason)


def connect(manager, attachment_id, connector):
    """Export the attachment's volume for connector; its connection info
    (with the CHAP password: the caller is the attachment's owner).

    reserved, attaching, error_attaching -> attaching (attached stays).
    :raises exception.Invalid: the attachment cannot be updated, the
        connector lacks what the export needs, or a qcow2 volume asked
        over iSCSI
    :raises exception.NovaLikeException: the export failed; the
        attachment is error_attaching
    """
    conf, db = manager.conf, manager.db
    kind = choose(manager.host, connector)
    with db.writer() as session:
        row = session.get(models.VolumeAttachment, attachment_id)
        if row is None:
            raise exception.NotFound(
                'Volume attachment could not be found with filter: '
                'attachment_id = %s.' % attachment_id)
        if row.attach_status not in attachments.UPDATABLE:
            raise exception.Invalid(
                'attachment %s is %s: it cannot be updated.'
                % (attachment_id, row.attach_status))
        volume_id = row.volume_id
        if kind == ISCSI:
            if not connector.get('initiator'):
                raise exception.Invalid(
                    "the connector of host %s has no 'initiator': "
                    "an iSCSI export (the volume is on host %s) needs the "
                    "initiator name that may log in."
                    % (connector.get('host'), manager.host))
            if manager.backend_format() != 'raw':
                raise exception.Invalid(
                    'volume %s is a %s file: only raw volumes can be '
                    'exported over iSCSI to host %s (tgt exports bytes); '
                    'attach it on host %s, or use [volume] file_format = '
                    'raw.' % (volume_id, manager.backend_format(),
                              connector.get('host'), manager.host))
        values = {'connector': connector,
                  'attached_host': connector.get('host'),
                  'mountpoint': connector.get('mountpoint')}
        if kind == ISCSI and not row.auth_username:
            # Stored before tgtd hears of them: a crash after the export
            # leaves what unexport needs.
            values['auth_username'], values['auth_password'] = \
                tgt.new_credentials()
        if row.attach_status == 'attached':
            for key, value in values.items():
                setattr(row, key, value)
        elif not attachments.mark(session, attachment_id,
                                  attachments.UPDATABLE, 'attaching',
                                  **values):
            raise exception.Invalid(
                'attachment %s changed status meanwhile; try again.'
                % attachment_id)
        attachments.settle(session, volume_id)
        session.refresh(row)
        auth = (row.auth_username, row.auth_password)
        mode, was_attached = row.attach_mode, row.attach_status == 'attached'
    path = manager.backend.local_path(volume_id)
    try:
        if kind == LOCAL:
            info = local.connection_info(volume_id, path,
                                         manager.backend_format())
        else:
            info = tgt.export(volume_id, attachment_id, path,
                              connector['initiator'],
                              portal=conf.volume.iscsi_portal,
                              prefix=conf.volume.iscsi_target_prefix,
                              auth=auth)
    except (tgt.TargetError, ValueError, OSError) as exc:
        reason = 'Exporting volume %s for host %s failed: %s' % (
            volume_id, connector.get('host'), exception.reason_of(exc))
        _fail(db, attachment_id, reason)
        if kind == ISCSI:
            # A half-made target opens nothing, but leave none behind.
            try:
                disconnect(manager, attachment_id, volume_id, auth[0])
            except tgt.TargetError as cleanup:
                LOG.warning('Attachment %s: removing its half-made target '
                            'failed too: %s', attachment_id,
                            exception.reason_of(cleanup))
        raise exception.NovaLikeException(reason)
    info['data']['access_mode'] = mode
    with db.writer() as session:
        stored = attachments.mark(
            session, attachment_id, ('attaching', 'attached'),
            'attached' if was_attached else 'attaching',
            connection_info=public(info))
    if not stored:
        # Deleted (or timed out) while exporting: leave nothing behind.
        disconnect(manager, attachment_id, volume_id, auth[0])
        raise exception.Invalid(
            'attachment %s was deleted while it was being '
            'exported.' % attachment_id)
    LOG.info('Attachment %s of volume %s: %s export for host %s',
             attachment_id, volume_id, kind, connector.get('host'))
    return info


def disconnect(manager, attachment_id, volume_id, username):
    """Remove the attachment's iSCSI target and account (when it has
    one); idempotent."""
    if not username:
        return
    tgt.unexport(volume_id, attachment_id,
                 prefix=manager.conf.volume.iscsi_target_prefix,
                 username=username)


def detach(manager, attachment_id):
    """Delete an attachment: detaching, its export removed, its row gone,
    its volume settled. Idempotent; True when this call removed it.

    :raises tgt.TargetError: the target could not be removed (the
        attachment stays detaching; the deadline check tries again)
    """
    with manager.db.writer() as session:
        row = attachments.begin_detaching(session, attachment_id)
        if row is None:
            return False
        volume_id, username = row.volume_id, row.auth_username
    disconnect(manager, attachment_id, volume_id, username)
    with manager.db.writer() as session:
        return attachments.finish_detaching(session, attachment_id)


def recover(manager):
    """Put back the targets of this host's exported attachments that
    tgtd lacks (it forgets them when it restarts); the attachment ids
    recovered."""
    prefix = manager.conf.volume.iscsi_target_prefix
    with manager.db.reader() as session:
        rows = [r for r in session.query(models.VolumeAttachment).filter(
            models.VolumeAttachment.volume_host == manager.host,
            models.VolumeAttachment.attach_status.in_(EXPORTED),
            models.VolumeAttachment.auth_username.is_not(None))
            if (r.connection_info or {}).get('driver_volume_type') == ISCSI]
        wanted = [{'volume_id': r.volume_id, 'attachment_id': r.id,
                   'path': manager.backend.local_path(r.volume_id),
                   'initiator': (r.connector or {}).get('initiator'),
                   'auth_username': r.auth_username,
                   'auth_password': r.auth_password} for r in rows]
    if not wanted:
        return []
    present = tgt.targets()
    missing = [w for w in wanted if tgt.target_name(
        w['volume_id'], w['attachment_id'], prefix) not in present]
    if missing:
        tgt.recover(missing, portal=manager.conf.volume.iscsi_portal,
                    prefix=prefix, prune=False)
        LOG.warning('Recovered the iSCSI targets of attachments %s (tgtd '
                    'had lost them)',
                    ', '.join(m['attachment_id'] for m in missing))
    return [m['attachment_id'] for m in missing]
