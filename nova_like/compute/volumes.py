# SPDX-License-Identifier: Apache-2.0
"""Volumes of a server on its compute host: attach, detach, and cleanup.

As Nova does it with Cinder's attachments API (3.44). The API reserved
the volume (an attachment without a connector) and asked this host for
a device name (reserve_block_device_name, which records the block device
mapping); attach_volume then gives the volume service this host's
connector (attachment update: the answer holds the connection_info),
hot-plugs the disk, completes the attachment (the volume becomes in-use)
and keeps the connection_info in the mapping. Any failure undoes what was
done: the disk is unplugged, the attachment deleted, the mapping
destroyed, and the instance action's event says why; the server's own
state never changes. Detach unplugs, disconnects, deletes the attachment
and destroys the mapping. Each runs under the instance's lock, so it
never overlaps a build, a delete or another attach of the same server
(which is how concurrent attaches get distinct device names).
"""

import logging

from oslo_serialization import jsonutils

from nova_like.clients import volume as volume_client
from nova_like.compute import build
from nova_like.compute import power
from nova_like import exception
from nova_like import objects

LOG = logging.getLogger(__name__)


def client(manager):
    if getattr(manager, 'volume', None) is None:
        manager.volume = volume_client.VolumeClient()
    return manager.volume


def reserve_block_device_name(manager, context, instance, volume_id,
                              attachment_id=None, tag=None,
                              delete_on_termination=False):
    """The next free device of the guest, recorded in a new mapping.

    :returns: the BlockDeviceMapping (volume -> volume).
    :raises: InvalidVolume when the server has the volume already,
        HypervisorError when the guest has no free device.
    """
    with build.instance_lock(instance.uuid):
        bdms = objects.BlockDeviceMappingList.get_by_instance_uuid(
            context, instance.uuid)
        if any(bdm.volume_id == volume_id for bdm in bdms):
            raise exception.InvalidVolume(
                reason='volume %s already attached' % volume_id)
        taken = {bdm.device_name for bdm in bdms if bdm.device_name}
        device = manager.driver.get_device_name_for_instance(instance, taken)
        bdm = objects.BlockDeviceMapping(
            context, instance_uuid=instance.uuid, source_type='volume',
            destination_type='volume', device_type='disk',
            device_name=device, volume_id=volume_id,
            attachment_id=attachment_id, tag=tag, boot_index=None,
            delete_on_termination=bool(delete_on_termination))
        bdm.create()
        return bdm


def _undo_attach(manager, context, instance, bdm, plugged, connection_info):
    """Best effort: what attach_volume did goes, in reverse."""
    if plugged:
        try:
            manager.driver.detach_volume(instance, connection_info,
                                         bdm.device_name)
        except Exception:  # the failure reported is the attach's
            LOG.exception('Unplugging volume %s from %s after a failed '
                          'attach', bdm.volume_id, instance.uuid)
    _forget(manager, context, instance, bdm)


def _forget(manager, context, instance, bdm):
    """The attachment deleted and the mapping destroyed, best effort."""
    _delete_attachment(client(manager), context, instance, bdm)
    bdm.destroy()


def _delete_attachment(volume_api, context, instance, bdm):
    if not bdm.attachment_id:
        return
    try:
        volume_api.attachment_delete(context, bdm.attachment_id)
    except exception.VolumeAttachmentNotFound:
        pass
    except Exception as exc:  # the volume service audits the rest
        LOG.warning('Deleting attachment %s of volume %s (server %s): %s',
                    bdm.attachment_id, bdm.volume_id, instance.uuid,
                    exception.reason_of(exc))


def attach_volume(manager, context, instance, bdm):
    """Connect, hot-plug and complete the attachment of bdm's volume.

    A failure is recorded in the instance action's event
    (compute_attach_volume) and undone; nothing is raised to the caster.
    """
    with build.instance_lock(instance.uuid):
        plugged = False
        connection_info = None
        try:
            with power.event_reporter(context, instance.uuid,
                                      'compute_attach_volume',
                                      manager.host):
                connector = manager.driver.get_volume_connector(instance)
                attachment = client(manager).attachment_update(
                    context, bdm.attachment_id, connector, bdm.device_name)
                connection_info = dict(attachment.get('connection_info')
                                       or {})
                if not connection_info.get('driver_volume_type'):
                    raise exception.InvalidVolume(
                        reason='attachment %s of volume %s came back '
                               'without connection_info'
                               % (bdm.attachment_id, bdm.volume_id))
                connection_info['data'] = dict(
                    connection_info.get('data') or {})
                connection_info['data'].setdefault('volume_id',
                                                   bdm.volume_id)
                connection_info['serial'] = bdm.volume_id
                manager.driver.attach_volume(instance, connection_info,
                                             bdm.device_name)
                plugged = True
                client(manager).attachment_complete(context,
                                                    bdm.attachment_id)
                bdm.connection_info = jsonutils.dumps(connection_info)
                bdm.save()
        except Exception as exc:  # any failure: undo, say why
            LOG.warning('Attach of volume %s to %s at %s failed on %s: %s',
                        bdm.volume_id, instance.uuid, bdm.device_name,
                        manager.host, exception.reason_of(exc))
            _undo_attach(manager, context, instance, bdm, plugged,
                         connection_info)
            _finish_action(context, instance, 'Error')
            return
        _finish_action(context, instance)
        LOG.info('Volume %s attached to %s at %s', bdm.volume_id,
                 instance.uuid, bdm.device_name)


def detach_volume(manager, context, instance, volume_id):
    """Unplug the volume, disconnect it, delete its attachment and its
    mapping. A guest that does not let it go keeps it (the event says
    so) and the attachment stays.
    """
    with build.instance_lock(instance.uuid):
        try:
            bdm = objects.BlockDeviceMapping.get_by_volume_and_instance(
                context, volume_id, instance.uuid)
        except exception.VolumeBDMNotFound:
            LOG.info('Volume %s is not attached to %s any more', volume_id,
                     instance.uuid)
            _finish_action(context, instance)
            return
        try:
            with power.event_reporter(context, instance.uuid,
                                      'compute_detach_volume',
                                      manager.host):
                manager.driver.detach_volume(instance, bdm.connection(),
                                             bdm.device_name)
        except Exception as exc:
            LOG.warning('Detach of volume %s from %s failed on %s: %s',
                        volume_id, instance.uuid, manager.host,
                        exception.reason_of(exc))
            _finish_action(context, instance, 'Error')
            return
        _forget(manager, context, instance, bdm)
        _finish_action(context, instance)
        LOG.info('Volume %s detached from %s', volume_id, instance.uuid)


def _finish_action(context, instance, message=None):
    try:
        objects.InstanceAction.action_finish(context, instance.uuid,
                                             message=message)
    except exception.InstanceActionNotFound:
        pass


def cleanup_for_terminate(manager, context, instance):
    """After the guest is gone: every volume disconnected, its attachment
    deleted, the delete_on_termination ones deleted, the mappings
    destroyed. Best effort: what fails is logged (the volume service's
    audit removes attachments of servers that are gone)."""
    bdms = objects.BlockDeviceMappingList.get_by_instance_uuid(
        context, instance.uuid)
    for bdm in bdms.volumes():
        try:
            manager.driver.detach_volume(instance, bdm.connection(),
                                         bdm.device_name)
        except Exception as exc:
            LOG.warning('Disconnecting volume %s of deleted server %s: %s',
                        bdm.volume_id, instance.uuid,
                        exception.reason_of(exc))
    release_volumes(client(manager), context, instance, bdms)


def release_volumes(volume_api, context, instance, bdms):
    """Attachments deleted, delete_on_termination volumes deleted,
    mappings destroyed: the volume side of a server's delete (also the
    API's local delete). Best effort, logged."""
    for bdm in bdms.volumes():
        _delete_attachment(volume_api, context, instance, bdm)
        if bdm.delete_on_termination and bdm.volume_id:
            try:
                volume_api.delete(context, bdm.volume_id)
            except exception.VolumeNotFound:
                pass
            except Exception as exc:
                LOG.warning('Deleting volume %s (delete_on_termination) of '
                            'deleted server %s: %s', bdm.volume_id,
                            instance.uuid, exception.reason_of(exc))
        bdm.destroy()
