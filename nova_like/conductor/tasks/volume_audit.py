# SPDX-License-Identifier: Apache-2.0
"""The volume audit: attachments of servers that are gone are deleted.

Run by the conductor every [conductor] volume_audit_interval. A compute
host deletes a server's attachments when it detaches or deletes it, but
one that died in between (or could not reach nova-like-volume then)
leaves attachments, and so volumes reserved or in-use, for a server that
no longer exists. One pass asks nova-like-volume for the attachments
that name a server (any volume host answers: they share the volume
database), then reads the build requests (a boot from volume reserves
its volumes before the server is in a cell) and the instances of every
cell, and finds the attachments of servers that are

- deleted, or in no cell and no build request.

A server in ERROR keeps its attachments, as in Nova: deleting it
detaches them. The attachments are deleted (their export removed by the
volume's host, the volume available again) only when a second pass in a
row finds the same server gone, and each repair is logged; deleting
twice is harmless.
"""

import logging

from nova_like.compute import vm_states
from nova_like.conductor.tasks import audit
from nova_like import conf
from nova_like import exception
from nova_like import objects

CONF = conf.CONF
LOG = logging.getLogger(__name__)
VOLUME_BINARY = 'nova-like-volume'


class VolumeAudit:
    """Keeps what the last pass found, to act on what two passes agree on."""

    def __init__(self, volume):
        self.volume = volume
        self._orphans = audit.TwoPasses()

    def run(self, context):
        """One pass; returns the instance uuids whose attachments went."""
        ctx = context.elevated()
        if not audit.service_up(ctx, VOLUME_BINARY, CONF.service_down_time):
            LOG.debug('Volume audit: no %s is up; nothing to ask',
                      VOLUME_BINARY)
            return []
        held = self.volume.get_attachments_by_instance(ctx)
        known = {br.instance_uuid
                 for br in objects.BuildRequestList.get_all(ctx)}
        live = {i.uuid for i in audit.instances(ctx, list(held))
                if i.vm_state != vm_states.DELETED}
        orphans = set(held) - live - known
        return [u for u in self._orphans.confirm(orphans)
                if self._detach(ctx, u, held[u])]

    def _detach(self, ctx, instance_uuid, attachments):
        done = True
        for attachment_id, host in attachments:
            try:
                self.volume.attachment_delete(ctx, host, attachment_id)
            except exception.NovaLikeException:
                LOG.exception('Volume audit: could not delete attachment %s '
                              'of %s', attachment_id, instance_uuid)
                done = False
                continue
            LOG.warning('Volume audit: deleted attachment %s (volume host '
                        '%s) of %s, a server that is gone', attachment_id,
                        host, instance_uuid)
        return done
