# SPDX-License-Identifier: Apache-2.0
"""The compute facade: what the API (and conductor) import to create, find, change and delete servers.

Create writes, for each server, a BuildRequest (carrying the not yet
created Instance), a RequestSpec and an InstanceMapping without a cell, then
casts once to the conductor; if anything fails before that cast, what was
written is deleted again. Reads merge the build requests (servers not yet in
a cell) with the instances of every cell.
"""

import functools
import logging
import re

from oslo_serialization import jsonutils
from oslo_utils import uuidutils

from nova_like.clients import glance
from nova_like.compute import rpcapi
from nova_like.compute import task_states
from nova_like.compute import vm_states
from nova_like import conf
from nova_like import context as nl_context
from nova_like.db.api import api as api_db
from nova_like import exception
from nova_like import objects
from nova_like.objects import base as obj_base

CONF = conf.CONF
LOG = logging.getLogger(__name__)

COMPUTE_BINARY = 'nova-like-compute'
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


class API:
    """Server and flavor operations of nova-like-api."""

    def __init__(self, image_api=None, compute_task_api=None,
                 compute_rpcapi=None, placement=None):
        self._image_api = image_api
        self._compute_task_api = compute_task_api
        self._compute_rpcapi = compute_rpcapi
        self._placement = placement

    # Collaborators, built on first use: RPC clients need a transport.

    @property
    def image_api(self):
        if self._image_api is None:
            self._image_api = glance.GlanceClient()
        return self._image_api

    @property
    def compute_task_api(self):
        if self._compute_task_api is None:
            from nova_like.conductor import api as conductor_api
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
            from nova_like.clients import placement
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
               key_name=None, tags=None, hostname=None,
               scheduler_hints=None, access_ip_v4=None, access_ip_v6=None,
               config_drive=None, disk_config='MANUAL',
               trusted_certs=None):
        """Accept up to max_count servers and hand them to the conductor.

        :returns: (instances, reservation_id)
        :raises: ImageNotFound, ImageNotActive, FlavorMemoryTooSmall,
            FlavorDiskSmallerThan*, Invalid.
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
        image = self.image_api.get_active(context, image_href)
        self.check_image_fits_flavor(image, flavor)
        reservation_id = 'r-' + uuidutils.generate_uuid()[:8]
        hints = {key: [str(v) for v in value] if isinstance(value, list)
                 else [str(value)] for key, value in
                 (scheduler_hints or {}).items()}
        system_metadata = self._system_metadata(image, disk_config,
                                                availability_zone,
                                                scheduler_hints,
                                                trusted_certs)
        now = _utcnow()
        instances, build_requests, request_specs = [], [], []
        written = []
        try:
            for index in range(max_count):
                instance = self._new_instance(
                    context, flavor, image, index, max_count,
                    display_name=display_name,
                    display_description=display_description,
                    metadata=metadata, availability_zone=availability_zone,
                    user_data=user_data, key_name=key_name, tags=tags,
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
                    scheduler_hints=hints)
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
                    cell_mapping=None)
                mapping.create()
                written.append(mapping)
                instances.append(instance)
                build_requests.append(build_request)
                request_specs.append(spec)
            self.compute_task_api.schedule_and_build_instances(
                context, build_requests, request_specs, image, tags or [])
        except Exception:
            self._undo(written)
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
            key_name=values['key_name'], key_data=None,
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
        try:
            mapping = objects.InstanceMapping.get_by_instance_uuid(context,
                                                                   uuid)
        except exception.InstanceMappingNotFound:
            raise exception.InstanceNotFound(instance_id=uuid)
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
            self._load_faults(cctx, [instance])
        instance.cell_mapping = mapping.cell_mapping
        return instance

    @staticmethod
    def _load_faults(cctx, instances):
        wanted = [i.uuid for i in instances
                  if i.vm_state in (vm_states.ERROR, vm_states.DELETED)]
        faults = {}
        if wanted:
            for fault in objects.InstanceFaultList.get_by_instance_uuids(
                    cctx, wanted, latest=True):
                faults[fault.instance_uuid] = fault
        for instance in instances:
            instance.fault = faults.get(instance.uuid)

    def get_all(self, context, filters, limit=None, marker=None,
                sort_keys=None, sort_dirs=None):
        """Servers matching filters from the build requests and every cell.

        :param filters: as InstanceList.get_by_filters; project_id scopes
            the listing (absent for an admin's all_tenants).
        :param marker: uuid of the last server of the previous page.
        :raises: MarkerNotFound.
        """
        sort_keys = list(sort_keys or ['created_at'])
        sort_dirs = list(sort_dirs or ['desc'] * len(sort_keys))
        if 'uuid' not in sort_keys:
            sort_keys.append('uuid')
            sort_dirs.append(sort_dirs[0] if sort_dirs else 'desc')
        cells = objects.CellMappingList.get_all(context)
        marker_values = None
        if marker is not None:
            marker_values = self._marker_values(context, cells, marker)
        found = {}
        for instance in self._build_request_instances(context, filters):
            values = _sort_values(instance)
            if marker_values is None or _after(values, marker_values,
                                               sort_keys, sort_dirs):
                found[instance.uuid] = instance
        for cell in cells:
            with nl_context.target_cell(context, cell) as cctx:
                listed = objects.InstanceList.get_by_filters_after(
                    cctx, filters, sort_keys, sort_dirs, limit,
                    marker_values)
                self._load_faults(cctx, listed)
            for instance in listed:
                instance.cell_mapping = cell
                found[instance.uuid] = instance  # the cell copy wins
        # Sort keys are computed once per instance, not once per comparison.
        keyed = [(_sort_values(i), i) for i in found.values()]
        keyed.sort(key=functools.cmp_to_key(
            lambda a, b: _compare(a[0], b[0], sort_keys, sort_dirs)))
        ordered = [instance for _values, instance in keyed]
        return ordered[:limit] if limit is not None else ordered

    @staticmethod
    def _marker_values(context, cells, marker):
        try:
            instance = objects.BuildRequest.get_by_instance_uuid(
                context, marker).instance
            return _sort_values(instance)
        except exception.BuildRequestNotFound:
            pass
        for cell in cells:
            with nl_context.target_cell(context, cell) as cctx:
                try:
                    return objects.InstanceList.marker_values(cctx, marker)
                except exception.MarkerNotFound:
                    continue
        raise exception.MarkerNotFound(marker=marker)

    @staticmethod
    def _build_request_instances(context, filters):
        if filters.get('deleted') or filters.get('changes-before') or \
                filters.get('host') or filters.get('node'):
            return []
        instances = [br.instance for br in objects.BuildRequestList.get_all(
            context, project_id=filters.get('project_id'))]
        return [i for i in instances if _matches(i, filters)]

    # Update

    def update(self, context, instance, updates):
        """Change name, description, hostname... of a server; return it."""
        if not instance.obj_attr_is_set('id'):
            try:
                build_request = objects.BuildRequest.get_by_instance_uuid(
                    context, instance.uuid)
            except exception.BuildRequestNotFound:
                return self.update(context, self.get(context, instance.uuid),
                                   updates)
            for key, value in updates.items():
                setattr(build_request.instance, key, value)
            api_db.build_request_update_instance(
                instance.uuid, jsonutils.dumps(
                    build_request.instance.obj_to_primitive()))
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

        :raises: InstanceNotFound.
        """
        uuid = instance.uuid
        if not instance.obj_attr_is_set('id'):
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
            self.compute_rpcapi.terminate_instance(cctx, instance)

    @staticmethod
    def _compute_is_up(cctx, host):
        try:
            service = objects.Service.get_by_host_and_binary(
                cctx, host, COMPUTE_BINARY)
        except exception.HostBinaryNotFound:
            return False
        return service.is_up(CONF.service_down_time)

    def _local_delete(self, context, cctx, instance):
        LOG.info('Deleting server %s locally: its host %s is %s',
                 instance.uuid, instance.host,
                 'down' if instance.host else 'not set')
        self.placement.delete_allocation_for_instance(instance.uuid)
        instance.vm_state = vm_states.DELETED
        instance.task_state = None
        instance.save()
        instance.destroy()
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

    # Flavors

    @staticmethod
    def flavor_get_all(context, filters, sort_key='flavorid', sort_dir='asc',
                       limit=None, marker=None):
        """:raises: MarkerNotFound."""
        rows = api_db.flavor_get_all_filtered(filters, sort_key, sort_dir,
                                              limit, marker)
        return [objects.Flavor._from_db_object(context, objects.Flavor(), r)
                for r in rows]

    @staticmethod
    def flavor_update(context, flavor, values):
        row = api_db.flavor_update(flavor.flavorid, values)
        return objects.Flavor._from_db_object(context, objects.Flavor(), row)

    @staticmethod
    def flavor_extra_specs_update(context, flavor, specs):
        return api_db.flavor_extra_specs_update_or_create(flavor.flavorid,
                                                          specs)

    @staticmethod
    def flavor_extra_spec_delete(context, flavor, key):
        api_db.flavor_extra_specs_delete(flavor.flavorid, key)

    @staticmethod
    def flavor_access_add(context, flavor, project_id):
        return api_db.flavor_access_add(flavor.flavorid, project_id)

    @staticmethod
    def flavor_access_remove(context, flavor, project_id):
        return api_db.flavor_access_remove(flavor.flavorid, project_id)


def _utcnow():
    from nova_like.db import base as db_base
    return db_base.utcnow()


_SORT_ATTRS = {'display_name', 'display_description', 'hostname', 'host',
               'node', 'created_at', 'updated_at', 'launched_at',
               'terminated_at', 'uuid', 'vm_state', 'task_state',
               'power_state', 'project_id', 'user_id', 'key_name',
               'launch_index', 'image_ref', 'availability_zone',
               'access_ip_v4', 'access_ip_v6', 'config_drive', 'locked_by',
               'progress'}


def _sort_values(instance):
    values = {}
    for name in _SORT_ATTRS:
        value = getattr(instance, name) if instance.obj_attr_is_set(name) \
            else None
        if name.startswith('access_ip') and value is not None:
            value = str(value)
        values[name] = obj_base.to_db(value)
    return values


def _compare(a, b, sort_keys, sort_dirs):
    """-1/0/1 for rows a and b in the order sort_keys/sort_dirs give."""
    for key, direction in zip(sort_keys, sort_dirs):
        left, right = a.get(key), b.get(key)
        if left == right:
            continue
        # NULLs first ascending, last descending, as the SQL ordering.
        if left is None:
            result = -1
        elif right is None:
            result = 1
        else:
            result = -1 if left < right else 1
        return result if direction != 'desc' else -result
    return 0


def _after(values, marker_values, sort_keys, sort_dirs):
    return _compare(values, marker_values, sort_keys, sort_dirs) > 0


def _matches(instance, filters):
    """Whether a build request's instance passes the list filters."""
    for key, wanted in filters.items():
        if key in ('changes-since',):
            updated = obj_base.to_db(instance.updated_at)
            if updated is None or updated < obj_base.to_db(wanted):
                return False
            continue
        if key in ('display_name', 'display_description', 'hostname'):
            value = getattr(instance, key) or ''
            if not re.search(str(wanted), value):
                return False
            continue
        if key == 'flavorid':
            if instance.flavor.flavorid != str(wanted):
                return False
            continue
        if key in ('tags', 'tags-any', 'not-tags', 'not-tags-any'):
            tags, wanted = set(instance.tags), set(wanted)
            if ((key == 'tags' and not wanted <= tags)
                    or (key == 'tags-any' and not wanted & tags)
                    or (key == 'not-tags' and wanted <= tags)
                    or (key == 'not-tags-any' and wanted & tags)):
                return False
            continue
        if key not in instance.fields or not instance.obj_attr_is_set(key):
            continue
        value = getattr(instance, key)
        allowed = wanted if isinstance(wanted, (list, tuple, set)) \
            else [wanted]
        if value not in allowed and str(value) not in map(str, allowed):
            return False
    return True
