# SPDX-License-Identifier: Apache-2.0
"""The compute facade's volume part: os-volume_attachments of servers.

A mixin of compute.api.API. As Nova: the API checks the server and the
volume, reserves the volume (a Cinder attachment without a connector),
asks the server's host for a device name (reserve_block_device_name, a
call that records the block device mapping) and casts attach_volume; the
host finishes the attachment (compute/volumes.py). Detach is a cast.
"""

import logging

from nova_like.clients import volume as volume_client
from nova_like.compute.api import guards
from nova_like.compute import volumes as compute_volumes
from nova_like.compute import vm_states
from nova_like import context as nl_context
from nova_like import exception
from nova_like import objects

LOG = logging.getLogger(__name__)

# Where Nova lets a volume be attached or detached (task_state None).
VOLUME_VM_STATES = (vm_states.ACTIVE, vm_states.PAUSED, vm_states.STOPPED)


class VolumesMixin:
    """Volume operations of the compute facade (needs
    self.compute_rpcapi; self._volume_api may be preset by tests)."""

    _volume_api = None

    @property
    def volume_api(self):
        if self._volume_api is None:
            self._volume_api = volume_client.VolumeClient()
        return self._volume_api

    def volume_bdms_by_instance(self, context, instances):
        """{instance uuid: [its volume BlockDeviceMappings]}."""
        cells = {}
        for instance in instances:
            if instance.obj_attr_is_set('id') and getattr(
                    instance, 'cell_mapping', None) is not None:
                cells.setdefault(instance.cell_mapping.uuid, (
                    instance.cell_mapping, []))[1].append(instance.uuid)
        found = {}
        for cell, uuids in cells.values():
            with nl_context.target_cell(context, cell) as cctx:
                for bdm in objects.BlockDeviceMappingList \
                        .get_by_instance_uuids(cctx, uuids):
                    if bdm.is_volume:
                        found.setdefault(bdm.instance_uuid, []).append(bdm)
        return found

    def get_volume_bdms(self, context, instance):
        """The server's volume mappings, oldest first."""
        return self.volume_bdms_by_instance(context, [instance]).get(
            instance.uuid, [])

    def get_volume_bdm(self, context, instance, volume_id):
        """:raises: VolumeBDMNotFound when the server has no such volume."""
        for bdm in self.get_volume_bdms(context, instance):
            if bdm.volume_id == volume_id:
                return bdm
        raise exception.VolumeBDMNotFound(volume_id=volume_id)

    def _check_volume_action(self, context, instance, method):
        guards.check_lock(context, instance)
        guards.check_state(instance, method, VOLUME_VM_STATES, (None,))
        if not instance.host or not instance.obj_attr_is_set('id'):
            raise exception.InstanceNotReady(instance_id=instance.uuid,
                                             reason='it has no host')

    def attach_volume(self, context, instance, volume_id, tag=None,
                      delete_on_termination=False):
        """Reserve the volume, get its device from the server's host and
        have the host attach it.

        :returns: the new BlockDeviceMapping (device_name set).
        :raises: InstanceIsLocked, InstanceInvalidState, InstanceNotReady,
            VolumeNotFound, InvalidVolume (already attached, not
            available), VolumeServiceUnavailable, MessagingTimeout.
        """
        self._check_volume_action(context, instance, 'attach_volume')
        self.volume_api.get(context, volume_id)
        if any(bdm.volume_id == volume_id
               for bdm in self.get_volume_bdms(context, instance)):
            raise exception.InvalidVolume(
                reason='volume %s already attached' % volume_id)
        with nl_context.target_cell(context, instance.cell_mapping) as cctx:
            instance._context = cctx
            objects.InstanceAction.action_start(cctx, instance.uuid,
                                                'attach_volume')
            attachment = None
            bdm = None
            try:
                attachment = self.volume_api.attachment_create(
                    cctx, volume_id, instance.uuid)
                bdm = self.compute_rpcapi.reserve_block_device_name(
                    cctx, instance, volume_id,
                    attachment_id=attachment['id'], tag=tag,
                    delete_on_termination=delete_on_termination)
                self.compute_rpcapi.attach_volume(cctx, instance, bdm)
            except Exception:
                self._undo_reserve(cctx, instance, attachment, bdm)
                objects.InstanceAction.action_finish(cctx, instance.uuid,
                                                     message='Error')
                raise
        return bdm

    def _undo_reserve(self, cctx, instance, attachment, bdm):
        if attachment is not None:
            try:
                self.volume_api.attachment_delete(cctx, attachment['id'])
            except Exception as exc:  # the volume service audits it
                LOG.warning('Deleting attachment %s after a failed attach '
                            'to %s: %s', attachment['id'], instance.uuid,
                            exception.reason_of(exc))
        if bdm is not None:
            bdm._context = cctx
            bdm.destroy()

    def detach_volume(self, context, instance, volume_id):
        """Have the server's host detach the volume (cast).

        :raises: InstanceIsLocked, InstanceInvalidState, VolumeNotFound,
            VolumeBDMNotFound (not attached to this server), InvalidVolume
            (the root disk).
        """
        self._check_volume_action(context, instance, 'detach_volume')
        self.volume_api.get(context, volume_id)
        bdm = self.get_volume_bdm(context, instance, volume_id)
        if bdm.boot_index == 0:
            raise exception.InvalidVolume(
                reason="Cannot detach a root device volume")
        with nl_context.target_cell(context, instance.cell_mapping) as cctx:
            instance._context = cctx
            objects.InstanceAction.action_start(cctx, instance.uuid,
                                                'detach_volume')
            try:
                self.compute_rpcapi.detach_volume(cctx, instance, volume_id)
            except Exception:
                objects.InstanceAction.action_finish(cctx, instance.uuid,
                                                     message='Error')
                raise

    def update_volume_attachment(self, context, instance, volume_id,
                                 delete_on_termination):
        """Change delete_on_termination of an attached volume (2.85).

        :returns: the BlockDeviceMapping.
        :raises: InstanceIsLocked, VolumeBDMNotFound.
        """
        guards.check_lock(context, instance)
        bdm = self.get_volume_bdm(context, instance, volume_id)
        with nl_context.target_cell(context, instance.cell_mapping) as cctx:
            bdm._context = cctx
            bdm.delete_on_termination = delete_on_termination
            bdm.save()
        return bdm

    def release_volumes_locally(self, cctx, instance):
        """The volume side of a delete without the host (it is down):
        attachments deleted, delete_on_termination volumes deleted,
        mappings destroyed, best effort."""
        bdms = objects.BlockDeviceMappingList.get_by_instance_uuid(
            cctx, instance.uuid)
        compute_volumes.release_volumes(self.volume_api, cctx, instance,
                                        bdms)
