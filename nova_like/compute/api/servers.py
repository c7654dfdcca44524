# SPDX-License-Identifier: Apache-2.0
"""The compute facade the API (and conductor) import for servers.

It creates, finds, changes and deletes them.

Create writes, for each server, a BuildRequest (carrying the not yet
created Instance), a RequestSpec and an InstanceMapping without a cell, then
casts once to the conductor; if anything fails before that cast, what was
written is deleted again. Reads merge the build requests (servers not yet in
a cell) with the instances of every cell (compute/api/server_list.py).
"""

import logging
import re

import oslo_messaging as messaging
from oslo_serialization import jsonutils
from oslo_utils import timeutils
from oslo_utils import uuidutils

from nova_like.clients import glance
from nova_like.clients import placement
from nova_like.compute.api import guards
from nova_like.compute.api import networking
from nova_like.compute.api import server_groups as server_group_api
from nova_like.compute.api import server_list
from nova_like.compute.api import volumes
from nova_like.compute import rpcapi
from nova_like.compute import task_states
from nova_like.compute import vm_states
from nova_like.conductor import api as conductor_api
from nova_like import conf
from nova_like import context as nl_context
from nova_like import exception
from nova_like import objects
from nova_like.objects import quotas
from nova_like.objects import service as service_obj
from nova_like.objects import transaction

CONF = conf.CONF
LOG = logging.getLogger(__name__)

MULTI_NAME_TEMPLATE = '%(name)s-%(count)d'
# Every task state a delete may interrupt; 'deleting' itself is a no-op.
_DELETABLE_TASK_STATES = [None] + [
    value for name, value in vars(task_states).items()
    if name.isupper() and value != task_states.DELETING]
_GIB = 1024 ** 3


def sanitize_hostname(name, default_name=None):
    """A DNS label from a display name, as Nova derives instance hostnames."""
    hostname = name.encode('latin-1', 'ignore').decode('latin-1')
    hostname = re.sub(r'[ _.]', '-', hostname)
    hostname = re.sub(r'[^\w.-]+', '', hostname, flags=re.ASCII)
    hostname = hostname.lower().strip('.-')
    hostname = hostname[:63].strip('.-')
    return hostname or default_name or ''


class API(networking.NetworkingMixin, volumes.VolumesMixin):
    """Server and flavor operations of nova-like-api."""

    def __init__(self, image_api=None, compute_task_api=None,
                 compute_rpcapi=None, placement=None, network_api=None):
        self._network_api = network_api
        self._image_api = image_api
        self._compute_task_api = compute_task_api
        self._compute_rpcapi = compute_rpcapi
        self._placement = placement

    # Collaborators, built on first use: RPC clients need a transport.

    @property
    def image_api(self):
        if self._image_api is None:
            self._image_api = glance.GlanceClient(
                recent_seconds=CONF.glance.image_check_seconds)
        return self._image_api

    @property
    def compute_task_api(self):
        if self._compute_task_api is None:
            self._compute_task_api = conductor_api.ComputeTaskAPI()
        return self._compute_task_api

    @property
    def compute_rpcapi(self):
        if self._compute_rpcapi is None:
            self._compute_rpcapi = rpcapi.ComputeAPI()
        return self._compute_rpcapi

    @property
    def placement(self):
        if self._placement is None:
            self._placement = placement.PlacementClient()
        return self._placement

    def ping(self, context, host, timeout=None):
        return self.compute_rpcapi.ping(context, host, timeout=timeout)

    # Create

    @staticmethod
    def check_image_fits_flavor(image, flavor):
        """:raises: FlavorMemoryTooSmall, FlavorDiskSmallerThan*."""
        if image.get('min_ram', 0) > flavor.memory_mb:
            raise exception.FlavorMemoryTooSmall()
        if flavor.root_gb == 0:
            return  # the image decides the root disk size
        root_bytes = flavor.root_gb * _GIB
        if (image.get('size') or 0) > root_bytes:
            raise exception.FlavorDiskSmallerThanImage(
                flavor_size=root_bytes, image_size=image['size'])
        if image.get('min_disk', 0) > flavor.root_gb:
            raise exception.FlavorDiskSmallerThanMinDisk(
                flavor_size=root_bytes,
                image_min_disk=image['min_disk'] * _GIB)

    def create(self, context, flavor, image_href, *, display_name,
               min_count=1, max_count=1, display_description=None,
               metadata=None, availability_zone=None, user_data=None,
               key_name=None, key_data=None, tags=None, hostname=None,
               scheduler_hints=None, access_ip_v4=None, access_ip_v6=None,
               config_drive=None, disk_config='MANUAL',
               trusted_certs=None, requested_networks=None,
               security_groups=None, forced_host=None, forced_node=None,
               requested_destination=None):
        """Accept up to max_count servers and hand them to the conductor.

        :param forced_host: an admin's az:host[:node]: the scheduler puts
            the servers there (forced_node: on that node) and applies no
            filter.
        :param requested_destination: 2.74's {'host', 'node'}: the
            scheduler considers only that host/node, filters applied.

        :param requested_networks: RequestSpec.requested_networks.
        :param security_groups: names or ids (None: the default group).
        :returns: (instances, reservation_id)
        :raises: ImageNotFound, ImageNotActive, FlavorMemoryTooSmall,
            FlavorDiskSmallerThan*, Invalid, OverQuota,
            MetadataLimitExceeded, and what check_requested_networks
            raises.
        """
        if flavor.disabled:
            raise exception.Invalid(reason='Flavor is disabled.')
        if min_count > max_count:
            raise exception.Invalid(
                reason='min_count must be <= max_count')
        if hostname and max_count > 1:
            raise exception.Invalid(
                reason='Unable to allocate a single hostname to multiple '
                       'instances')
        limits = quotas.get_limits(context.project_id)
        quotas.check_metadata_items(context.project_id, metadata, limits)
        max_count = quotas.instances_that_fit(
            context.project_id, context.user_id, flavor, min_count,
            max_count, limits)
        image = self.image_api.get_active(context, image_href)
        self.check_image_fits_flavor(image, flavor)
        max_count = self.check_requested_networks(
            context, requested_networks, security_groups, min_count,
            max_count)
        group = server_group_api.group_for_create(context, scheduler_hints)
        reservation_id = 'r-' + uuidutils.generate_uuid()[:8]
        hints = {key: [str(v) for v in value] if isinstance(value, list)
                 else [str(value)] for key, value in
                 (scheduler_hints or {}).items()}
        system_metadata = self._system_metadata(image, disk_config,
                                                availability_zone,
                                                scheduler_hints,
                                                trusted_certs)
        now = timeutils.utcnow()

        def write_requests():
            # Fresh lists: a transaction that lost a lock runs this again.
            instances, build_requests, request_specs = [], [], []
            written = []
            for index in range(max_count):
                instance = self._new_instance(
                    context, flavor, image, index, max_count,
                    display_name=display_name,
                    display_description=display_description,
                    metadata=metadata, availability_zone=availability_zone,
                    user_data=user_data, key_name=key_name,
                    key_data=key_data, tags=tags,
                    hostname=hostname, reservation_id=reservation_id,
                    access_ip_v4=access_ip_v4, access_ip_v6=access_ip_v6,
                    config_drive=config_drive,
                    system_metadata=system_metadata, now=now)
                spec = objects.RequestSpec(
                    context, instance_uuid=instance.uuid,
                    project_id=context.project_id, user_id=context.user_id,
                    flavor=flavor, image=self._spec_image(image),
                    num_instances=max_count,
                    availability_zone=availability_zone,
                    scheduler_hints=hints,
                    requested_networks=requested_networks,
                    security_groups=list(security_groups or []),
                    force_hosts=[forced_host] if forced_host else [],
                    force_nodes=[forced_node] if forced_node else [],
                    requested_destination=requested_destination)
                spec.create()
                written.append(spec)
                build_request = objects.BuildRequest(
                    context, instance_uuid=instance.uuid,
                    project_id=context.project_id, instance=instance)
                build_request.create()
                written.append(build_request)
                mapping = objects.InstanceMapping(
                    context, instance_uuid=instance.uuid,
                    project_id=context.project_id, user_id=context.user_id,
                    cell_mapping=None, vcpus=flavor.vcpus,
                    memory_mb=flavor.memory_mb)
                mapping.create()
                written.append(mapping)
                instances.append(instance)
                build_requests.append(build_request)
                request_specs.append(spec)
            return instances, build_requests, request_specs, written

        instances, written = [], []
        try:
            # One BEGIN/COMMIT for every server's three rows.
            instances, build_requests, request_specs, written = \
                transaction.api_db(write_requests)
            quotas.recheck(context.project_id, context.user_id, {
                'instances': max_count, 'cores': flavor.vcpus * max_count,
                'ram': flavor.memory_mb * max_count}, limits)
            if group is not None:
                server_group_api.join(context, group,
                                      [i.uuid for i in instances])
            self.compute_task_api.schedule_and_build_instances(
                context, build_requests, request_specs, image, tags or [])
        except Exception:
            self._undo(written)
            for instance in instances if group is not None else ():
                objects.InstanceGroup.remove_member(context, instance.uuid)
            raise
        return instances, reservation_id

    @staticmethod
    def _undo(written):
        for obj in reversed(written):
            try:
                obj.destroy()
            except exception.NotFound:
                pass
            except Exception:  # keep undoing the rest; the error is logged
                LOG.exception('Could not delete %s %s after a failed '
                              'create', obj.obj_name(), obj.instance_uuid)

    @staticmethod
    def _spec_image(image):
        # RequestSpec.image holds strings only: properties travel as JSON.
        spec = {key: None if value is None else str(value)
                for key, value in image.items() if key != 'properties'}
        spec['properties'] = jsonutils.dumps(image.get('properties') or {})
        return spec

    @staticmethod
    def _system_metadata(image, disk_config, availability_zone,
                         scheduler_hints, trusted_certs):
        sysmeta = {'image_base_image_ref': image['id'],
                   'disk_config': disk_config}
        for key in ('min_ram', 'min_disk', 'disk_format',
                    'container_format'):
            if image.get(key) is not None:
                sysmeta['image_%s' % key] = str(image[key])
        for key, value in (image.get('properties') or {}).items():
            sysmeta['image_%s' % key] = (value if isinstance(value, str)
                                         else jsonutils.dumps(value))
        if availability_zone:
            sysmeta['pinned_availability_zone'] = availability_zone
        if scheduler_hints:
            sysmeta['scheduler_hints'] = jsonutils.dumps(scheduler_hints)
        if trusted_certs:
            sysmeta['trusted_image_certificates'] = jsonutils.dumps(
                trusted_certs)
        return sysmeta

    @staticmethod
    def _new_instance(context, flavor, image, index, count, *, display_name,
                      hostname, system_metadata, now, **values):
        uuid = uuidutils.generate_uuid()
        name = display_name
        if count > 1:
            name = MULTI_NAME_TEMPLATE % {'name': display_name,
                                          'count': index + 1}
        if not hostname:
            hostname = sanitize_hostname(name, 'Server-%s' % uuid)
        instance = objects.Instance(
            context, uuid=uuid, user_id=context.user_id,
            project_id=context.project_id, display_name=name,
            display_description=values['display_description'],
            hostname=hostname, image_ref=image['id'], flavor=flavor,
            vcpus=flavor.vcpus, memory_mb=flavor.memory_mb,
            root_gb=flavor.root_gb, ephemeral_gb=flavor.ephemeral_gb,
            host=None, node=None, launched_on=None,
            availability_zone=values['availability_zone'],
            vm_state=vm_states.BUILDING,
            task_state=task_states.SCHEDULING, power_state=0,
            key_name=values['key_name'], key_data=values['key_data'],
            user_data=values['user_data'],
            config_drive='True' if values['config_drive'] else '',
            locked=False, locked_by=None,
            reservation_id=values['reservation_id'], launch_index=index,
            access_ip_v4=values['access_ip_v4'],
            access_ip_v6=values['access_ip_v6'], progress=0,
            launched_at=None, terminated_at=None,
            metadata=dict(values['metadata'] or {}),
            system_metadata=dict(system_metadata),
            tags=list(values['tags'] or []), created_at=now,
            updated_at=now, deleted_at=None, deleted=False)
        return instance

    # Read

    def get(self, context, uuid):
        """The server uuid: its Instance, from a build request or its cell.

        The instance's fault is loaded when it is in ERROR. Instances from
        a build request have no 'id'.

        :raises: InstanceNotFound.
        """
        mapping = _mapping(context, uuid)
        if mapping.cell_mapping is None:
            if mapping.queued_for_delete:
                raise exception.InstanceNotFound(instance_id=uuid)
            try:
                return objects.BuildRequest.get_by_instance_uuid(
                    context, uuid).instance
            except exception.BuildRequestNotFound:
                # Scheduled meanwhile: the mapping now names a cell.
                mapping = objects.InstanceMapping.get_by_instance_uuid(
                    context, uuid)
                if mapping.cell_mapping is None:
                    raise exception.InstanceNotFound(instance_id=uuid)
        with nl_context.target_cell(context, mapping.cell_mapping) as cctx:
            instance = objects.Instance.get_by_uuid(cctx, uuid)
            server_list.load_faults(cctx, [instance])
        instance.cell_mapping = mapping.cell_mapping
        return instance

    @staticmethod
    def get_all(context, filters, limit=None, marker=None, sort_keys=None,
                sort_dirs=None):
        """See server_list.get_all."""
        return server_list.get_all(context, filters, limit=limit,
                                   marker=marker, sort_keys=sort_keys,
                                   sort_dirs=sort_dirs)

    # Update

    def update(self, context, instance, updates):
        """Change name, description, hostname... of a server; return it.

        :raises: InstanceIsLocked.
        """
        guards.check_lock(context, instance)
        if not instance.obj_attr_is_set('id'):
            try:
                build_request = objects.BuildRequest.get_by_instance_uuid(
                    context, instance.uuid)
            except exception.BuildRequestNotFound:
                return self.update(context, self.get(context, instance.uuid),
                                   updates)
            build_request.update_instance(updates)
            return build_request.instance
        with nl_context.target_cell(context, instance.cell_mapping) as cctx:
            instance._context = cctx
            for key, value in updates.items():
                setattr(instance, key, value)
            instance.save()
        return instance

    # Delete

    def delete(self, context, instance):
        """Delete a server wherever it is in its life.

        :raises: InstanceNotFound, InstanceIsLocked.
        """
        guards.check_lock(context, instance)
        uuid = instance.uuid
        objects.InstanceGroup.remove_member(context, uuid)
        if not instance.obj_attr_is_set('id'):
            # The scheduler may have claimed already: a conductor that died
            # with the request would leave the claim behind. Removed first,
            # so that a Placement outage fails the delete before anything
            # changed; a conductor still building removes its own claim
            # when it finds the BuildRequest gone.
            self.placement.delete_allocation_for_instance(uuid)
            try:
                objects.BuildRequest(context, instance_uuid=uuid).destroy()
            except exception.BuildRequestNotFound:
                # Scheduled meanwhile: delete it in its cell.
                return self.delete(context, self.get(context, uuid))
            self._queue_mapping_for_delete(context, uuid)
            return
        with nl_context.target_cell(context, instance.cell_mapping) as cctx:
            instance._context = cctx
            if instance.task_state == task_states.DELETING:
                return
            if not instance.host or not self._compute_is_up(cctx,
                                                            instance.host):
                self._local_delete(context, cctx, instance)
                return
            instance.task_state = task_states.DELETING
            try:
                instance.save(expected_task_state=_DELETABLE_TASK_STATES)
            except exception.UnexpectedDeletingTaskStateError:
                return  # another request is deleting it already
            objects.InstanceAction.action_start(cctx, uuid, 'delete')
            # Its quota is free from now on, as in Nova.
            self._queue_mapping_for_delete(context, uuid)
            self.compute_rpcapi.terminate_instance(cctx, instance)

    @staticmethod
    def _compute_is_up(cctx, host):
        try:
            service = objects.Service.get_by_host_and_binary(
                cctx, host, service_obj.COMPUTE_BINARY)
        except exception.HostBinaryNotFound:
            return False
        return service.is_up(CONF.service_down_time)

    def _local_delete(self, context, cctx, instance):
        LOG.info('Deleting server %s locally: its host %s is %s',
                 instance.uuid, instance.host,
                 'down' if instance.host else 'not set')
        self.placement.delete_allocation_for_instance(instance.uuid)
        self.release_volumes_locally(cctx, instance)
        instance.vm_state = vm_states.DELETED
        instance.task_state = None
        instance.destroy()  # the state above is written with it
        try:
            objects.RequestSpec(context, instance_uuid=instance.uuid).destroy()
        except exception.RequestSpecNotFound:
            pass
        self._queue_mapping_for_delete(context, instance.uuid)

    @staticmethod
    def _queue_mapping_for_delete(context, uuid):
        try:
            mapping = objects.InstanceMapping.get_by_instance_uuid(context,
                                                                   uuid)
        except exception.InstanceMappingNotFound:
            return
        mapping.queued_for_delete = True
        mapping.save()

    # Actions on a server in a cell (see POWER_ACTIONS)

    def _act(self, context, instance, name, action, **cast_kwargs):
        """The one path of every asynchronous action.

        Lock and state checks, task_state set as a compare-and-swap on the
        states checked, the instance action recorded, the cast to the
        compute host; a failed cast puts the task state back.

        :raises: InstanceIsLocked, InstanceInvalidState.
        """
        guards.check_lock(context, instance)
        guards.check_state(instance, name, action.vm_states,
                           action.task_states)
        if not instance.host:
            raise exception.InstanceNotReady(instance_id=instance.uuid,
                                             reason='it has no host')
        with nl_context.target_cell(context, instance.cell_mapping) as cctx:
            instance._context = cctx
            previous = instance.task_state
            instance.task_state = action.task_state
            try:
                instance.save(expected_task_state=list(action.task_states),
                              expected_vm_state=list(action.vm_states))
            except exception.UnexpectedTaskStateError:
                # Changed since we looked: answer with the state it has now.
                current = objects.Instance.get_by_uuid(cctx, instance.uuid)
                guards.check_state(current, name, action.vm_states,
                            action.task_states)
                raise
            objects.InstanceAction.action_start(cctx, instance.uuid, name)
            try:
                getattr(self.compute_rpcapi, action.cast)(
                    cctx, instance, **cast_kwargs)
            except Exception:
                instance.task_state = previous
                instance.save(expected_task_state=[action.task_state])
                objects.InstanceAction.action_finish(cctx, instance.uuid,
                                                     message='Error')
                raise
        return instance

    def power_action(self, context, instance, name):
        """stop, start, pause, unpause, suspend or resume a server."""
        return self._act(context, instance, name, guards.POWER_ACTIONS[name])

    def reboot(self, context, instance, reboot_type):
        """:param reboot_type: 'SOFT' or 'HARD'."""
        return self._act(context, instance, 'reboot',
                         guards.REBOOT[reboot_type], reboot_type=reboot_type)

    def lock(self, context, instance, reason=None):
        """Lock the server against changes by non-admins."""
        locked_by = ('owner' if context.project_id == instance.project_id
                     else 'admin')
        sysmeta = dict(instance.system_metadata)
        sysmeta.pop('locked_reason', None)
        if reason:
            sysmeta['locked_reason'] = reason
        self._set_lock(context, instance, 'lock', True, locked_by, sysmeta)

    def unlock(self, context, instance):
        sysmeta = dict(instance.system_metadata)
        sysmeta.pop('locked_reason', None)
        self._set_lock(context, instance, 'unlock', False, None, sysmeta)

    @staticmethod
    def is_expected_locked_by(context, instance):
        """Whether context is who locked instance (owner or admin)."""
        expected = ('owner' if context.project_id == instance.project_id
                    else 'admin')
        return instance.locked_by in (None, expected)

    def _set_lock(self, context, instance, name, locked, locked_by, sysmeta):
        self._require_cell(instance, name)
        with nl_context.target_cell(context, instance.cell_mapping) as cctx:
            instance._context = cctx
            instance.locked = locked
            instance.locked_by = locked_by
            instance.system_metadata = sysmeta
            instance.save()
            action = objects.InstanceAction.action_start(cctx, instance.uuid,
                                                         name)
            objects.InstanceAction.action_finish(cctx, instance.uuid)
        return action

    @staticmethod
    def _require_cell(instance, method):
        if not instance.obj_attr_is_set('id'):
            raise exception.InstanceInvalidState(
                method=method, instance_uuid=instance.uuid, attr='vm_state',
                state=instance.vm_state)

    def get_console_output(self, context, instance, tail_length=None):
        """The guest's console log (its last tail_length lines).

        :raises: InstanceNotReady (no host, or the host is down),
            ComputeUnavailable when the host does not answer in time.
        """
        if not instance.obj_attr_is_set('id') or not instance.host:
            raise exception.InstanceNotReady(
                instance_id=instance.uuid, reason='it has no host yet')
        timeout = CONF.compute.console_output_timeout
        with nl_context.target_cell(context, instance.cell_mapping) as cctx:
            if not self._compute_is_up(cctx, instance.host):
                raise exception.InstanceNotReady(
                    instance_id=instance.uuid, reason='its host %s is down'
                    % instance.host)
            try:
                return self.compute_rpcapi.get_console_output(
                    cctx, instance, tail_length, timeout=timeout)
            except messaging.MessagingTimeout:
                raise exception.ComputeUnavailable(
                    host=instance.host, what='the console output request',
                    timeout=timeout)

    # Metadata and tags

    def _save_settled(self, context, instance, method, **values):
        """Write values to a settled, unlocked server in its cell."""
        guards.check_lock(context, instance)
        guards.check_state(instance, method, guards.SETTLED, (None,))
        with nl_context.target_cell(context, instance.cell_mapping) as cctx:
            instance._context = cctx
            for key, value in values.items():
                setattr(instance, key, value)
            try:
                instance.save(expected_task_state=[None],
                              expected_vm_state=list(guards.SETTLED))
            except exception.UnexpectedTaskStateError:
                current = objects.Instance.get_by_uuid(cctx, instance.uuid)
                guards.check_state(current, method, guards.SETTLED, (None,))
                raise
        return instance

    def update_metadata(self, context, instance, metadata, replace=False):
        """Merge (or with replace, set) the server's metadata; return it."""
        merged = dict(metadata) if replace else dict(instance.metadata,
                                                     **metadata)
        quotas.check_metadata_items(instance.project_id, merged)
        self._save_settled(context, instance, 'update metadata',
                           metadata=merged)
        return dict(instance.metadata)

    def delete_metadata_item(self, context, instance, key):
        """:raises: NotFound when the server has no item key."""
        if key not in instance.metadata:
            raise exception.NotFound('Metadata item was not found')
        metadata = dict(instance.metadata)
        del metadata[key]
        self._save_settled(context, instance, 'delete metadata',
                           metadata=metadata)

    def set_tags(self, context, instance, tags):
        """Replace the server's tags (duplicates dropped, order kept)."""
        tags = list(dict.fromkeys(tags))
        if len(tags) > guards.MAX_TAGS:
            raise exception.Invalid(
                reason='The number of tags exceeded the per-server limit %d'
                % guards.MAX_TAGS)
        self._save_settled(context, instance, 'update tag', tags=tags)
        return list(instance.tags)

    def add_tag(self, context, instance, tag):
        """:returns: True when the tag is new."""
        if tag in instance.tags:
            guards.check_state(instance, 'update tag', guards.SETTLED, (None,))
            return False
        self.set_tags(context, instance, list(instance.tags) + [tag])
        return True

    def delete_tag(self, context, instance, tag):
        """:raises: NotFound when the server has no such tag."""
        if tag not in instance.tags:
            raise exception.NotFound('Tag %s could not be found.' % tag)
        self._save_settled(context, instance, 'delete tag',
                           tags=[t for t in instance.tags if t != tag])

    # Instance actions

    def get_including_deleted(self, context, uuid):
        """The server uuid even when it was deleted (instance actions).

        :raises: InstanceNotFound.
        """
        try:
            return self.get(context, uuid)
        except exception.InstanceNotFound:
            pass
        mapping = _mapping(context, uuid)
        if mapping.cell_mapping is None:
            raise exception.InstanceNotFound(instance_id=uuid)
        with nl_context.target_cell(context, mapping.cell_mapping) as cctx:
            cctx.read_deleted = 'yes'
            instance = objects.Instance.get_by_uuid(cctx, uuid)
        instance.cell_mapping = mapping.cell_mapping
        return instance

    @staticmethod
    def actions_of(context, instance, limit=None, marker=None,
                   filters=None):
        """:raises: InstanceActionNotFound for an unknown marker."""
        if not instance.obj_attr_is_set('id'):
            return []
        with nl_context.target_cell(context, instance.cell_mapping) as cctx:
            return objects.InstanceActionList.get_by_instance_uuid(
                cctx, instance.uuid, limit, marker, filters)

    @staticmethod
    def action_with_events(context, instance, request_id):
        """(InstanceAction, its events newest first).

        :raises: InstanceActionNotFound.
        """
        if not instance.obj_attr_is_set('id'):
            raise exception.InstanceActionNotFound(
                request_id=request_id, instance_uuid=instance.uuid)
        with nl_context.target_cell(context, instance.cell_mapping) as cctx:
            action = objects.InstanceAction.get_by_request_id(
                cctx, instance.uuid, request_id)
            events = objects.InstanceActionEventList.get_by_action(
                cctx, action.id)
        return action, events

    # Flavors

    @staticmethod
    def flavor_get_all(context, filters, sort_key='flavorid', sort_dir='asc',
                       limit=None, marker=None):
        """:raises: MarkerNotFound."""
        return objects.FlavorList.get_all_filtered(
            context, filters, sort_key, sort_dir, limit, marker)

    @staticmethod
    def flavor_update(context, flavor, values):
        for key, value in values.items():
            setattr(flavor, key, value)
        flavor.save()
        return flavor

    @staticmethod
    def flavor_extra_specs_update(context, flavor, specs):
        return flavor.update_extra_specs(specs)

    @staticmethod
    def flavor_extra_spec_delete(context, flavor, key):
        flavor.delete_extra_spec(key)

    @staticmethod
    def flavor_access_add(context, flavor, project_id):
        return flavor.add_access(project_id)

    @staticmethod
    def flavor_access_remove(context, flavor, project_id):
        return flavor.remove_access(project_id)


def _mapping(context, uuid):
    """:raises: InstanceNotFound when no server has uuid."""
    try:
        return objects.InstanceMapping.get_by_instance_uuid(context, uuid)
    except exception.InstanceMappingNotFound:
        raise exception.InstanceNotFound(instance_id=uuid)
