# SPDX-License-Identifier: Apache-2.0
"""Client side of the volume RPC API (topic volume, server = volume host).

The Block Storage API writes a volume's row in its transitional state and
casts here; the manager of the volume's host does the backend work and
sets the final state. Volume work is cast; attachment work is called
(the caller needs the connection info, or to know the export is gone).

API version history:

    1.0 - Initial version: create_volume, delete_volume, extend_volume,
          create_snapshot, delete_snapshot.
    1.1 - Add attachment_update, attachment_delete (calls to the volume's
          host) and get_attachments_by_instance (call to any host).
"""

import oslo_messaging as messaging

from nova_like import conf
from nova_like import exception
from nova_like import rpc
from nova_like import versions

CONF = conf.CONF

RPC_TOPIC = 'volume'
RPC_API_VERSION = versions.rpc_version('volume')


class VolumeAPI:
    """Talks to the nova-like-volume of a volume's host."""

    def __init__(self):
        target = messaging.Target(topic=RPC_TOPIC, version='1.0')
        cap = versions.version_cap('volume', CONF.upgrade_levels.volume)
        self.client = rpc.get_client(target, version_cap=cap)

    def create_volume(self, context, host, volume_id):
        """Make the bytes of a volume in creating (cast).

        :param host: the volume's host (its row's host).
        The row says the size and the source (source_volid or
        snapshot_id); the volume ends available, or error with a user
        message.
        """
        self.client.prepare(server=host).cast(
            context, 'create_volume', volume_id=volume_id)

    def delete_volume(self, context, host, volume_id):
        """Remove the bytes and the row of a volume in deleting (cast);
        error_deleting with a user message when the backend fails."""
        self.client.prepare(server=host).cast(
            context, 'delete_volume', volume_id=volume_id)

    def extend_volume(self, context, host, volume_id, new_size):
        """Grow a volume in extending to new_size GiB (cast); it ends
        available at the new size, or back at the old one with a user
        message when the backend has no room, or error_extending."""
        self.client.prepare(server=host).cast(
            context, 'extend_volume', volume_id=volume_id,
            new_size=new_size)

    def create_snapshot(self, context, host, snapshot_id):
        """Copy a snapshot's volume on the backend of host (cast); the
        snapshot ends available, or error with a user message."""
        self.client.prepare(server=host).cast(
            context, 'create_snapshot', snapshot_id=snapshot_id)

    def delete_snapshot(self, context, host, snapshot_id):
        """Remove a snapshot in deleting, its copy and its row (cast)."""
        self.client.prepare(server=host).cast(
            context, 'delete_snapshot', snapshot_id=snapshot_id)

    def _prepare_1_1(self, what, **kwargs):
        if not self.client.can_send_version('1.1'):
            raise exception.RPCPinnedToOldVersion(what=what, version='1.1')
        return self.client.prepare(version='1.1', **kwargs)

    def attachment_update(self, context, host, attachment_id, connector):
        """Export an attachment's volume for connector (call).

        :param host: the volume's host, which owns the export.
        :returns: Cinder-shaped connection info: 'local' when the
            connector's host is host, else 'iscsi' with CHAP credentials.
        :raises: Invalid (the attachment cannot be updated, the connector
            lacks an initiator, a qcow2 volume over iSCSI), NotFound,
            NovaLikeException (the export failed: error_attaching).
        """
        return self._prepare_1_1('attachment_update', server=host).call(
            context, 'attachment_update', attachment_id=attachment_id,
            connector=connector)

    def attachment_delete(self, context, host, attachment_id):
        """Remove an attachment's export and row, settle its volume (call).

        :returns: True when this call removed it, False when it was gone.
        :raises: NovaLikeException when the target could not be removed
            (the attachment stays detaching; host's periodic check retries).
        """
        return self._prepare_1_1('attachment_delete', server=host).call(
            context, 'attachment_delete', attachment_id=attachment_id)

    def get_attachments_by_instance(self, context):
        """{instance uuid: [[attachment id, volume host], ...]} of every
        attachment that names a server, for the conductor's volume audit
        (call to any volume host: they share the volume database)."""
        return self._prepare_1_1('get_attachments_by_instance').call(
            context, 'get_attachments_by_instance')
