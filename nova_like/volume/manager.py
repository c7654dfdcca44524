# SPDX-License-Identifier: Apache-2.0
"""The RPC endpoint of nova-like-volume (topic volume, server = host).

It does the backend work of the volumes of its host and sets their final
state: each method finds the volume still in the state the API left it
in, calls the backend, and moves it on by compare-and-swap. A failure
leaves a user message (messages.py) that says what went wrong.
"""

import logging
import os

import oslo_messaging as messaging

from nova_like.clients import glance as glance_client
from nova_like import conf as nl_conf
from nova_like import exception
from nova_like.volume import attachments
from nova_like.volume import backends
from nova_like.volume import deadlines
from nova_like.volume.db import api as db_api
from nova_like.volume.db import models
from nova_like.volume import exports
from nova_like.volume import images
from nova_like.volume import messages
from nova_like.volume import snapshots
from nova_like.volume import volumes
from nova_like import versions

LOG = logging.getLogger(__name__)


class VolumeManager:
    """The volumes of one host, on its backend."""

    target = messaging.Target(version=versions.rpc_version('volume'))

    def __init__(self, conf=None, db=None, backend=None, host=None,
                 glance=None):
        self.conf = conf or nl_conf.CONF
        self.db = db or db_api.Database(self.conf.volume_database.connection,
                                        self.conf.volume_database)
        self.backend = backend or backends.get_backend(self.conf)
        self.host = host or self.conf.host
        self._glance = glance

    @property
    def glance(self):
        if self._glance is None:
            self._glance = glance_client.GlanceClient()
        return self._glance

    @property
    def periodic_interval(self):
        return self.conf.volume.periodic_interval

    def backend_format(self):
        """The format of this backend's volumes: raw or qcow2."""
        return getattr(self.backend, 'file_format', 'raw')

    def init_host(self, context):
        """Log the backend's capacity; end transitions already too old;
        put back the iSCSI targets of live attachments (tgtd keeps them in
        memory only)."""
        total, free = self.backend.capacity()
        LOG.info('Volume backend %s on %s: %.1f GiB, %.1f GiB free for '
                 'volumes', self.conf.volume.backend, self.host, total, free)
        self.periodic_tasks(context)

    def periodic_tasks(self, context):
        deadlines.sweep(self.db, self.host,
                        self.conf.volume.transition_timeout)
        deadlines.sweep_attachments(self)
        try:
            exports.recover(self)
        except Exception as exc:
            LOG.error('Could not recover the iSCSI targets of host %s: %s '
                      '(tools/ensure-storage.sh starts tgtd)', self.host,
                      exception.reason_of(exc))

    def attachment_update(self, context, attachment_id, connector):
        """See VolumeAPI.attachment_update."""
        return exports.connect(self, attachment_id, connector)

    def attachment_delete(self, context, attachment_id):
        """See VolumeAPI.attachment_delete."""
        try:
            return exports.detach(self, attachment_id)
        except Exception as exc:
            raise exception.NovaLikeException(
                'Removing the export of attachment %s failed: %s (it stays '
                'detaching; the periodic check of host %s tries again)'
                % (attachment_id, exception.reason_of(exc), self.host))

    def get_attachments_by_instance(self, context):
        """See VolumeAPI.get_attachments_by_instance."""
        with self.db.reader() as session:
            return attachments.by_instance(session)

    def _row(self, volume_id, status):
        """The volume's row values if it is still in status, else None."""
        with self.db.reader() as session:
            row = session.get(models.Volume, volume_id)
            if row is None or row.status != status:
                LOG.warning('Volume %s is %s, not %s: nothing to do',
                            volume_id, row.status if row else 'gone',
                            status)
                return None
            return {'size': row.size, 'new_size': row.new_size,
                    'project_id': row.project_id,
                    'source_volid': row.source_volid,
                    'snapshot_id': row.snapshot_id,
                    'image_id': row.image_id,
                    'disk_format': (row.image_metadata or {}).get(
                        'disk_format')}

    def _fail(self, volume_id, project_id, status, final, event, reason,
              **values):
        with self.db.writer() as session:
            if volumes.transition(session, volume_id, [status], final,
                                  **values):
                messages.record(session, project_id, volume_id, event,
                                reason)
        LOG.error('Volume %s: %s -> %s: %s', volume_id, status, final,
                  reason)

    def create_volume(self, context, volume_id):
        """See VolumeAPI.create_volume."""
        row = self._row(volume_id, 'creating')
        if row is None:
            return
        try:
            if row['image_id']:
                images.copy_to_volume(
                    self.glance, context, self.backend, self._work_dir(),
                    volume_id, row['image_id'], row['disk_format'],
                    row['size'])
            elif row['source_volid'] or row['snapshot_id']:
                source = row['source_volid'] or snapshots.backend_id(
                    row['snapshot_id'])
                self.backend.create_from(
                    volume_id, self.backend.local_path(source), row['size'])
            else:
                self.backend.create(volume_id, row['size'])
        except Exception as exc:
            self._fail(volume_id, row['project_id'], 'creating', 'error',
                       messages.CREATE_FAILED,
                       'Creating the volume failed: %s'
                       % exception.reason_of(exc))
            return
        with self.db.writer() as session:
            done = volumes.transition(session, volume_id, ['creating'],
                                      'available')
        if not done:
            LOG.warning('Volume %s was created on the backend but is no '
                        'longer creating (timed out or deleted)', volume_id)

    def _work_dir(self):
        return self.conf.volume.image_conversion_dir or os.path.join(
            self.conf.volume.volumes_dir, 'conversion')

    def extend_volume(self, context, volume_id, new_size):
        """See VolumeAPI.extend_volume."""
        row = self._row(volume_id, 'extending')
        if row is None:
            return
        try:
            self.backend.extend(volume_id, new_size)
        except backends.InsufficientCapacity as exc:
            # Nothing was touched: the volume is as it was, and usable.
            self._fail(volume_id, row['project_id'], 'extending',
                       'available', messages.EXTEND_FAILED,
                       'Extending the volume failed: %s' % exc.message,
                       new_size=None)
            return
        except Exception as exc:
            self._fail(volume_id, row['project_id'], 'extending',
                       'error_extending', messages.EXTEND_FAILED,
                       'Extending the volume failed: %s'
                       % exception.reason_of(exc), new_size=None)
            return
        with self.db.writer() as session:
            volumes.transition(session, volume_id, ['extending'],
                               'available', size=new_size, new_size=None)

    def delete_volume(self, context, volume_id):
        """See VolumeAPI.delete_volume."""
        row = self._row(volume_id, 'deleting')
        if row is None:
            return
        try:
            self.backend.delete(volume_id)
        except Exception as exc:
            self._fail(volume_id, row['project_id'], 'deleting',
                       'error_deleting', messages.DELETE_FAILED,
                       'Deleting the volume failed: %s'
                       % exception.reason_of(exc))
            return
        with self.db.writer() as session:
            volumes.delete_row(session, volume_id)

    def _snapshot(self, snapshot_id, status):
        with self.db.reader() as session:
            row = session.get(models.Snapshot, snapshot_id)
            if row is None or row.status != status:
                LOG.warning('Snapshot %s is %s, not %s: nothing to do',
                            snapshot_id, row.status if row else 'gone',
                            status)
                return None
            return {'volume_id': row.volume_id, 'size': row.size,
                    'project_id': row.project_id}

    def _snapshot_failed(self, snapshot_id, project_id, status, final,
                         reason):
        with self.db.writer() as session:
            if snapshots.transition(session, snapshot_id, [status], final):
                messages.record(session, project_id, snapshot_id,
                                messages.SNAPSHOT_FAILED, reason,
                                resource_type='SNAPSHOT')
        LOG.error('Snapshot %s: %s -> %s: %s', snapshot_id, status, final,
                  reason)

    def create_snapshot(self, context, snapshot_id):
        """See VolumeAPI.create_snapshot."""
        row = self._snapshot(snapshot_id, 'creating')
        if row is None:
            return
        try:
            self.backend.create_from(
                snapshots.backend_id(snapshot_id),
                self.backend.local_path(row['volume_id']), row['size'])
        except Exception as exc:
            self._snapshot_failed(snapshot_id, row['project_id'],
                                  'creating', 'error',
                                  'Creating the snapshot failed: %s'
                                  % exception.reason_of(exc))
            return
        with self.db.writer() as session:
            snapshots.transition(session, snapshot_id, ['creating'],
                                 'available')

    def delete_snapshot(self, context, snapshot_id):
        """See VolumeAPI.delete_snapshot."""
        row = self._snapshot(snapshot_id, 'deleting')
        if row is None:
            return
        try:
            self.backend.delete(snapshots.backend_id(snapshot_id))
        except Exception as exc:
            self._snapshot_failed(snapshot_id, row['project_id'],
                                  'deleting', 'error_deleting',
                                  'Deleting the snapshot failed: %s'
                                  % exception.reason_of(exc))
            return
        with self.db.writer() as session:
            volumes.delete_row(session, snapshot_id, table=models.Snapshot)
